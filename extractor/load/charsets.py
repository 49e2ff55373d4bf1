"""Which encoding Vietnamese bytes without a BOM are in, decided by how Vietnamese each
reading is (`vietnamese.score`), not by byte statistics.

Valid UTF-8 is UTF-8, unless it reads as TCVN3/VNI text that was opened as Windows-1252 and
saved again as UTF-8. Other bytes are read line by line, so that one stray byte (a Windows
quote, a file cut inside its last letter) loses one character, not the article: a line with
more bytes of valid multi-byte UTF-8 than bytes that are not UTF-8 is UTF-8, its bad bytes
U+FFFD; the other lines are read together as Windows-1258, TCVN3 and VNI, and the reading
that scores best wins (VISCII, whose bytes overlap TCVN3's, only when it scores clearly
better). When no reading clearly wins, the record says how to force one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from . import legacy, vietnamese

CONFIDENT = 0.3  # a reading at least this Vietnamese is taken as right
CLEARLY = 0.6  # UTF-8 this Vietnamese is not looked at as legacy text (real text: 0.75+)
MARGIN = 0.1  # and it must beat the next reading by this much
SAMPLE_CHARS = 50_000  # the score of the head stands for the whole file
HEAD_BYTES = 4 * SAMPLE_CHARS  # a legacy letter takes two bytes at most: the head holds it
FORCE_HINT = ("pass --encoding tcvn3, --encoding vni, --encoding viscii or --encoding cp1258 "
              "if the text is garbled")
_ASCII = bytes(range(0x80))


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


def replaced(data: bytes, codec: str, first: int) -> Decoded:
    """Bytes a named codec cannot all decode (the first bad one at `first`): decoded anyway,
    each bad sequence as U+FFFD, with a warning, so that a stray byte refuses no file."""
    shown = data.decode(codec, "backslashreplace")  # a bad byte shows as four characters: \xNN
    bad = (len(shown) - len(data.decode(codec, "ignore"))) // 4
    return Decoded(data.decode(codec, "replace"), codec, (_replaced_note(bad, codec, first),))


def _replaced_note(bad: int, codec: str, first: int) -> str:
    counted = "1 byte is" if bad == 1 else f"{bad} bytes are"
    return f"{counted} not {codec} (the first at byte {first}) and became U+FFFD"


def _utf8_share(line: bytes) -> tuple[int, int]:
    """(bytes of valid multi-byte UTF-8 characters, bytes that are not UTF-8) of one line."""
    bad = len(line) - len(line.decode("utf-8", "ignore").encode("utf-8"))
    return len(line.translate(None, _ASCII)) - bad, bad


def _first_bad(line: bytes) -> int:
    """Where the first byte that is not UTF-8 sits (the length when none is)."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(line)


def from_mostly_utf8(data: bytes) -> Decoded:
    """Bytes that are not all UTF-8, line by line (see the module doc). Without a UTF-8 line
    that holds a multi-byte letter, the file is legacy text (`guess`); when the other lines
    have no clear legacy reading (a Windows quote, a cut letter), their bad bytes are stray."""
    lines = data.split(b"\n")
    shares = [_utf8_share(line) for line in lines]
    if not any(valid > 0 and valid >= bad for valid, bad in shares):
        return guess(data)
    legacy_at = [index for index, (valid, bad) in enumerate(shares) if bad > valid]
    part = b"\n".join(lines[index] for index in legacy_at)
    name, sure = _choose(part[:HEAD_BYTES])
    if not sure:
        stray = replaced(data, "UTF-8", _first_bad(data))
        decoded = from_utf8(stray.text)
        return Decoded(decoded.text, decoded.encoding, (*decoded.warnings, *stray.warnings))
    texts = [line.decode("utf-8", "replace") for line in lines]
    read = _reading(part, name)
    for index, text in zip(legacy_at, read.split("\n"), strict=True):
        texts[index] = text
    notes = [f"{len(legacy_at)} of {len(lines)} lines are not UTF-8 (the first is line "
             f"{legacy_at[0] + 1}); read them as {name}"]
    stray_at = [index for index, (valid, bad) in enumerate(shares) if 0 < bad <= valid]
    if stray_at:
        first = sum(len(line) + 1 for line in lines[: stray_at[0]])
        notes.append(_replaced_note(sum(shares[index][1] for index in stray_at), "UTF-8",
                                    first + _first_bad(lines[stray_at[0]])))
    return Decoded("\n".join(texts), f"utf-8,{name}", (*notes, *_unmapped(read, name)))


def _reading(data: bytes, name: str) -> str:
    """The bytes read as Windows-1258 (bad bytes as U+FFFD) or as a legacy table."""
    if name == "cp1258":
        return data.decode("cp1258", errors="replace")
    return legacy.table(name).convert(legacy.bytes_to_text(data))


def _choose(head: bytes) -> tuple[str, bool]:
    """The most Vietnamese reading of the bytes, and whether it clearly wins: Windows-1258,
    TCVN3 or VNI, or VISCII only when it reads clearly better than all of them (its bytes
    overlap TCVN3's, so a TCVN3 file read as VISCII still scores high)."""
    scores = {name: _score(_reading(head, name)) for name in ("cp1258", *legacy.CODECS)}
    viscii = scores.pop(legacy.VISCII)
    (best, name), (second, _) = sorted(((s, n) for n, s in scores.items()), reverse=True)[:2]
    if viscii >= best + MARGIN:
        (best, name), second = (viscii, legacy.VISCII), best
    elif viscii >= best:
        second = viscii  # as Vietnamese as the winner: unsure
    return name, best >= CONFIDENT and best - second >= MARGIN


def _unmapped(text: str, name: str) -> tuple[str, ...]:
    count = text.count("\ufffd")
    return (f"{count} bytes are not {name} and became U+FFFD",) if count else ()


def guess(data: bytes) -> Decoded:
    """Bytes that are not UTF-8: the most Vietnamese reading (`_choose`), scored on the head
    so that only the winner reads the whole file."""
    name, sure = _choose(data[:HEAD_BYTES])
    text = _reading(data, name)
    unsure = () if sure else (f"not UTF-8; read as {name}, but unsure; {FORCE_HINT}",)
    return Decoded(text, name, (*unsure, *_unmapped(text, name)))
