from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.errors import BinaryInput, EmptyInput, EncodingError, InputError
from tracewire.ingest.decode import decode


@given(st.text(min_size=1).filter(lambda s: s.removeprefix("\ufeff").strip() and "\x00" not in s))
def test_utf8_text_round_trips(text):
    try:
        assert decode(text.encode("utf-8"), "f.txt") == text.removeprefix("\ufeff")
    except BinaryInput:
        # control characters in abundance are refused as binary only when not valid UTF-8 text
        pytest.fail("valid UTF-8 text must decode")


@settings(max_examples=300)
@given(st.binary(max_size=2048))
def test_any_bytes_decode_or_raise_an_input_error(data):
    try:
        out = decode(data, "f.bin")
    except InputError as exc:
        assert str(exc).startswith("f.bin: ")
    else:
        assert isinstance(out, str)


def test_utf8_bom_is_dropped():
    assert decode("\ufeffKabul".encode(), "f") == "Kabul"


def test_cp1252_is_detected():
    text = "Assimi Goïta met officials in Niamey – a café near the river, on Thursday, reporters said."
    assert decode(text.encode("cp1252"), "f") == text


def test_empty_and_blank_files_are_refused():
    for data in (b"", b"  \n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", "\u00a0\u2003".encode()):
        with pytest.raises(EmptyInput, match="empty"):
            decode(data, "empty.txt")


def test_binary_is_refused_with_its_kind():
    with pytest.raises(BinaryInput, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "x.txt")
    with pytest.raises(BinaryInput, match="NUL"):
        decode(b"abc\x00\x01\x02def", "x.txt")


def test_damaged_utf8_is_refused_not_guessed():
    data = "The envoy’s “plan” was réjected".encode() + b"\xc3\x28 and \xe2\x82 more"
    with pytest.raises(EncodingError, match="damaged UTF-8"):
        decode(data, "bad.txt")
