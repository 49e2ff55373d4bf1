"""Dates: calendar points and periods as TIMEX3 values (GUIDELINES.md §1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import regex

from . import rules
from .document import Doc
from .matching import Hit, Span, find, select
from .models import DateMention
from .numbers import roman_to_int

# "từ A đến B": the words around two adjacent dates that make them one interval.
_FROM = regex.compile(r"(?<![\p{L}])từ\s+$", regex.IGNORECASE)
_TO = regex.compile(r"^\s*(?:đến|tới|-)\s*(?:hết\s+)?(?:ngày\s+)?$", regex.IGNORECASE)


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


def _int(match: regex.Match[str], name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


_NORMALIZERS: dict[str, tuple[str, Callable[[regex.Match[str]], str]]] = {
    "day": ("day", lambda m: _day(_int(m, "y"), int(m["m"]), int(m["d"]))),
    "day_noyear": ("day", lambda m: _day(None, int(m["m"]), int(m["d"]))),
    "month": ("month", lambda m: _month(_int(m, "y"), int(m["m"]))),
    "month_noyear": ("month", lambda m: _month(None, int(m["m"]))),
    "quarter": ("quarter", lambda m: _quarter(m["q"].upper(), int(m["y"]))),
    "half": ("half", lambda m: f"{int(m['y']):04d}-H{1 if m['h'].lower() == 'đầu' else 2}"),
}


def _year_range(m: regex.Match[str]) -> str:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1:
        raise InvalidDate(f"{y1}-{y2}")
    return f"{y1}/{y2}"


def _mentions(doc: Doc, hit: Hit) -> Iterator[DateMention]:
    """The mentions one rule match stands for (a year list gives one per year)."""
    m, rule = hit.match, hit.rule

    def mention(start: int, end: int, value: str, granularity: str) -> DateMention:
        return DateMention(text=doc.text[start:end], span=(start, end), value=value,
                           granularity=granularity, rule=rule.id)  # type: ignore[arg-type]

    if rule.kind == "year":
        spans = m.spans("y")
        for i, (start, end) in enumerate(spans):
            yield mention(m.start() if i == 0 else start, end, f"{int(doc.view[start:end]):04d}",
                          "year")
    elif rule.kind == "year_range":
        yield mention(m.start(), m.end(), _year_range(m), "interval")
    elif rule.kind == "day_range":
        y, mo = int(m["y"]), int(m["m"])
        value = f"{_day(y, mo, int(m['d1']))}/{_day(y, mo, int(m['d2']))}"
        yield mention(m.start(), m.end(), value, "interval")
    else:
        granularity, normalize = _NORMALIZERS[rule.kind]
        yield mention(m.start(), m.end(), normalize(m), granularity)


def _with_year(value: str, end: str) -> str:
    """Give a yearless start ("--06-10") the year of the interval's end, when it has one."""
    if value.startswith("--") and not end.startswith("--"):
        return f"{end[:4]}{value[1:]}"
    return value


def _join_intervals(doc: Doc, found: list[DateMention]) -> list[DateMention]:
    """Merge "từ A đến B" (and "A - B" of two full points) into one interval mention."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and a.granularity != "interval" and b.granularity != "interval":
            gap = doc.view[a.span[1] : b.span[0]]
            before = _FROM.search(doc.view, max(0, a.span[0] - 8), a.span[0])
            if _TO.match(gap) and (before or "-" in gap):
                start = before.start() if before else a.span[0]
                value = f"{_with_year(a.value, b.value)}/{b.value}"
                out.append(DateMention(text=doc.text[start : b.span[1]], span=(start, b.span[1]),
                                       value=value, granularity="interval", rule="date.interval"))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


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
