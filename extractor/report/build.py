"""A store in, one report out: every section's rows, the article pages, the page written.

The store is opened read-only, so a report can be made while nothing else writes it. The
page is written to a temporary file beside -o and renamed over it at the end: an
interrupted run leaves the previous report whole.
"""

from __future__ import annotations

import os
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..batch.errors import BatchError
from . import queries
from .page import Contents, render
from .pages import Progress, Render, page_folder, write_pages

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

CHART_ROWS = 20  # bars in each top-N chart
TABLE_ROWS = 30  # rows in the table folded under it
MAX_ARTICLES = 2000  # rows of the article table, and so pages: the page stays < 1 MB
DEFAULT_TITLE = "Báo cáo kho dữ kiện bài viết"


class OutputError(Exception):
    """The report or its pages cannot be written where asked (exit 1, one line)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Written:
    """What a run wrote, for its summary line."""

    path: Path
    size: int  # bytes of the page
    listed: int  # rows of the article table
    articles: int  # articles in the store
    pages: int  # article pages written
    folder: Path | None  # where they are; None when no pages were asked for


def gather(con: DuckDBPyConnection, title: str, store: str,
           max_articles: int = MAX_ARTICLES) -> Contents:
    """Every section's rows from the store."""
    from .. import __version__

    return Contents(
        title=title, store=store, made=datetime.now(), version=__version__,
        summary=queries.summary(con), facts=queries.facts(con),
        errors=queries.error_kinds(con), documents=queries.top_documents(con, TABLE_ROWS),
        by_issue_year=queries.citations_by_issue_year(con),
        by_article_date=queries.citations_by_article_date(con),
        units=queries.top_units(con, TABLE_ROWS),
        organizations=queries.top_organizations(con, TABLE_ROWS),
        people=queries.top_people(con, TABLE_ROWS),
        articles=queries.articles(con, max_articles), chart_rows=CHART_ROWS)


def write_report(store: Path, output: Path, *, title: str | None = None,
                 render_page: Render | None = None, max_articles: int = MAX_ARTICLES,
                 workers: int = 1, progress: Progress | None = None) -> Written:
    """Write the report of `store` to `output`; with `render_page`, also a page per listed
    article in `page_folder(output)`, linked from its row."""
    check_output(output, store)
    from ..store.database import open_store  # the db extra: a StoreError names it if missing

    with closing(open_store(store, read_only=True)) as con:
        contents = gather(con, title or DEFAULT_TITLE, str(store), max_articles)
    folder = None
    if render_page is not None:
        folder = page_folder(output)
        try:
            contents.links = write_pages(contents.articles, folder, render_page, workers,
                                         progress)
        except OSError as exc:
            raise OutputError(folder, f"cannot write the article pages "
                                      f"({exc.strerror or exc})") from None
        contents.folder = folder.name
    html = render(contents).encode("utf-8")
    write_whole(output, html)
    return Written(output, len(html), len(contents.articles), contents.summary.articles,
                   sum(link.file is not None for link in contents.links.values()), folder)


def check_output(output: Path, store: Path) -> None:
    """Refuse, before any work, an -o that is the store or cannot be written."""
    if output.exists() and store.exists() and output.samefile(store):
        raise BatchError(f"-o {output}: is the store itself; write the report to another file")
    if output.is_dir():
        raise OutputError(output, "is a folder; give the report's file name (report.html)")
    parent = output.parent
    if not parent.is_dir():
        raise OutputError(output, f"no such folder: {parent}")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(output, f"cannot write in {parent} (permission denied)")


def write_whole(output: Path, data: bytes) -> None:
    """Write to a temporary file beside `output`, then rename it over `output`."""
    temporary = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, output)
    except OSError as exc:
        with suppress(OSError):
            temporary.unlink()
        raise OutputError(output, f"cannot write the report ({exc.strerror or exc})") from None
