"""One page per listed article, in a folder beside the report, made by a given renderer.

The store keeps facts, not text, so a page is made from the source file again: only when
it still exists with the stored sha256 (else the article gets a note instead of a link).
The text is extracted again by the batch engine (`batch.run.run`, every core) and
re-read here for the renderer; both must have the stored sha256, so the page's text, its
facts and the report's row all describe the same bytes. Relative paths are taken from the
current directory, as `vnextract batch` wrote them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..batch.run import Result
    from ..output.models import Article
    from .queries import ArticleRow

# The renderer: the article's NFC text and its facts (spans index the text) -> a whole
# HTML page. Called once per article, in this process.
Render = Callable[[str, "Article"], str]

GONE = "không còn tệp nguồn"
CHANGED = "tệp nguồn đã đổi từ khi nạp vào kho"
UNREADABLE = "không đọc lại được tệp nguồn"
FAILED = "không tạo được trang xem"


class Tracker(Protocol):
    """What follows the re-extractions: the batch's progress bar (cli.progress.Report)."""

    def done(self, result: Result) -> None: ...


# Given how many articles are extracted again, a context that tracks them one by one.
Progress = Callable[[int], AbstractContextManager[Tracker]]


@dataclass(frozen=True)
class Link:
    """An article's page (a file name in the folder), or the note saying why it has none."""

    file: str | None = None
    note: str | None = None


def page_folder(report: Path) -> Path:
    """The folder of the report's article pages: report.html -> report_files."""
    return report.with_name(f"{report.stem}_files")


def page_name(article_id: int) -> str:
    return f"{article_id}.html"


def write_pages(articles: Sequence[ArticleRow], folder: Path, render: Render,
                workers: int = 1, progress: Progress | None = None) -> dict[int, Link]:
    """Write `folder/<article_id>.html` for each article whose source is unchanged; every
    article gets a Link. `progress` follows the re-extractions (a progress bar)."""
    from ..batch.run import Options, file_digest, run

    links: dict[int, Link] = {}
    todo: dict[str, ArticleRow] = {}
    for row in articles:
        digest = file_digest(row.path)
        if digest is None:
            links[row.article_id] = Link(note=UNREADABLE if os.path.lexists(row.path) else GONE)
        elif digest != row.sha256:
            links[row.article_id] = Link(note=CHANGED)
        else:
            todo[row.path] = row
    folder.mkdir(parents=True, exist_ok=True)
    with (progress or _silent)(len(todo)) as tracker:
        for result in run(list(todo), Options(), workers):
            row = todo[result.path]
            links[row.article_id] = _page(result, row, folder, render)
            if tracker is not None:
                tracker.done(result)
    return links


def _silent(total: int) -> AbstractContextManager[None]:
    return nullcontext()


def _page(result: Result, row: ArticleRow, folder: Path, render: Render) -> Link:
    """Render one re-extracted article; a failure is the article's note, not the run's end."""
    from ..load.loading import InputError, read_path
    from ..output.models import Article

    if result.error is not None:
        return Link(note=f"{UNREADABLE}: {result.error[1]}")
    record = json.loads(result.output)
    article = Article.model_validate(
        {key: value for key, value in record.items()
         if key not in Article.model_computed_fields})
    try:
        loaded = read_path(Path(row.path))
    except InputError as exc:
        return Link(note=f"{UNREADABLE}: {exc.message}")
    if not loaded.sha256 == article.source.sha256 == row.sha256:
        return Link(note=CHANGED)  # changed while the report was being made
    try:
        html = render(loaded.text, article)
    except Exception as exc:  # one article's bug must not end a report over thousands
        return Link(note=f"{FAILED}: {type(exc).__name__}: {exc}")
    name = page_name(row.article_id)
    (folder / name).write_text(html, encoding="utf-8")
    return Link(file=name)


def show_renderer() -> Render | None:
    """The page `vnextract show --html` writes for an article, or None where this vnextract
    has no show command (`extractor.show`); the report then links no article."""
    try:
        from ..show import html_page
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__.rpartition('.')[0]}.show":
            raise
        return None
    return lambda text, article: html_page(text, article, article.source.path)
