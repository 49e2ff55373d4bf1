"""Encoders for tests: Unicode text to the bytes of old Vietnamese files.

The legacy ones are the inverse of extractor/data/legacy.toml, so a test that decodes what
they write checks the table's round trip.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from extractor.load import legacy

TONES = "\u0300\u0301\u0303\u0309\u0323"
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> list[str]:
    """Every Vietnamese letter with a mark (each vowel with each tone, and đ), both cases."""
    lower = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ["", *TONES]]
    lower = [c for c in lower if not c.isascii()] + ["đ"]
    return lower + [c.upper() for c in lower]


def cp1258(text: str) -> bytes:
    """Windows-1258: the base letter (with â ê ô ơ ư ă) then the tone as a combining byte."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in marks if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONES))
            out += (base + tone).encode("cp1258")
    return bytes(out)


@cache
def _inverse(name: str) -> dict[str, str]:
    table = legacy.table(name)
    inverse = {letter: chars for chars, letter in table.letters.items()}
    for mark_char, marks in table.marks.items():
        for base in "aeouyAEOUYơưƠƯ":
            letter = unicodedata.normalize("NFC", base + marks)
            if len(letter) == 1 and mark_char.isupper() == base.isupper():
                inverse.setdefault(letter, inverse.get(base, base) + mark_char)
    return inverse


def representable(text: str, name: str) -> str:
    """The text as the legacy encoding can hold it (TCVN3 has no toned capitals)."""
    inverse = _inverse(name)
    return "".join(c if c.isascii() or c in inverse or c.lower() not in inverse else c.lower()
                   for c in unicodedata.normalize("NFC", text))


def legacy_text(text: str, name: str) -> str:
    """The text as a Windows-1252 viewer shows a TCVN3, VNI or VISCII file of it."""
    inverse = _inverse(name)
    return "".join(inverse.get(c, c) for c in representable(text, name))


_BYTE_OF = {char: byte for byte, char in enumerate(legacy.BYTE_CHARS)}


def legacy_bytes(text: str, name: str) -> bytes:
    """The bytes of a TCVN3, VNI or VISCII file of the text (VISCII uses the bytes that
    Windows-1252 leaves undefined, so this maps each character back through its table)."""
    return bytes(_BYTE_OF[c] for c in legacy_text(text, name))
