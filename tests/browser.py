"""A real headless Chromium for tests of the pages vnextract writes, driven by Playwright.

The browser is Debian's `chromium` (installed by `.ci/run`), or the one `$VNEXTRACT_CHROMIUM`
names, or Playwright's own download. Where neither the `playwright` package nor a Chromium
exists, the tests that use `browser_page` skip with the reason; `VNEXTRACT_REQUIRE_BROWSER=1`
(set by `.ci/run`) turns that skip into a failure, so CI cannot pass without running them.

A test gets a `BrowserPage`: the Playwright page, the console and page errors seen so far,
the requests it refused (a page must need nothing from outside its own file), and `shot()`,
which keeps a screenshot under the test's tmp_path as an artifact to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def _unavailable(reason: str) -> None:
    """Skip, or fail where the run promised a browser (CI)."""
    if os.environ.get("VNEXTRACT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (VNEXTRACT_REQUIRE_BROWSER=1: browser tests must run here)")
    pytest.skip(reason)


def find_chromium(playwright_path: str | None) -> Path | None:
    """The first Chromium that exists: $VNEXTRACT_CHROMIUM, Debian's, Playwright's own."""
    named = os.environ.get("VNEXTRACT_CHROMIUM")
    if named:
        if not Path(named).is_file():
            pytest.fail(f"VNEXTRACT_CHROMIUM={named}: no such file")
        return Path(named)
    for candidate in (DEBIAN_CHROMIUM, Path(playwright_path) if playwright_path else None):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the whole run: starting it costs about a second."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed: pip install '.[test]'")
    with sync_playwright() as driver:
        try:
            own = driver.chromium.executable_path
        except Error:
            own = None
        path = find_chromium(own)
        if path is None:
            _unavailable("no Chromium: apt-get install chromium, "
                         "or set VNEXTRACT_CHROMIUM to a Chromium binary")
        browser = driver.chromium.launch(executable_path=str(path), headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BrowserPage:
    """A fresh page and what went wrong on it, for a test to assert on."""

    page: Page
    out_dir: Path
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and refused outside requests, together."""
        return ([f"console: {e}" for e in self.console_errors]
                + [f"page error: {e}" for e in self.page_errors]
                + [f"outside request: {u}" for u in self.refused])

    def shot(self, name: str, full_page: bool = True) -> Path:
        """Save a PNG screenshot as NAME.png beside the test's other files; return its path."""
        path = self.out_dir / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def browser_page(chromium: Browser, tmp_path: Path) -> Iterator[BrowserPage]:
    """A new page in its own context; any request beyond the page's own file is refused
    and recorded, so a test sees a page that would break offline."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = BrowserPage(page, tmp_path)

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen.console_errors.append(message.text)

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            seen.refused.append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda exc: seen.page_errors.append(str(exc)))
    page.route("**/*", route)
    try:
        yield seen
    finally:
        context.close()
