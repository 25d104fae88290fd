import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.extraction.normalize import make_doc
from chidao.extraction.pipeline import extract

VIETNAMESE = st.lists(
    st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
        )
        + list("ĐÂÊÔƠƯTCHNB0123456789 ,.;:%/-()\n\u00a0\u200b\u0300\u0301\u0323\u2013\u201c\u201d")
        + [
            "đạt ",
            "vượt ",
            "tăng ",
            "giảm ",
            "tỷ đồng",
            "% dự toán",
            "so với cùng kỳ",
            "năm 2021",
            "Sáng nay (20/6)",
        ]
        + [
            "thu ngân sách ",
            "6 tháng đầu năm ",
            "tháng 8/2021",
            "55, 95%",
            "oà",
            "uỷ",
            "1.234,5",
            "Bí thư ",
        ]
    ),
    max_size=120,
).map("".join)


def _check(text: str) -> None:
    facts = extract(text)
    json.dumps(facts, ensure_ascii=False)
    assert facts["source"]["chars"] == len(text)
    for key, value in facts.items():
        if not isinstance(value, list):
            continue
        for item in value:
            if not isinstance(item, dict):
                continue
            spans = list(item.get("spans") or [])
            if "span" in item and item["span"] is not None:
                spans.append(item["span"])
            for a, b in spans:
                assert 0 <= a <= b <= len(text), (key, item)
            if key == "indicators":
                a, b = item["span"]
                assert text[a:b], item


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VIETNAMESE)
def test_vietnamese_like_text(text):
    _check(text)


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE)
def test_every_normalised_span_maps_into_raw(text):
    doc = make_doc(text)
    n = len(doc.text)
    for i in range(n):
        a, b = doc.raw_span(i, i + 1)
        assert 0 <= a < b <= len(text)
    for s in doc.sentences:
        a, b = doc.raw_span(s.start, s.end)
        assert 0 <= a < b <= len(text)
        assert text[a:b].strip()


ADVERSARIAL = {
    "dots": ".",
    "question marks": "?!",
    "ellipses": "… ",
    "initials": "A. ",
    "spaces": " ",
    "digits and dots": "1.",
    "digits and commas": "1, ",
    "slashes": "1/2/",
    "combining marks": "a\u0300\u0301\u0323",
    "tone moves": "hoà ",
    "months": "tháng ",
    "number words": "ba mươi ",
    "figures in one sentence": "thu ngân sách đạt 5 tỷ đồng, ",
    "commas": "tỷ lệ, ",
}


@pytest.mark.parametrize("unit", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_no_catastrophic_backtracking(unit):
    text = unit * (60_000 // len(unit))
    start = time.process_time()
    facts = extract(text)
    elapsed = time.process_time() - start
    assert facts["source"]["chars"] == len(text)
    assert elapsed < 10, f"{elapsed:.1f} s for {len(text)} characters"
