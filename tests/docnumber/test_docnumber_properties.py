"""Properties: formatting round-trips, find_all never raises and its spans parse back."""

from __future__ import annotations

import contextlib

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chidao.docnumber import (
    DOCUMENT_TYPES,
    PARTY_ISSUERS,
    STATE_ISSUERS,
    DocNumber,
    DocNumberError,
    find_all,
    format_number,
    issuer_name,
    make_party,
    make_state,
    next_number_string,
    parse,
)

PARTY_CODES = sorted({t.party_code for t in DOCUMENT_TYPES if t.party_code})
STATE_CODES = sorted({t.state_code for t in DOCUMENT_TYPES if t.state_code})

numbers = st.from_regex(r"\A[0-9]{1,6}\Z").filter(lambda n: int(n) > 0)
# Made-up abbreviations as well as known symbols: issuers are an open list.
made_up_symbols = st.from_regex(r"\A[A-ZĐ][A-ZĐ0-9]{1,5}(?:[a-zđ][A-ZĐ0-9]{0,2})?\Z")
party_issuers = st.one_of(st.sampled_from(sorted(PARTY_ISSUERS)), made_up_symbols)
agencies = st.one_of(st.sampled_from(sorted(STATE_ISSUERS)), made_up_symbols)
units = st.one_of(
    st.none(), made_up_symbols, st.lists(made_up_symbols, min_size=2, max_size=3).map("-".join)
)
years = st.integers(min_value=1945, max_value=2100)


@st.composite
def party_numbers(draw: st.DrawFn) -> DocNumber:
    issuer = draw(
        st.one_of(party_issuers, st.lists(party_issuers, min_size=2, max_size=3).map("-".join))
    )
    return DocNumber("party", draw(numbers), draw(st.sampled_from(PARTY_CODES)), issuer)


@st.composite
def state_numbers(draw: st.DrawFn) -> DocNumber:
    form = draw(st.sampled_from(["typed", "cong_van", "legislature"]))
    number = draw(numbers)
    if form == "typed":
        code = draw(st.sampled_from(STATE_CODES))
        return DocNumber(
            "state", number, code, draw(agencies), draw(units), draw(st.none() | years)
        )
    if form == "cong_van":
        return DocNumber("state", number, None, draw(agencies), draw(units))
    body = draw(st.sampled_from(["QH", "UBTVQH"])) + draw(st.sampled_from(["", "13", "14", "15"]))
    return DocNumber("state", number, None, body, None, draw(years))


def valid(number: DocNumber) -> DocNumber:
    try:
        return number.validate()
    except DocNumberError:
        assume(False)
        raise


@given(st.one_of(party_numbers(), state_numbers()), st.booleans())
def test_parse_inverts_format_number(number, prefix):
    number = valid(number)
    assert parse(format_number(number, prefix=prefix)) == number


@given(st.one_of(party_numbers(), state_numbers()))
def test_formatted_number_is_found_in_prose(number):
    number = valid(number)
    # In prose a công văn without its unit is only taken for a known agency.
    bare_cong_van = number.system == "state" and number.type_code is None and not number.year
    assume(not (bare_cong_van and number.unit is None and issuer_name(number.issuer) is None))
    text = f"Thực hiện văn bản số {format_number(number, prefix=False)} ngày 20/6/2021, đạt 55,9%."
    assert [found for _, _, found in find_all(text)] == [number]


@given(st.integers(min_value=1, max_value=999_999), st.sampled_from(["Chỉ thị", "Kế hoạch"]))
def test_make_party_writes_at_least_two_digits(value, type_name):
    number = make_party(value, type_name, "TU")
    assert len(number.number) >= 2
    assert int(number.number) == value
    assert parse(format_number(number)) == number


@given(st.integers(min_value=1, max_value=999_999), st.none() | years)
def test_make_state_round_trips(value, year):
    number = make_state(value, "Quyết định", "UBND", year=year)
    assert parse(format_number(number)) == number


@given(st.none() | st.integers(min_value=0, max_value=999_998), st.sampled_from(["party", "state"]))
def test_next_number_string_follows_last(last, system):
    text = next_number_string(last, system)
    assert int(text) == (last or 0) + 1
    assert len(text) >= 2


# Text made of the characters numbers are built from, so that near-misses are common.
grammar_alphabet = st.sampled_from(
    list("0123456789-/ ,.:") + ["CT", "TW", "QĐ", "UBND", "NĐ", "CP", "2019", "Số ", "số"]
    + ["Ð", "D\u0335", "\u0301", "\u2013", "\u2215", "a", "ư", "Hà", "ß", "\u00a0", "\n"]
)  # fmt: skip
near_miss_texts = st.lists(grammar_alphabet, max_size=60).map("".join)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), near_miss_texts))
def test_find_all_never_raises_and_spans_parse_back(text):
    previous_end = 0
    for start, end, number in find_all(text):
        assert previous_end <= start < end <= len(text)
        assert parse(text[start:end]) == number
        previous_end = end


@given(st.text(max_size=80))
def test_parse_raises_only_docnumber_error(text):
    with contextlib.suppress(DocNumberError):
        parse(text)
