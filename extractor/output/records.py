"""Records as the output formats write them: JSON Lines, or CSV rows of mentions.

One record per input: the Article's JSON, or `{"source": …, "error": {"kind", "message"}}`.
CSV flattens a record into one row per mention for spreadsheets, which must not run a cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from .emit import dumps

CSV_COLUMNS = ("source", "kind", "value", "unit", "code", "text", "start", "end")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP, CSV injection

Row = tuple[str, str, str, str, str, str, str]  # CSV_COLUMNS without `source`


def render(record: dict[str, Any], fmt: str, indent: bool = False) -> str:
    """The record as the output format writes it, newline included."""
    if fmt == "csv":
        return csv_text([(record["source"]["path"], *row) for row in rows(record)])
    return dumps(record, indent) + "\n"


def csv_header() -> str:
    """BOM and header row: the BOM makes spreadsheets read the file as UTF-8."""
    return "\ufeff" + csv_text([CSV_COLUMNS])


def csv_text(table: Iterable[Iterable[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([_inert(cell) for cell in row] for row in table)
    return buffer.getvalue()


def _inert(cell: str) -> str:
    """A cell a spreadsheet would run as a formula, made text by a leading ' (OWASP advice):
    a path, a quoted mention or a negative value can start with any of FORMULA_STARTS."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def rows(record: dict[str, Any]) -> Iterator[Row]:
    """One flat row per mention (dates, documents, counts, list items, people, campaigns)."""
    if "error" in record:
        yield ("error", record["error"]["kind"], "", "", record["error"]["message"], "", "")
        return
    for date in record["dates"]:
        yield _row("date", date, date["value"], unit=date["granularity"])
    for doc in record["documents"]:
        for mention in doc["mentions"]:
            yield _row("document", mention, doc["type"], code=doc["code"])
    for count in record["counts"]:
        value = _number(count["value"])
        if count["max"] is not None:
            value += "–" + _number(count["max"])
        yield _row("count", count, value, unit=count["unit"])
    for enumeration in record["lists"]:
        for item in enumeration["items"]:
            yield _row(enumeration["kind"], item, str(item["ordinal"]))
    for organization in record["organizations"]:
        for mention in organization["mentions"]:
            yield _row("organization", mention, organization["canonical"],
                       unit=f"{organization['kind']}/{organization['level']}")
    for person in record["people"]:
        for mention in person["mentions"]:
            yield _row("person", mention, person["name"], unit="; ".join(person["titles"]))
    for campaign in record["campaigns"]:
        yield _row("campaign", campaign, campaign["name"], unit=campaign["kind"])


def _row(kind: str, mention: dict[str, Any], value: str, unit: str = "", code: str = "") -> Row:
    start, end = mention["span"]
    return (kind, value, unit, code, mention["text"], str(start), str(end))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
