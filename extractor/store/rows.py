"""A record as JSON Lines has it -> the rows it makes in every table of the store.

Pure: no database here, so the mapping is tested on its own. The column order of each
table is `COLUMNS`, the order of `schema.sql` (a test holds them together).

Two things are derived, not copied:
- `begin_date`/`end_date` of a date: the first and last day its TIMEX3 value covers.
- the article's own day (`dateline`, `article_date`), found where a news article writes it:
  1. a page date line: a day date between the title and the lead (the load stage writes a
     web page's publication date there; scraped text has its date-time line there);
  2. else a dateline: the lead's first day date when at most four words come before it in
     the lead: a source tag, a place, the time of day ("Ngày 14/6/2024, …", "(TTXVN) -
     Sáng 14/6, …", "Hà Nội, ngày 14/6/2024", "15 giờ ngày 27/6/2017"). A date deeper in
     the lead is most often a document's or another event's, so it is not taken.
  `dateline` is that day's TIMEX3 value, `article_date` the same as a date when the value
  has a year; a missing year is never guessed (NULL).
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date, datetime
from typing import Any

Row = tuple[Any, ...]
Tables = dict[str, list[Row]]

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "path", "sha256", "chars", "encoding", "warnings", "title",
                 "lead", "article_date", "dateline", "error_kind", "error_message",
                 "loaded_at"),
    "headings": ("article_id", "seq", "text", "span_start", "span_end"),
    "dates": ("article_id", "seq", "text", "span_start", "span_end", "value", "granularity",
              "rule", "begin_date", "end_date"),
    "documents": ("article_id", "doc_seq", "type", "code", "number", "issuer", "issued",
                  "mentions"),
    "document_mentions": ("article_id", "doc_seq", "seq", "text", "span_start", "span_end"),
    "counts": ("article_id", "seq", "text", "span_start", "span_end", "value", "max", "unit",
               "qualifier", "rule"),
    "list_items": ("article_id", "list_seq", "seq", "kind", "intro", "ordinal", "marker",
                   "text", "span_start", "span_end"),
    "people": ("article_id", "person_seq", "name", "mentions", "span_start", "span_end"),
    "titles": ("article_id", "person_seq", "seq", "text", "office", "body", "former"),
    "organizations": ("article_id", "org_seq", "name", "canonical", "kind", "level",
                      "mentions", "span_start", "span_end"),
    "campaigns": ("article_id", "seq", "name", "kind", "text", "span_start", "span_end"),
}
TABLES = tuple(COLUMNS)

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"(\d{4})-(\d\d)")
_PART = re.compile(r"(\d{4})-([QH])([1-4])")  # quarter Q1-Q4, half H1-H2
_YEAR = re.compile(r"\d{4}")
_CENTURY = re.compile(r"\d\d")  # TIMEX3 "20": the years 2000-2099
_WORD = re.compile(r"[^\W_]\S*")  # a word: not a dash or a lone bracket


class RecordError(ValueError):
    """The data is not a vnextract record (a JSON line of another program, a torn line)."""


def article_id(path: str) -> int:
    """The id of an input: the first 8 bytes of the SHA-256 of its path, as a signed BIGINT.
    From the path alone, so a path has one id in every store and across reloads."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def key(record: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """(path, sha256, error kind) of a record: what says whether a stored row is current."""
    try:
        source = record["source"]
        error = record["error"]["kind"] if "error" in record else None
        return str(source["path"]), source.get("sha256"), error
    except (KeyError, TypeError, AttributeError):
        raise RecordError("not a vnextract record") from None


def rows(record: dict[str, Any], loaded_at: datetime) -> Tables:
    """Every table's rows for one record (tables without a fact of it get no rows)."""
    try:
        return _rows(record, loaded_at)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        raise RecordError("not a vnextract record") from None


