"""Counts: a number together with the noun it counts (GUIDELINES.md §3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.matching import Hit, find, select
from ..output.models import Count, Span
from ..segment.document import Doc
from .numbers import parse_vi_number, scale_factor, scaled
from .units import counts_nothing, in_slogan, unit_after

_SIGNED_UNITS = frozenset({"%", "$", "€"})  # a bare "-" before other numbers is a dash
_WORD_BEFORE = regexcache.compile(r"(\p{L}+)[ ]+$")
_YEAR = regexcache.compile(r"(?:19|20)\d{2}")
_PART_BEFORE = regexcache.compile(r"(?<![\d.,])(?!(?:19|20)\d\d[ ])\d{1,3}(?:\.\d{3})*[ ]+$")
_UPPER_END = regexcache.compile(
    r"\s*(?:đến|tới|-|–)\s*(?P<n2>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d.,/])",
    regex.IGNORECASE)


def _value(g: dict[str, str | None]) -> tuple[float, float | None]:
    """(value, max) of a match, scale words folded in ("6-8 triệu" scales both ends)."""
    scale1 = g.get("scale1") or g.get("scale")
    n1 = scaled(parse_vi_number(g["n1"] or ""), scale1)
    if g.get("n1b") and scale_factor(g["scale1b"]) < scale_factor((scale1 or "").split()[-1]):
        n1 += scaled(parse_vi_number(g["n1b"]), g["scale1b"])  # "2 tỷ 500 triệu"
    n2 = scaled(parse_vi_number(g["n2"]), g.get("scale")) if g.get("n2") else None
    return n1, n2


def _fraction_counts(doc: Doc, hit: Hit, unit: str, end: int) -> Iterator[Count]:
    """"6/137 doanh nghiệp" gives two counts; "xếp 14/63 tỉnh" only the 63."""
    patterns = rules.load("counts")
    m = hit.match
    n1, n2 = _value(m.groupdict())
    if n2 is None or n1 > n2 or unit in patterns.words("not_fraction_units"):
        return
    starts = ([(m.start("n2"), n2)] if _ranked(doc, m)
              else [(m.start(), n1), (m.start("n2"), n2)])
    for start, value in starts:
        yield Count(text=doc.text[start:end], span=(start, end), value=value, unit=unit,
                    rule=hit.rule.id)


def _ranked(doc: Doc, m: regex.Match[str]) -> bool:
    """"xếp 14/63", "vị trí thứ 4/63": a rank out of a total."""
    before = doc.view[max(0, m.start() - 12) : m.start()].split()
    return bool(before) and before[-1].lower() in rules.load("counts").words("rank_words")


def _from(m: regex.Match[str]) -> bool:
    """The number is written after "từ", which opens a range or a change."""
    return m[0][:2].lower() == "từ"


def _unit_range(doc: Doc, m: regex.Match[str], unit: str, end: int,
                low: float) -> tuple[float, int] | None:
    """(max, end) of "từ 550mm đến 1.051mm" or "4 m - 5 m": a range whose unit is written at
    both ends ("đến" needs the "từ" that opens it; "2.655m2 - 448m2" is a subtraction)."""
    upper = _UPPER_END.match(doc.view, end)
    if upper is None or (not _from(m) and "-" not in upper[0]):
        return None
    found = unit_after(doc, upper.end())
    if found is None or found[0] != unit:
        return None
    high = parse_vi_number(upper["n2"])
    return (high, found[1]) if high > low else None


def _unit_of_total(doc: Doc, m: regex.Match[str]) -> tuple[str, int] | None:
    """(unit, end) of a part written before its whole: "32 trong tổng số 40 xã" counts xã.
    The part's text stays its own number. Not "giải 3 trong số 48 giải": the unit named just
    before the number makes it a rank."""
    whole = _number_after("part_of_total").match(doc.view, m.end())
    if whole is None or _ranked(doc, m) or (found := unit_after(doc, whole.end())) is None:
        return None  # "xếp 5 trên 63 tỉnh": a rank
    before = _WORD_BEFORE.search(doc.view, max(0, m.start() - 20), m.start())
    if before and before[1].lower() == found[0].split()[0]:
        return None
    return found[0], m.end()


@cache
def _measure() -> regex.Pattern[str]:
    """A unit of measure right after a number; not a road's kilometre mark ("Quốc lộ 14 km
    120")."""
    units = rules.load("counts").alternation("measure_units")
    return regexcache.compile(rf"[ ]?(?:{units})(?![\p{{L}}\d]|[ ]*\d)")


def _unit_of_change(doc: Doc, m: regex.Match[str]) -> tuple[str, int, str | None] | None:
    """(unit, end, scale) of the first number of a change, read after the second: "từ 150.000
    lên 170.000 tỷ đồng" is 150.000 tỷ đồng. The scale is None when the first has its own."""
    g = m.groupdict()
    second = _number_after("change_words").match(doc.view, m.end())
    if not _from(m) or second is None or g.get("n2"):
        return None
    found = unit_after(doc, second.end())
    if found is None:
        return None
    own = g.get("scale1") or g.get("scale")
    return found[0], m.end(), None if own else second["scale"]


