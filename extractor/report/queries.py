"""The SQL behind every section of the report, each a named query returning typed rows.

The report draws these rows and nothing else, so what a chart shows is what its query
returns; the tests run the same functions and check them against SQL of their own.

Words used on the page and here:
- an article is an `articles` row without an error; an error row is one with `error_kind`;
- a citation is one article citing one document (a `documents` row), however often the
  article repeats it; a document is its (type, code) pair;
- a document's issue year is the year of the date written after its code, else a year
  written inside the code (100/2019/NĐ-CP); Party codes (05-CT/TW) carry none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

# The fact tables of the summary, in the order shown.
FACT_TABLES = ("dates", "documents", "counts", "list_items", "organizations", "people",
               "campaigns")
MONTHS_MAX = 36  # a time series over more months than this is drawn per year


@dataclass(frozen=True)
class Summary:
    articles: int
    errors: int
    dated: int  # articles with their own day (article_date)
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class FactCount:
    table: str
    facts: int
    articles: int  # articles with at least one


@dataclass(frozen=True)
class ErrorKind:
    kind: str
    rows: int


@dataclass(frozen=True)
class CitedDocument:
    type: str
    code: str
    issuer: str | None  # the issuer written most often after the code
    articles: int
    mentions: int

    @property
    def label(self) -> str:
        return f"{self.type} {self.code}"


@dataclass(frozen=True)
class Period:
    start: date  # first day of the month or year
    citations: int


@dataclass(frozen=True)
class Series:
    """Citations per month or per year over a continuous range (empty periods included)."""

    unit: str  # "month" or "year"
    periods: list[Period]
    covered: int  # citations with a time, the sum of the periods
    total: int  # all citations


@dataclass(frozen=True)
class Unit:
    unit: str
    counts: int
    articles: int


@dataclass(frozen=True)
class Organization:
    canonical: str
    kind: str  # the kind it is given most often
    articles: int
    mentions: int


@dataclass(frozen=True)
class Person:
    name: str
    title: str | None  # the title written most often next to the name
    articles: int
    mentions: int


@dataclass(frozen=True)
class ArticleRow:
    article_id: int
    path: str
    sha256: str
    title: str | None
    article_date: date | None
    documents: int
    organizations: int
    people: int
    counts: int


SUMMARY = """
SELECT count(*) FILTER (WHERE error_kind IS NULL),
       count(*) FILTER (WHERE error_kind IS NOT NULL),
       count(article_date) FILTER (WHERE error_kind IS NULL),
       min(article_date) FILTER (WHERE error_kind IS NULL),
       max(article_date) FILTER (WHERE error_kind IS NULL)
FROM articles
"""

FACTS = "SELECT count(*), count(DISTINCT article_id) FROM {table}"

ERROR_KINDS = """
SELECT error_kind, count(*) AS n FROM articles WHERE error_kind IS NOT NULL
GROUP BY error_kind ORDER BY n DESC, error_kind
"""

# `first(... ORDER BY n DESC, x)`: the value written most often, ties broken by its text,
# so that the same store always gives the same page.
TOP_DOCUMENTS = """
WITH top AS (
    SELECT type, code, count(DISTINCT article_id) AS articles,
           sum(mentions)::BIGINT AS mentions
    FROM documents
    GROUP BY type, code
    ORDER BY articles DESC, mentions DESC, type, code
    LIMIT ?
), issuers AS (
    SELECT type, code, issuer, count(*) AS n
    FROM documents JOIN top USING (type, code)
    WHERE issuer IS NOT NULL
    GROUP BY type, code, issuer
)
SELECT type, code, (SELECT first(i.issuer ORDER BY i.n DESC, i.issuer) FROM issuers AS i
                    WHERE i.type = top.type AND i.code = top.code) AS issuer,
       articles, mentions
FROM top
ORDER BY articles DESC, mentions DESC, type, code
"""

# Citations by the month or year (?) of the citing article's own day.
BY_ARTICLE_DATE = """
SELECT date_trunc(?, a.article_date)::DATE AS period, count(*) AS citations
FROM documents AS d JOIN articles AS a USING (article_id)
WHERE a.article_date IS NOT NULL
GROUP BY period
"""

# Citations by the cited document's issue year (module docstring).
BY_ISSUE_YEAR = r"""
SELECT make_date(year, 1, 1) AS period, count(*) AS citations
FROM (SELECT coalesce(try_cast(regexp_extract(issued, '^(\d{4})', 1) AS INTEGER),
                      try_cast(regexp_extract(code, '/((?:19|20)\d\d)/', 1) AS INTEGER)) AS year
      FROM documents)
WHERE year IS NOT NULL
GROUP BY period
"""

DATED_MONTHS = """
SELECT datediff('month', min(article_date), max(article_date)) + 1
FROM documents JOIN articles USING (article_id)
"""

CITATIONS = "SELECT count(*) FROM documents"

TOP_UNITS = """
SELECT unit, count(*) AS counts, count(DISTINCT article_id) AS articles
FROM counts
GROUP BY unit
ORDER BY counts DESC, articles DESC, unit
LIMIT ?
"""

TOP_ORGANIZATIONS = """
WITH top AS (
    SELECT canonical, count(DISTINCT article_id) AS articles,
           sum(mentions)::BIGINT AS mentions
    FROM organizations
    GROUP BY canonical
    ORDER BY articles DESC, mentions DESC, canonical
    LIMIT ?
), kinds AS (
    SELECT canonical, kind, count(*) AS n
    FROM organizations JOIN top USING (canonical)
    GROUP BY canonical, kind
)
SELECT canonical, (SELECT first(k.kind ORDER BY k.n DESC, k.kind) FROM kinds AS k
                   WHERE k.canonical = top.canonical) AS kind,
       articles, mentions
