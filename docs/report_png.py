"""Remake docs/report.png: `python docs/report_png.py` (about 1 minute; needs playwright, a
Chromium, DuckDB, and ../shared/corpus/baomoi-2017 beside the checkout).

The report of a store of the 771 baomoi-2017 articles, made in a temporary folder (the
corpus is read in place; neither it nor the store is kept), shot by headless Chromium from
its top down to the end of the time series.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))  # this checkout's extractor, installed or not
CORPUS = (ROOT.parent / "shared" / "corpus" / "baomoi-2017").resolve()
CHROMIUM = os.environ.get("VNEXTRACT_CHROMIUM", "/usr/bin/chromium")
WIDTH = 980


def main() -> None:
    from playwright.sync_api import sync_playwright

    from extractor.store.database import load_records, open_store

    with tempfile.TemporaryDirectory(prefix="vnx-report-png-") as tmp:
        work = Path(tmp)
        records, store, page = work / "baomoi-2017.jsonl", work / "baomoi-2017.duckdb", \
            work / "report.html"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-m", "extractor", "batch", str(CORPUS), "-o",
                        str(records), "--quiet"], check=True, env=env, cwd=work)
        con = open_store(store)
        with records.open(encoding="utf-8") as lines:
            load_records(con, (json.loads(line) for line in lines))
        con.close()
        subprocess.run([sys.executable, "-m", "extractor", "report", store.name, "-o",
                        page.name, "--no-pages", "--title", "Báo cáo: 771 bài báo năm 2017"],
                       check=True, env=env, cwd=work)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
            tab = browser.new_page(viewport={"width": WIDTH, "height": 900})
            tab.goto(page.as_uri())
            bottom = tab.evaluate(
                "() => document.getElementById('thoi-gian').getBoundingClientRect().bottom")
            tab.screenshot(path=str(DOCS / "report.png"), full_page=True,
                           clip={"x": 0, "y": 0, "width": WIDTH, "height": bottom + 16})
            browser.close()
    print(f"{DOCS / 'report.png'}: {(DOCS / 'report.png').stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