@cache
def _number_after(words: str) -> regex.Pattern[str]:
    """A number after one of the lexicon list `words`, with its scale words, up to its unit:
    " trong tổng số 40", " trên 34 nghìn", " lên 170.000 tỷ"."""
    listed = rules.load("counts").alternation(words, fold=True)
    scales = rules.load("counts").alternation("scales", fold=True)
    return regexcache.compile(rf"\s+(?:{listed})\s+\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?(?![\d.,/])"
                              rf"(?P<scale>(?:\s+(?:{scales})(?![\p{{L}}]))*)", regex.IGNORECASE)


def _counts(doc: Doc, hit: Hit) -> Iterator[Count]:
    m = hit.match
    g = m.groupdict()  # the rules differ in which groups they have
    measured_number = (g.get("pct") or g.get("pct1") or g.get("scale") or g.get("scale1")
                       or g.get("cur") or "." in (g["n1"] or ""))
    ranked_fraction = hit.rule.kind == "fraction" and _ranked(doc, m)
    in_name = (m.start() == m.start("n1") and not measured_number and not ranked_fraction
               and counts_nothing(doc, m.start()))
    if in_name and not _measure().match(doc.view, m.end()):
        return  # "Quân khu 7", "lần thứ 8"; but "GDP 7 - 8%", "Lâm Đồng 1.794 người",
        # "ủng hộ Nhân dân Lào 5 triệu đồng" count
    measured = g.get("pct") or g.get("pct1") or g.get("scale") or g.get("scale1")
    if not measured and in_slogan(doc, m.start(), m.end()):
        return
    if g.get("pct") or g.get("pct1"):
        unit, end = "%", m.end()
    elif g.get("cur"):
        unit, end = g["cur"], m.end()
    elif found := unit_after(doc, m.end()) or _unit_of_total(doc, m):
        unit, end = found
    elif change := _unit_of_change(doc, m):
        unit, end, borrowed = change
        if borrowed:
            g["scale"] = borrowed.strip()  # `_value` folds it in as the number's own
    else:
        return
    if in_name and unit not in rules.load("counts").folded("measure_units"):
        return  # "Lần thứ 2 tấn công": the word after the number is no measure after all
    if _year_like(doc, m, unit):
        return
    if hit.rule.kind == "fraction":
        yield from _fraction_counts(doc, hit, unit, end)
        return
    n1, n2 = _value(g)
    if n2 is None and (upper := _unit_range(doc, m, unit, end, n1)):
        n2, end = upper
    if n2 is not None and n2 <= n1:
        return
    if n1 == 0 and n2 is None and _money(unit):
        return  # "suất ăn 0 đồng": free of charge, not an amount
    if g.get("neg") == "âm" or (g.get("neg") and unit in _SIGNED_UNITS):
        n1, n2 = -n1, None if n2 is None else -n2  # "âm 2%", "-0,5%": the sign is the value's
    qualifier = g["qual"].lower() if g.get("qual") else None
    whole = qualifier in rules.load("counts").folded("part_of_total") and bool(
        _PART_BEFORE.search(doc.view, max(0, m.start() - 20), m.start()))
    if whole:
        qualifier = None  # "7 trên 34 tỉnh": 34 is the whole the 7 is part of, not "over 34"
    signed = g.get("neg") == "-" and n1 > 0 and not qualifier
    start = m.start("n1") if whole or signed else m.start()
    yield Count(text=doc.text[start:end], span=(start, end), value=n1, max=n2,
                unit=unit, qualifier=qualifier, rule=hit.rule.id)


def _money(unit: str) -> bool:
    """The unit is a currency: "đồng" or one of the lexicon's (units are lower-case)."""
    return unit == "đồng" or unit in {c.lower() for c in rules.load("counts").words("currencies")}


def _year_like(doc: Doc, m: regex.Match[str], unit: str) -> bool:
    """"đến 2015 chứ", "năm 2020 có": a bare year after a word of time, not a count."""
    g = m.groupdict()
    if g.get("n2") or g.get("scale") or g.get("scale1") or not _YEAR.fullmatch(g["n1"] or ""):
        return False
    counts = rules.load("counts")
    before = _WORD_BEFORE.search(doc.view, max(0, m.start() - 20), m.start())
    return bool(before) and before[1].lower() in counts.words("year_words") and (
        unit.lower() not in counts.words("after_year_units"))


def extract(doc: Doc, blocked: Iterable[Span] = ()) -> list[Count]:
    """Every count in the content paragraphs, in text order, none inside another."""
    patterns = rules.load("counts")
    found: list[Count] = []
    for hit in select(find(doc, patterns, doc.content()), blocked):
        try:
            new = list(_counts(doc, hit))
        except ValueError:  # too many digits to be a count: a code or noise
            continue
        if new and found and new[0].span[0] < found[-1].span[1]:
            continue  # "13.000m 2": the 2 was read as part of the unit before it
        found.extend(new)
    return found