def _rows(record: dict[str, Any], loaded_at: datetime) -> Tables:
    source = record["source"]
    aid = article_id(source["path"])
    tables: Tables = {name: [] for name in TABLES}
    if "error" in record:
        error = record["error"]
        tables["articles"].append((aid, source["path"], source.get("sha256"), None, None,
                                   None, None, None, None, None, str(error["kind"]),
                                   str(error["message"]), loaded_at))
        return tables
    day = own_day(record)
    title, lead = record["title"], record["lead"]
    tables["articles"].append((
        aid, source["path"], source["sha256"], source["chars"], source["encoding"],
        list(source["warnings"]), title and title["text"], lead and lead["text"],
        day_date(day) if day else None, day, None, None, loaded_at))
    for seq, heading in enumerate(record["headings"]):
        tables["headings"].append((aid, seq, heading["text"], *_span(heading)))
    for seq, mention in enumerate(record["dates"]):
        tables["dates"].append((aid, seq, mention["text"], *_span(mention), mention["value"],
                                mention["granularity"], mention["rule"],
                                *date_range(mention["value"])))
    for doc_seq, doc in enumerate(record["documents"]):
        tables["documents"].append((aid, doc_seq, doc["type"], doc["code"], doc["number"],
                                    doc["issuer"], doc["date"], len(doc["mentions"])))
        tables["document_mentions"].extend(
            (aid, doc_seq, seq, mention["text"], *_span(mention))
            for seq, mention in enumerate(doc["mentions"]))
    for seq, count in enumerate(record["counts"]):
        tables["counts"].append((aid, seq, count["text"], *_span(count), float(count["value"]),
                                 _float(count["max"]), count["unit"], count["qualifier"],
                                 count["rule"]))
    for list_seq, enumeration in enumerate(record["lists"]):
        intro = enumeration["intro"]
        tables["list_items"].extend(
            (aid, list_seq, seq, enumeration["kind"], intro and intro["text"], item["ordinal"],
             item["marker"], item["text"], *_span(item))
            for seq, item in enumerate(enumeration["items"]))
    for person_seq, person in enumerate(record["people"]):
        tables["people"].append((aid, person_seq, person["name"], len(person["mentions"]),
                                 *_first_span(person)))
        tables["titles"].extend(
            (aid, person_seq, seq, post["text"], post["office"], post["body"],
             bool(post["former"]))
            for seq, post in enumerate(person["posts"]))
    for org_seq, org in enumerate(record["organizations"]):
        tables["organizations"].append((aid, org_seq, org["name"], org["canonical"],
                                        org["kind"], org["level"], len(org["mentions"]),
                                        *_first_span(org)))
    for seq, campaign in enumerate(record["campaigns"]):
        tables["campaigns"].append((aid, seq, campaign["name"], campaign["kind"],
                                    campaign["text"], *_span(campaign)))
    return tables


def _span(mention: dict[str, Any]) -> tuple[int, int]:
    start, end = mention["span"]
    return int(start), int(end)


def _first_span(entity: dict[str, Any]) -> tuple[int | None, int | None]:
    """The span of an entity's first mention in the text."""
    return min(_span(mention) for mention in entity["mentions"])


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def own_day(record: dict[str, Any]) -> str | None:
    """The TIMEX3 value of the article's own day (module docstring), or None."""
    title, lead = record["title"], record["lead"]
    days = [d for d in record["dates"] if d["granularity"] == "day"]
    if title is not None and lead is not None:
        after, before = title["span"][1], lead["span"][0]
        for mention in days:
            if after <= mention["span"][0] and mention["span"][1] <= before:
                return str(mention["value"])
    if lead is not None:
        start, end = lead["span"]
        for mention in days:
            if start <= mention["span"][0] < end:
                before = lead["text"][: mention["span"][0] - start]
                return str(mention["value"]) if len(_WORD.findall(before)) <= 4 else None
    return None


def day_date(value: str) -> date | None:
    """A TIMEX3 day (2024-06-11) as a date; None for one without a year (--06-11)."""
    match = _DAY.fullmatch(value)
    return _date(*map(int, match.groups())) if match else None


def date_range(value: str) -> tuple[date | None, date | None]:
    """First and last day a TIMEX3 value covers, inclusive; an interval A/B runs from A's
    first day to B's last. An end without a year (--08-17, --08) is None."""
    if "/" in value:
        first, last = value.split("/", 1)
        return _bounds(first)[0], _bounds(last)[1]
    return _bounds(value)


def _bounds(value: str) -> tuple[date | None, date | None]:
    if match := _DAY.fullmatch(value):
        day = _date(*map(int, match.groups()))
        return day, day
    if match := _MONTH.fullmatch(value):
        year, month = map(int, match.groups())
        return _date(year, month, 1), _date(year, month, _month_days(year, month))
    if match := _PART.fullmatch(value):
        year, part, n = int(match[1]), match[2], int(match[3])
        months = 3 if part == "Q" else 6
        if part == "H" and n > 2:
            return None, None
        first, last = (n - 1) * months + 1, n * months
        return _date(year, first, 1), _date(year, last, _month_days(year, last))
    if _YEAR.fullmatch(value):
        return _date(int(value), 1, 1), _date(int(value), 12, 31)
    if _CENTURY.fullmatch(value):
        first = int(value) * 100
        return _date(max(first, 1), 1, 1), _date(first + 99, 12, 31)
    return None, None


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(max(year, 1), month)[1] if 1 <= month <= 12 else 0


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # no such day: the value is not one this extractor writes
        return None
