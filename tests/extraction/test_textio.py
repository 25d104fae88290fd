import codecs

import pytest

from chidao.extraction.textio import InputError, decode, legacy_encoding

VIET = "Thu ngân sách trên địa bàn huyện đạt trên 380 tỷ đồng, vượt 0,96% dự toán tỉnh giao."


@pytest.mark.parametrize(
    "data",
    [
        VIET.encode("utf-8"),
        codecs.BOM_UTF8 + VIET.encode("utf-8"),
        VIET.encode("utf-16"),  # with BOM, native order
        codecs.BOM_UTF16_LE + VIET.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + VIET.encode("utf-16-be"),
        VIET.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
        VIET.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_unicode_encodings(data):
    assert decode(data, "a.txt") == VIET


# Bytes written with the published charts: TCVN3 (ABC) and VNI Windows.
TCVN3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §¶ng bé huyÖn Cao Léc. Thu ng©n s¸ch trªn ®Þa bµn ®¹t 380 tû ®ång."
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñaûng boä huyeän Cao Loäc. Chæ thò soá 10. Thu ngaân saùch treân ñòa baøn ñaït 380 tyû ñoàng."


def test_tcvn3_bytes_are_converted():
    text = decode(TCVN3.encode("latin-1"), "abc.txt")
    assert "Cộng hoà xã hội chủ nghĩa Việt Nam" in text
    assert "Đảng bộ huyện Cao Lộc" in text
    assert "Thu ngân sách trên địa bàn đạt 380 tỷ đồng" in text


def test_tcvn3_capitals_restored():
    assert decode("§¶NG Bé HUYÖN".encode("latin-1"), "x") == "ĐẢNG BỘ HUYỆN"


def test_tcvn3_mojibake_in_utf8_is_converted():
    assert "Việt Nam" in decode(TCVN3.encode("utf-8"), "m.txt")


def test_vni_bytes_are_converted():
    text = decode(VNI.encode("latin-1"), "vni.txt")
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in text
    assert "Chỉ thị số 10" in text
    assert "Thu ngân sách trên địa bàn đạt 380 tỷ đồng" in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"  \r\n\t ", "empty input"),
        (codecs.BOM_UTF8, "empty input"),
        (b"\x00\x01\x02\x03\xff\xfe\x00\x07", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "binary"),
        ("Grüße aus München, schöne Straße".encode("latin-1"), "not UTF-8"),
        (b"\x01\x02\x03 text with controls \x04\x05\x06\x07\x08", "binary"),
    ],
)
def test_refused(data, reason):
    with pytest.raises(InputError) as info:
        decode(data, "bad.bin")
    message = str(info.value)
    assert message.startswith("bad.bin: ")
    assert reason in message
    assert "\n" not in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VIET, None),
        (TCVN3, "TCVN3"),
        (VNI, "VNI"),
        ("Plain English text, nothing special here.", None),
        ("Café au lait, où est la gare?", None),
    ],
)
def test_legacy_detection(text, expected):
    assert legacy_encoding(text) == expected


def _as_windows_1252(data: bytes) -> str:
    """How a Windows editor shows UTF-8 bytes opened as Windows-1252 (undefined bytes kept)."""
    undefined = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in data)


def test_double_encoded_utf8_is_repaired():
    text = "Việt Nam — “Đảng” ĐẠI HỘI. " + VIET
    mojibake = _as_windows_1252(text.encode("utf-8"))
    assert "á»‡" in mojibake
    assert decode(mojibake.encode("utf-8"), "m.txt") == text


def test_plain_utf8_with_latin_letters_is_left_alone():
    text = "Café – Ô Môn, Nguyễn Văn Ân. Giá 5 €."
    assert decode(text.encode("utf-8"), "x") == text


def test_legacy_file_outside_the_chart_is_refused_naming_the_encoding():
    data = ("Thu ng©n s¸ch ®¹t " + "º¿ÀÁÂÃ " * 5).encode("latin-1")
    with pytest.raises(InputError) as info:
        decode(data, "old.txt")
    assert str(info.value) == (
        "old.txt: file looks like TCVN3 (ABC) legacy encoding; convert it to UTF-8"
    )
