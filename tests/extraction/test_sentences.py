import pytest

from chidao.extraction.normalize import make_doc
from chidao.extraction.sentences import split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Một câu. Hai câu.", ["Một câu.", "Hai câu."]),
        (
            "Tại TP. Hồ Chí Minh có 1.234,5 ha. Câu sau.",
            ["Tại TP. Hồ Chí Minh có 1.234,5 ha.", "Câu sau."],
        ),
        ("Ở Q. Ba Đình, P. Điện Biên. Hết.", ["Ở Q. Ba Đình, P. Điện Biên.", "Hết."]),
        ("ThS. Nguyễn Văn A phát biểu. Sau đó", ["ThS. Nguyễn Văn A phát biểu.", "Sau đó"]),
        ("Giá trị đạt 1.234.567 đồng. Tăng 5,5%.", ["Giá trị đạt 1.234.567 đồng.", "Tăng 5,5%."]),
        ("Phát triển… Với lợi thế đó", ["Phát triển…", "Với lợi thế đó"]),
        ("Anh ấy hỏi: có không? Có!", ["Anh ấy hỏi: có không?", "Có!"]),
        ("đạt 3.5 tấn. ông Nguyễn V. Nam", ["đạt 3.5 tấn. ông Nguyễn V. Nam"]),
        ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
        ('Kết thúc." Câu mới', ['Kết thúc."', "Câu mới"]),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_lines_and_sentences_of_doc():
    doc = make_doc("Tiêu đề\n\n  Câu một. Câu hai.  \nCâu ba")
    assert [doc.text[s.start : s.end] for s in doc.lines] == [
        "Tiêu đề",
        "Câu một. Câu hai.",
        "Câu ba",
    ]
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Tiêu đề",
        "Câu một.",
        "Câu hai.",
        "Câu ba",
    ]
    second = doc.sentences[2]
    assert doc.sentence_at(second.start + 1) == second
    assert doc.sentence_at(len(doc.text) + 5) is None
