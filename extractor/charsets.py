"""Which encoding Vietnamese bytes without a BOM are in, decided by how Vietnamese each
reading is (`vietnamese.score`), not by byte statistics.

Valid UTF-8 is UTF-8, unless it reads as TCVN3/VNI text that was opened as Windows-1252 and
saved again as UTF-8. Other bytes are read as Windows-1258, TCVN3 and VNI, and the reading
that scores best wins; when no reading clearly wins, the record says how to force one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from . import legacy, vietnamese

CONFIDENT = 0.3  # a reading at least this Vietnamese is taken as right
CLEARLY = 0.6  # UTF-8 this Vietnamese is not looked at as legacy text (real text: 0.75+)
MARGIN = 0.1  # and it must beat the next reading by this much
SAMPLE_CHARS = 50_000  # the score of the head stands for the whole file
FORCE_HINT = "pass --encoding tcvn3, --encoding vni or --encoding cp1258 if the text is garbled"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _score(text: str) -> float:
    return vietnamese.score(unicodedata.normalize("NFC", text[:SAMPLE_CHARS]))


_LEGACY_SHOWN = frozenset(legacy.BYTE_CHARS[0x80:])  # what legacy bytes look like in 1252


def _has_legacy_chars(text: str) -> bool:
    """Whether the text has the Windows-1252 letters and symbols legacy bytes show as."""
    return not _LEGACY_SHOWN.isdisjoint(text[:SAMPLE_CHARS])


def from_utf8(text: str) -> Decoded:
    """UTF-8 text as is, or converted when it is legacy text saved again as UTF-8."""
    if not _has_legacy_chars(text):
        return Decoded(text, "utf-8")
    as_is = _score(text)
    if as_is >= CLEARLY:
        return Decoded(text, "utf-8")
    converted = {name: legacy.table(name).convert(text) for name in legacy.NAMES}
    name, best = max(((n, _score(t)) for n, t in converted.items()), key=lambda p: p[1])
    if best >= CONFIDENT and best - as_is >= MARGIN:
        label = legacy.table(name).label
        return Decoded(converted[name], f"utf-8+{name}",
                       (f"converted from {label} text saved as UTF-8; "
                        "pass --encoding utf-8 to keep it as written",))
    return Decoded(text, "utf-8")


def _readings(data: bytes) -> dict[str, str]:
    readings = {"cp1258": data.decode("cp1258", errors="replace")}
    text = legacy.bytes_to_text(data)
    readings.update({name: legacy.table(name).convert(text) for name in legacy.NAMES})
    return readings


def guess(data: bytes) -> Decoded:
    """Bytes that are not UTF-8: the most Vietnamese of the Windows-1258, TCVN3, VNI readings."""
    readings = _readings(data)
    ranked = sorted(((_score(t), n) for n, t in readings.items()), reverse=True)
    (best, name), (second, _) = ranked[0], ranked[1]
    text = readings[name]
    warnings: list[str] = []
    if best < CONFIDENT or best - second < MARGIN:
        warnings.append(f"not UTF-8; read as {name}, but unsure; {FORCE_HINT}")
    if "\ufffd" in text:
        warnings.append(f"{text.count(chr(0xFFFD))} bytes are not {name} and became U+FFFD")
    return Decoded(text, name, tuple(warnings))
