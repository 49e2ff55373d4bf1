"""Dates: calendar points and periods as TIMEX3 values (GUIDELINES.md §1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import regex

from ..engine import regexcache, rules
from ..engine.matching import Hit, find, select
from ..output.models import DateMention, Span
from ..segment.document import Doc
from .numbers import roman_to_int

# "từ A đến B": the words around two adjacent dates that make them one interval, a time of
# day allowed before each ("từ 17h00 ngày 29/10 đến 6h00 ngày 2/11").
_TIME = r"(?:\d{1,2}\s?(?:h|g|giờ)(?:\s?\d{2}(?:\s?phút)?)?\s+)?"
_FROM = regexcache.compile(rf"(?<![\p{{L}}])từ\s+{_TIME}$", regex.IGNORECASE)
_FROM_REACH = 20  # characters before a date searched for "từ" and a time
_TO = regexcache.compile(
    rf"^\s*(?:đến|tới|-)\s*(?:(?:hết|trước|cuối)\s+)?{_TIME}(?:ngày\s+)?$", regex.IGNORECASE)
# "từ năm 2014 đến 2016": a bare year ends an interval opened by "từ năm".
_TO_YEAR = regexcache.compile(r"\s*(?:đến|tới|-)\s*(?:năm\s+)?(?P<y>(?:1[89]|20)\d{2})(?![\d/.-])",
                         regex.IGNORECASE)

_QUARTER_OR_HALF = regexcache.compile("[QH]")


class InvalidDate(ValueError):
    """The digits matched a date shape but name no real date (31/2, month 13)."""


def _day(y: int | None, m: int, d: int) -> str:
    try:
        dt.date(y or 2000, m, d)  # 2000 is a leap year: 29/2 without a year is valid
    except ValueError:
        raise InvalidDate(f"{d}/{m}/{y}") from None
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"


def _month(y: int | None, m: int) -> str:
    if not 1 <= m <= 12:
        raise InvalidDate(f"month {m}")
    return f"{y:04d}-{m:02d}" if y else f"--{m:02d}"


def _quarter(q: str, y: int) -> str:
    n = int(q) if q.isdigit() else roman_to_int(q)
    if not 1 <= n <= 4:
        raise InvalidDate(f"quarter {q}")
    return f"{y:04d}-Q{n}"


def _century(numeral: str) -> str:
    try:
        n = int(numeral) if numeral.isdigit() else roman_to_int(numeral)
    except ValueError:  # "IIX": not a numeral
        raise InvalidDate(f"century {numeral}") from None
    if not 1 <= n <= 21:
        raise InvalidDate(f"century {numeral}")
    return f"{n - 1:02d}"


def _month_word(word: str) -> int:
    """ "Tư" -> 4, "mười hai" -> 12, from the table month_words of patterns/dates.toml."""
    return int(rules.load("dates").tables["month_words"][" ".join(word.lower().split())])


def _int(match: regex.Match[str], name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


_NORMALIZERS: dict[str, tuple[str, Callable[[regex.Match[str]], str]]] = {
    "day": ("day", lambda m: _day(_int(m, "y"), int(m["m"]), int(m["d"]))),
    "day_noyear": ("day", lambda m: _day(None, int(m["m"]), int(m["d"]))),
    "month": ("month", lambda m: _month(_int(m, "y"), int(m["m"]))),
    "month_noyear": ("month", lambda m: _month(None, int(m["m"]))),
    "month_word": ("month", lambda m: _month(_int(m, "y"), _month_word(m["mw"]))),
    "quarter": ("quarter", lambda m: _quarter(m["q"].upper(), int(m["y"]))),
    "century": ("century", lambda m: _century(m["c"])),
    "half": ("half", lambda m: f"{int(m['y']):04d}-H{1 if m['h'].lower() == 'đầu' else 2}"),
}


def _interval(a: str, b: str) -> str:
    """A TIMEX3 interval; a missing year on one end is taken from the other."""
    a, b = _with_year(a, b), _with_year(b, a)
    comparable = len(a) == len(b) and not _QUARTER_OR_HALF.search(a + b)
    if comparable and a >= b:
        raise InvalidDate(f"{a}/{b}")
    return f"{a}/{b}"


def _with_year(value: str, other: str) -> str:
    """Give a yearless end ("--06-10") the year of the other end, when that has one."""
    if value.startswith("--") and not other.startswith("--"):
        return f"{other[:4]}{value[1:]}"
    return value


def _months_of_year(m: regex.Match[str]) -> str:
    """ "9 tháng đầu năm 2024": months 1-9; "3 tháng cuối năm": months 10-12."""
    n, y = int(m["n"]), int(m["y"])
    first, last = (1, n) if m["h"].lower() == "đầu" else (13 - n, 12)
    return _interval(_month(y, first), _month(y, last))


_INTERVALS: dict[str, Callable[[regex.Match[str]], str]] = {
    "months_of_year": _months_of_year,
    "year_range": lambda m: _interval(m["y1"], m["y2"]),
    "day_range": lambda m: _interval(_day(_int(m, "y"), int(m["m"]), int(m["d1"])),
                                     _day(_int(m, "y"), int(m["m"]), int(m["d2"]))),
    "day_pair": lambda m: _interval(_day(int(m["y1"]), int(m["m1"]), int(m["d1"])),
                                    _day(int(m["y2"]), int(m["m2"]), int(m["d2"]))),
    "dm_pair": lambda m: _interval(_day(_int(m, "y"), int(m["m1"]), int(m["d1"])),
                                   _day(_int(m, "y"), int(m["m2"]), int(m["d2"]))),
    "month_pair": lambda m: _interval(_month(int(m["y1"]), int(m["m1"])),
                                      _month(int(m["y2"]), int(m["m2"]))),
    "month_range": lambda m: _interval(_month(int(m["y"]), int(m["m1"])),
                                       _month(int(m["y"]), int(m["m2"]))),
}


def _listed_year(m: regex.Match[str], month: int) -> int | None:
    """The year of a listed month: the one written, or the year before for a month after the
    last ("các tháng 11, 12 và 1/2025": November 2024)."""
    year = _int(m, "y")
    return year - 1 if year is not None and month > int(m.captures("m")[-1]) else year


# Lists of days of one month ("25 và 26-5") and of months of one year ("tháng 8, 9-2024"):
# (the listed group, the granularity, the value of one listed number).
_LISTS: dict[str, tuple[str, str, Callable[[regex.Match[str], int], str]]] = {
    "day_list": ("d", "day", lambda m, d: _day(_int(m, "y"), int(m["m"]), d)),
    "month_list": ("m", "month", lambda m, n: _month(_listed_year(m, n), n)),
}


def _mentions(doc: Doc, hit: Hit) -> Iterator[DateMention]:
    """The mentions one rule match stands for (a list of years or days gives one each)."""
    m, rule = hit.match, hit.rule

    def mention(start: int, end: int, value: str, granularity: str) -> DateMention:
        return DateMention(text=doc.text[start:end], span=(start, end), value=value,
                           granularity=granularity, rule=rule.id)  # type: ignore[arg-type]

    if rule.kind == "year":
        for i, (start, end) in enumerate(m.spans("y")):
            yield mention(hit.start if i == 0 else start, end, f"{int(doc.view[start:end]):04d}",
                          "year")
    elif rule.kind in _LISTS:
        group, granularity, value_of = _LISTS[rule.kind]
        spans = m.spans(group)
        for i, (start, end) in enumerate(spans):
            yield mention(hit.start if i == 0 else start, m.end() if i == len(spans) - 1 else end,
                          value_of(m, int(doc.view[start:end])), granularity)
    elif rule.kind in _INTERVALS:
        yield mention(hit.start, m.end(), _INTERVALS[rule.kind](m), "interval")
    else:
        granularity, normalize = _NORMALIZERS[rule.kind]
        yield mention(hit.start, m.end(), normalize(m), granularity)


def _join_intervals(doc: Doc, found: list[DateMention]) -> list[DateMention]:
    """Merge "từ A đến B" (and "A - B", "A đến B" of one granularity) into one interval."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        joined = _join(doc, a, b) if a.granularity != "interval" else None
        if joined is not None:
            out.append(joined)
            i += 2 if b is not None and joined.span[1] == b.span[1] else 1
            continue
        out.append(a)
        i += 1
    return out


