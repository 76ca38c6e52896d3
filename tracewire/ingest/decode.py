"""Bytes to text: the first step of every ingest format.

UTF-8 is tried first (a BOM is dropped). A file that holds valid multi-byte UTF-8 sequences
and also invalid ones is damaged UTF-8 and is refused rather than guessed at; anything else
that is not UTF-8 goes to charset-normalizer, which must find a confident legacy encoding;
when several fit equally, the code pages of Western news (cp1252 first) are preferred.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from tracewire.errors import BinaryInput, EmptyInput, EncodingError

# A well-formed UTF-8 multi-byte sequence (2, 3 or 4 bytes).
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1256")
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF file",
    # compressed input is never unpacked (no zip bombs): the user decompresses what they trust
    b"PK\x03\x04": "a zip archive; compressed files are not read, unpack it first",
    b"\x1f\x8b": "a gzip archive; compressed files are not read, unpack it first",
    b"BZh": "a bzip2 archive; compressed files are not read, unpack it first",
    b"\xfd7zXZ\x00": "an xz archive; compressed files are not read, unpack it first",
    b"(\xb5/\xfd": "a zstd archive; compressed files are not read, unpack it first",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


def decode(data: bytes, where: str) -> str:
    """Decode ``data`` read from ``where`` into text, or raise an InputError saying why not."""
    if not data.strip():
        raise EmptyInput(where, "empty file (no text)")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(where, f"binary data ({what}), not text")
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise BinaryInput(where, "binary data (contains NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _UTF8_MULTI.search(data):
            raise EncodingError(where, f"damaged UTF-8 (invalid byte sequence at byte {exc.start})") from None
    else:
        if not text.strip():
            raise EmptyInput(where, "no text (only a byte-order mark or blank space)")
        return text
    matches = list(from_bytes(data))
    if not matches:
        raise EncodingError(where, "unknown text encoding (not UTF-8, no confident guess)")
    # Short texts fit many code pages equally well; among the least chaotic readings prefer the
    # encodings English-language news is written in.
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]
    best = next((m for enc in PREFERRED for m in tied if m.encoding == enc), tied[0])
    text = str(best)
    if not text.strip():
        raise EmptyInput(where, "no text (only blank space)")
    controls = sum(1 for ch in text[:8192] if ord(ch) in _CONTROL)
    if controls > 0.01 * max(1, len(text[:8192])):
        raise BinaryInput(where, "binary data (control characters), not text")
    return text
