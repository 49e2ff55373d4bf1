"""Remake docs/show.png and docs/show-terminal.png from the bundled sample:
`python docs/images.py` (needs playwright, a Chromium, and a monospace font with Vietnamese
letters: Debian's fonts-jetbrains-mono)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))  # this checkout's extractor, installed or not
SAMPLE = "samples/tay-ninh-hoc-tap-lam-theo-bac.txt"
CHROMIUM = os.environ.get("VNEXTRACT_CHROMIUM", "/usr/bin/chromium")


TERMINAL_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #1f2329; }}
pre {{ margin: 0; padding: 18px 22px; color: #d7dae0; background: #1f2329;
       font: 15px/1.45 "JetBrains Mono", monospace; }}
</style></head><body><pre>{code}</pre></body></html>"""


def terminal_png() -> None:
    """The first paragraphs of the terminal view as rich records them, drawn by Chromium
    (an SVG would leave the monospace font, and so the Vietnamese marks, to the viewer)."""
    from rich.console import Console
    from rich.terminal_theme import MONOKAI

    from extractor.show import read_article
    from extractor.show.spans import build
    from extractor.show.terminal import render

    text, article = read_article(SAMPLE, None, 1 << 24)
    view = build(text, article)
    with open(os.devnull, "w") as sink:
        console = Console(record=True, width=118, force_terminal=True, color_system="truecolor",
                          file=sink)
        console.print(f"$ vnextract show {SAMPLE}", style="bold")
        render(replace(view, paragraphs=view.paragraphs[:5]), SAMPLE, console)
    html = console.export_html(theme=MONOKAI, code_format=TERMINAL_PAGE, inline_styles=True)
    shoot(html, DOCS / "show-terminal.png", width=1130)


def page_png() -> None:
    """The top of the page, as headless Chromium draws it."""
    done = subprocess.run([sys.executable, "-m", "extractor", "show", SAMPLE, "--html", "-"],
                          check=True, capture_output=True)
    shoot(done.stdout.decode("utf-8"), DOCS / "show.png", width=1280, height=960)


def shoot(html: str, png: Path, width: int, height: int | None = None) -> None:
    """A screenshot of a page: the viewport, or the whole page when no height is given."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": width, "height": height or 600})
        page.set_content(html)
        page.screenshot(path=str(png), full_page=height is None)
        browser.close()


if __name__ == "__main__":
    os.chdir(DOCS.parent)
    terminal_png()
    page_png()
