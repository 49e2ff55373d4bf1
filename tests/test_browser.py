"""The browser fixture itself: a test that uses it must see what goes wrong on a page."""

from __future__ import annotations

from pathlib import Path

from .browser import BrowserPage

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head>
<body><p id="p">Ngày hội đọc sách</p>
<img src="https://example.invalid/logo.png" alt="">
<script>console.error("lỗi thử"); document.getElementById("p").dataset.ran = "1";
setTimeout(() => { throw new Error("ném thử"); }, 0);</script></body></html>"""


def test_errors_outside_requests_and_screenshots_are_caught(
        browser_page: BrowserPage, tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(PAGE, encoding="utf-8")
    browser_page.page.goto(page_file.as_uri())
    browser_page.page.wait_for_timeout(50)
    assert browser_page.page.get_attribute("#p", "data-ran") == "1"
    assert "lỗi thử" in browser_page.console_errors
    assert any("ném thử" in e for e in browser_page.page_errors)
    assert browser_page.refused == ["https://example.invalid/logo.png"]
    shot = browser_page.shot("page")
    assert shot.parent == tmp_path and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_clean_page_has_no_errors(browser_page: BrowserPage, tmp_path: Path) -> None:
    page_file = tmp_path / "clean.html"
    page_file.write_text("<!doctype html><meta charset='utf-8'><p>Sạch</p>", encoding="utf-8")
    browser_page.page.goto(page_file.as_uri())
    assert browser_page.errors == []
    assert browser_page.page.inner_text("p") == "Sạch"
