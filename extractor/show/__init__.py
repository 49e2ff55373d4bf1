"""`vnextract show`: an article with its facts highlighted, in the terminal or as a page.

spans.py turns (text, Article) into one view that terminal.py and html.py both draw; this
module reads the input the way `extract` does, so the spans index exactly that text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from ..output.models import Article


def read_article(name: str, encoding: str | None, max_bytes: int) -> tuple[str, Article]:
    """The loaded NFC text of one input ("-": stdin) and its Article. Every failure is the
    load stage's `InputError`, an extraction bug too (kind `internal`), as in a batch."""
    from ..load.loading import InputError, decode, read_path, read_stream
    from ..pipeline import extract

    if name == "-":
        if sys.stdin is None:
            raise InputError("unreadable", "stdin is closed; pipe the article in, "
                                           "or give its path")
        loaded = decode(read_stream(sys.stdin.buffer, max_bytes), encoding)
    else:
        loaded = read_path(Path(name), encoding, max_bytes)
    try:
        article = extract(loaded.text, path=name, sha256=loaded.sha256,
                          encoding=loaded.encoding, warnings=loaded.warnings)
    except Exception as exc:  # one line and exit 1, as `extract` says it
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise InputError("internal", f"extraction failed ({detail}); please report this file"
                         ) from None
    return loaded.text, article


def check_page_path(html: str | None, name: str) -> None:
    """Refuse --html naming the article itself (or a link to it): the page would replace it."""
    from ..batch.errors import BatchError

    if html in (None, "-") or name == "-":
        return
    try:
        same = os.path.samefile(html, name)
    except (OSError, ValueError):  # either is missing: nothing to overwrite
        same = False
    if same:
        raise BatchError(f"--html {html}: is the article itself; write the page to another "
                         "file (article.html)")


def html_page(text: str, article: Article, name: str) -> str:
    """The standalone page of the article."""
    from .html import page
    from .spans import build

    return page(build(text, article), name, article.title.text if article.title else None)


def wants_colour(colour: bool | None, out: BinaryIO) -> bool:
    """--color/--no-color, else colours on a terminal unless NO_COLOR (or with FORCE_COLOR)."""
    if colour is not None:
        return colour
    if os.environ.get("NO_COLOR"):
        return False
    return out.isatty() or bool(os.environ.get("FORCE_COLOR"))


def print_view(text: str, article: Article, name: str, colour: bool, out: BinaryIO) -> None:
    """The terminal view: rich colours, or plain text with [kind: ...] marks. Written as
    bytes by us, not by rich, so a closed pipe or a full disk ends as `extract` ends."""
    from .spans import build
    from .terminal import plain, render

    view = build(text, article)
    if colour:
        from rich.console import Console

        console = Console(force_terminal=True, no_color=False, highlight=False)
        with console.capture() as captured:
            render(view, name, console)
        shown = captured.get()
    else:
        shown = plain(view, name)
    out.write(shown.encode("utf-8"))
    out.flush()