FROM top
ORDER BY articles DESC, mentions DESC, canonical
"""

TOP_PEOPLE = """
WITH top AS (
    SELECT name, articles, mentions
    FROM person_mentions
    ORDER BY articles DESC, mentions DESC, name
    LIMIT ?
), written AS (
    SELECT p.name, t.text, count(*) AS n
    FROM people AS p JOIN titles AS t USING (article_id, person_seq)
    WHERE p.name IN (SELECT name FROM top)
    GROUP BY p.name, t.text
)
SELECT name, (SELECT first(w.text ORDER BY w.n DESC, w.text) FROM written AS w
              WHERE w.name = top.name) AS title,
       articles, mentions
FROM top
ORDER BY articles DESC, mentions DESC, name
"""

# Newest first by the article's own day, undated ones after, then by path.
ARTICLES = """
WITH per AS (
    SELECT article_id, 'documents' AS fact FROM documents
    UNION ALL SELECT article_id, 'organizations' FROM organizations
    UNION ALL SELECT article_id, 'people' FROM people
    UNION ALL SELECT article_id, 'counts' FROM counts
), tally AS (
    SELECT article_id,
           count(*) FILTER (WHERE fact = 'documents') AS documents,
           count(*) FILTER (WHERE fact = 'organizations') AS organizations,
           count(*) FILTER (WHERE fact = 'people') AS people,
           count(*) FILTER (WHERE fact = 'counts') AS counts
    FROM per GROUP BY article_id
)
SELECT a.article_id, a.path, a.sha256, a.title, a.article_date,
       coalesce(t.documents, 0), coalesce(t.organizations, 0), coalesce(t.people, 0),
       coalesce(t.counts, 0)
FROM articles AS a LEFT JOIN tally AS t USING (article_id)
WHERE a.error_kind IS NULL
ORDER BY a.article_date DESC NULLS LAST, a.path
LIMIT ?
"""


def _rows(con: DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


def summary(con: DuckDBPyConnection) -> Summary:
    return Summary(*_rows(con, SUMMARY)[0])


def facts(con: DuckDBPyConnection) -> list[FactCount]:
    """How many facts of each kind, and in how many articles."""
    return [FactCount(table, *_rows(con, FACTS.format(table=table))[0])
            for table in FACT_TABLES]


def error_kinds(con: DuckDBPyConnection) -> list[ErrorKind]:
    return [ErrorKind(*row) for row in _rows(con, ERROR_KINDS)]


def top_documents(con: DuckDBPyConnection, limit: int) -> list[CitedDocument]:
    """Documents cited by the most articles (then the most mentions)."""
    return [CitedDocument(*row) for row in _rows(con, TOP_DOCUMENTS, limit)]


def citations_by_article_date(con: DuckDBPyConnection) -> Series:
    """Citations per month of the citing article's day; per year over a long range."""
    months = _rows(con, DATED_MONTHS)[0][0]
    unit = "month" if months is not None and months <= MONTHS_MAX else "year"
    return _series(con, _rows(con, BY_ARTICLE_DATE, unit), unit)


def citations_by_issue_year(con: DuckDBPyConnection) -> Series:
    """Citations per issue year of the cited document."""
    return _series(con, _rows(con, BY_ISSUE_YEAR), "year")


def _series(con: DuckDBPyConnection, found: list[tuple[Any, ...]], unit: str) -> Series:
    """Every period from the first to the last found, those without citations as zero."""
    seen: dict[date, int] = dict(found)  # type: ignore[arg-type]
    total = _rows(con, CITATIONS)[0][0]
    if not seen:
        return Series(unit, [], 0, total)
    periods = []
    current, last = min(seen), max(seen)
    while current <= last:
        periods.append(Period(current, seen.get(current, 0)))
        current = _next(current, unit)
    return Series(unit, periods, sum(seen.values()), total)


def _next(start: date, unit: str) -> date:
    if unit == "year":
        return start.replace(year=start.year + 1)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def top_units(con: DuckDBPyConnection, limit: int) -> list[Unit]:
    """Units of counts by how many counts are of them."""
    return [Unit(*row) for row in _rows(con, TOP_UNITS, limit)]


def top_organizations(con: DuckDBPyConnection, limit: int) -> list[Organization]:
    """Organizations (by canonical name) named in the most articles."""
    return [Organization(*row) for row in _rows(con, TOP_ORGANIZATIONS, limit)]


def top_people(con: DuckDBPyConnection, limit: int) -> list[Person]:
    """People named in the most articles, with their most written title."""
    return [Person(*row) for row in _rows(con, TOP_PEOPLE, limit)]


def articles(con: DuckDBPyConnection, limit: int) -> list[ArticleRow]:
    """The first `limit` articles in the table's order, with their fact counts."""
    return [ArticleRow(*row) for row in _rows(con, ARTICLES, limit)]
