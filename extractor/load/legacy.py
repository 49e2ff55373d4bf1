"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, VISCII) to Unicode, from data/legacy.toml.

These files were written for 8-bit fonts that put Vietnamese letters where Windows-1252 has
Latin ones, so the same conversion serves two inputs: the raw bytes, and text that was
already opened as Windows-1252 and saved again as UTF-8 ("Bé ChÝnh trÞ").
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ..engine import rules

NAMES = ("tcvn3", "vni")  # read by detection beside Windows-1258
VISCII = "viscii"  # its bytes overlap TCVN3's: detection weighs it apart (charsets.py)
CODECS = (*NAMES, VISCII)  # what --encoding may name besides Python's codecs


def _byte_char(byte: int) -> str:
    """The character Windows-1252 shows for a byte (Latin-1 where 1252 has none)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


BYTE_CHARS = tuple(_byte_char(b) for b in range(256))
_LATIN1_TO_1252 = str.maketrans({chr(b): BYTE_CHARS[b] for b in range(0x80, 0xA0)})


@dataclass(frozen=True)
class Table:
    """One legacy encoding: whole letters by byte, and (VNI) mark bytes after a vowel."""

    name: str
    label: str
    letters: dict[str, str]
    marks: dict[str, str]

    def convert(self, text: str) -> str:
        """Text of Windows-1252 characters standing for legacy bytes, as Unicode NFC."""
        out = text.translate(_translation(self.name))
        if self.marks:
            out = _mark_pattern(self.name).sub(lambda m: self._compose(m[0]), out)
        return unicodedata.normalize("NFC", out)

    def _compose(self, pair: str) -> str:
        composed = unicodedata.normalize("NFC", pair[0] + self.marks[pair[1]])
        return composed if len(composed) == 1 else pair


def _as_chars(entries: dict[str, str]) -> dict[str, str]:
    """Hex byte keys of the data file to the Windows-1252 characters they show as."""
    return {BYTE_CHARS[int(key, 16)]: value for key, value in entries.items()}


@cache
def _data() -> dict[str, Any]:
    """The legacy tables file, parsed once for every encoding."""
    return tomllib.loads(rules.data_file("legacy.toml").read_text(encoding="utf-8"))


@cache
def table(name: str) -> Table:
    """The conversion table of a legacy encoding named in `CODECS`."""
    data = _data()[name]
    return Table(name, data["name"], _as_chars(data["letters"]), _as_chars(data.get("marks", {})))


@cache
def _translation(name: str) -> dict[int, str]:
    return str.maketrans(table(name).letters)


@cache
def _mark_pattern(name: str) -> regex.Pattern[str]:
    """A vowel followed by one mark byte: two characters, so matching stays linear."""
    marks = "".join(regex.escape(c) for c in table(name).marks)
    return regex.compile(f"[aeiouyAEIOUYơưƠƯ][{marks}]")


def bytes_to_text(data: bytes) -> str:
    """Each byte as the character Windows-1252 shows for it, never failing."""
    return data.decode("latin-1").translate(_LATIN1_TO_1252)


def decode(data: bytes, name: str) -> str:
    """Legacy bytes to Unicode; valid UTF-8 is taken as legacy text saved again as UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = bytes_to_text(data)
    return table(name).convert(text)
