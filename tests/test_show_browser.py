"""The `show --html` page of the bundled sample in a real headless Chromium (tests/browser.py):
no console errors, nothing fetched, every kind of the legend drawn, and a screenshot kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .browser import BrowserPage
from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("show") / "sample.html"
    proc = subprocess.run([sys.executable, "-m", "extractor", "show", str(SAMPLE), "--html",
                           str(out)], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


def drawn_boxes(browser_page: BrowserPage, kind: str) -> int:
    """How many marks of a kind the browser laid out with a non-empty box."""
    return browser_page.page.evaluate(
        """kind => [...document.querySelectorAll(`mark.k-${kind}`)].filter(m => {
               const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0;
           }).length""", kind)


def test_the_page_draws_every_kind_of_its_legend(browser_page: BrowserPage,
                                                 sample_page: Path) -> None:
    page = browser_page.page
    page.goto(sample_page.as_uri())
    kinds = page.eval_on_selector_all(".legend input", "els => els.map(e => e.id.slice(5))")
    assert {"document", "date", "person", "organization", "count", "campaign"} <= set(kinds)
    for kind in kinds:
        assert drawn_boxes(browser_page, kind) >= 1, kind
        fill = page.eval_on_selector(f"mark.k-{kind}", "m => getComputedStyle(m).backgroundColor")
        assert fill not in ("rgba(0, 0, 0, 0)", "transparent"), kind
    assert page.locator(".badge").count() >= 10  # list intros and items are labelled
    shot = browser_page.shot("show-sample")
    assert shot.stat().st_size > 10_000
    assert browser_page.errors == []


def test_a_legend_checkbox_hides_its_kind(browser_page: BrowserPage, sample_page: Path) -> None:
    page = browser_page.page
    page.goto(sample_page.as_uri())
    fill = "m => getComputedStyle(m).backgroundColor"
    page.uncheck("#show-date")
    assert page.eval_on_selector("mark.k-date", fill) == "rgba(0, 0, 0, 0)"
    assert page.eval_on_selector("mark.k-person", fill) != "rgba(0, 0, 0, 0)"
    assert page.locator("aside li.k-date").first.is_hidden()
    browser_page.shot("show-sample-without-dates", full_page=False)
    assert browser_page.errors == []
