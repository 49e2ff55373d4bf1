"""Counts: a number together with the noun it counts (GUIDELINES.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from . import rules
from .document import Doc
from .matching import Hit, Span, find, select
from .models import Count
from .numbers import SCALES, parse_vi_number, scaled
from .tokens import word_spans

# The counted noun is looked for up to the next punctuation, within a few words.
_UNIT_WINDOW = regex.compile(r"[^,;.:!?()\[\]\"“”\n]{1,60}")
_WORD_BEFORE = regex.compile(r"(\p{L}+(?:\s+\p{L}+)?)\s*$")
SLOGAN_REACH = 15  # a number this close to both quotes of a short quotation names a slogan
_OPEN_QUOTE = regex.compile(r"[“\"][^“”\"]*$")
_CLOSE_QUOTE = regex.compile(r"^[^“”\"]*[”\"]")


def _unit_after(doc: Doc, pos: int) -> tuple[str, int] | None:
    """(unit, end) of the counted noun starting at `pos`, or None when none is written."""
    patterns = rules.load("counts")
    window = _UNIT_WINDOW.match(doc.view, pos)
    if not window:
        return None
    lead = len(window[0]) - len(window[0].lstrip())
    start = pos + lead
    compound = regex.match(rf"(?:{patterns.alternation('unit_compounds')})(?![\p{{L}}])",
                           doc.view[start : window.end()], regex.I)
    if compound:
        end = start + compound.end()
    else:
        spans = word_spans(doc.view, start, window.end())
        if not spans or spans[0][0] != start:
            return None
        end = spans[0][1]
    unit = doc.text[start:end]
    key = " ".join(unit.lower().split())
    if not unit[:1].isalpha():
        return None
    if unit[:1].isupper() and unit not in patterns.words("currencies"):
        return None
    if key in patterns.words("time_units") or key in patterns.words("not_units"):
        return None
    if key.split()[0] in patterns.words("time_units"):
        return None
    return key, end


def _blocked_by_context(doc: Doc, start: int) -> bool:
    """An ordinal or a name ("lần thứ 8", "Quân khu 7") and not a count."""
    patterns = rules.load("counts")
    before = _WORD_BEFORE.search(doc.view, max(0, start - 30), start)
    if not before:
        return False
    words = before[1].lower().split()
    not_after = patterns.words("not_after")
    return words[-1] in not_after or " ".join(words) in not_after


def _in_slogan(doc: Doc, start: int, end: int) -> bool:
    """Inside a short quotation: a named slogan or movement ("4 an", "5 xây, 3 chống")."""
    before = doc.view[max(0, start - SLOGAN_REACH) : start]
    after = doc.view[end : end + SLOGAN_REACH]
    return bool(_OPEN_QUOTE.search(before) and _CLOSE_QUOTE.search(after))


def _counts(doc: Doc, hit: Hit) -> Iterator[Count]:
    m, rule = hit.match, hit.rule
    g = m.groupdict()  # the rules differ in which groups they have
    if m.start() == m.start("n1") and _blocked_by_context(doc, m.start()):
        return
    if _in_slogan(doc, m.start(), m.end()):
        return
    if g.get("pct") or g.get("pct1"):
        unit, end = "%", m.end()
    else:
        found = _unit_after(doc, m.end())
        if found is None:
            return
        unit, end = found
    scale1 = g.get("scale1") or g.get("scale")
    n1 = scaled(parse_vi_number(g["n1"]), scale1)
    if g.get("n1b") and SCALES[g["scale1b"].lower()] < SCALES[(scale1 or "").lower()]:
        n1 += scaled(parse_vi_number(g["n1b"]), g["scale1b"])  # "2 tỷ 500 triệu"
    n2 = scaled(parse_vi_number(g["n2"]), g.get("scale")) if g.get("n2") else None
    qualifier = g["qual"].lower() if g.get("qual") else None
    start = m.start()

    def count(s: int, value: float, top: float | None = None) -> Count:
        return Count(text=doc.text[s:end], span=(s, end), value=value, max=top, unit=unit,
                     qualifier=qualifier, rule=rule.id)

    if rule.kind == "fraction":
        yield count(start, n1)
        yield count(m.start("n2"), n2 or 0.0)
    elif n2 is None:
        yield count(start, n1)
    elif n2 > n1:
        yield count(start, n1, n2)


def extract(doc: Doc, blocked: Iterable[Span] = ()) -> list[Count]:
    """Every count in the content paragraphs, in text order."""
    patterns = rules.load("counts")
    found: list[Count] = []
    for hit in select(find(doc, patterns, doc.content()), blocked):
        found.extend(_counts(doc, hit))
    return found