def _join(doc: Doc, a: DateMention, b: DateMention | None) -> DateMention | None:
    """The interval that starts at `a`, if the words after it make one."""
    before = _FROM.search(doc.view, max(0, a.span[0] - _FROM_REACH), a.span[0])
    start = before.start() if before else a.span[0]
    if b is not None and b.granularity != "interval":
        gap = doc.view[a.span[1] : b.span[0]]
        joins = before or "-" in gap or a.granularity == b.granularity
        if _TO.match(gap) and joins:
            try:
                value = _interval(a.value, b.value)
            except InvalidDate:
                return None
            return DateMention(text=doc.text[start : b.span[1]], span=(start, b.span[1]),
                               value=value, granularity="interval", rule="date.interval")
    bare = _TO_YEAR.match(doc.view, a.span[1]) if before and a.granularity == "year" else None
    if bare and int(bare["y"]) > int(a.value):
        return DateMention(text=doc.text[start : bare.end()], span=(start, bare.end()),
                           value=f"{a.value}/{bare['y']}", granularity="interval",
                           rule="date.interval")
    return None


def extract(doc: Doc, blocked: Iterable[Span] = ()) -> list[DateMention]:
    """Every date mention of the content and date-line paragraphs, in text order."""
    patterns = rules.load("dates")
    paragraphs = doc.of_role("title", "lead", "heading", "body", "caption", "dateline")
    found: list[DateMention] = []
    for hit in select(find(doc, patterns, paragraphs), blocked):
        try:
            found.extend(_mentions(doc, hit))
        except InvalidDate:
            continue
    return _join_intervals(doc, found)
