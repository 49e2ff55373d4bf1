"""vnextract report at scale: `python bench/report.py` from the repository root (~3 minutes).

Builds a store of 10,000 articles in a private temporary folder: the records of
`../shared/corpus` (one `vnextract batch` run, or `--records FILE` from an earlier one)
loaded again and again under other paths. Each copy's paths go through a symbolic link to
the corpus folder, so every article's source exists with its sha256 and gets a page. The
corpus is read in place, never copied. Then it measures, on that store:

- `write_report` without pages: seconds (in this process, store opened), page size, with the
  default article cap and with every article listed (`--max-articles 10000`);
- the same through the CLI (`vnextract report --no-pages`): whole-process seconds;
- Chromium opening the report (navigation to the load event, then the first paint of all
  charts), when Playwright and a Chromium are there;
- the article pages of the listed articles, with both cores: pages/s. The renderer is
  `vnextract show --html`'s where this build has it, else a stand-in that writes the text
  escaped in a <pre> (the table says which): the figure is then the re-extraction's.

It prints a Markdown table and writes every figure to `bench/results/report.json`.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout, never a stale installed copy

from extractor.batch.run import default_workers  # noqa: E402
from extractor.report.build import MAX_ARTICLES, write_report  # noqa: E402
from extractor.report.pages import show_renderer  # noqa: E402
from extractor.store.database import load_records, open_store  # noqa: E402

CORPUS = (ROOT.parent / "shared" / "corpus").resolve()
RESULTS = ROOT / "bench" / "results" / "report.json"
ARTICLES = 10_000
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def corpus_records(work: Path, records: Path | None) -> list[dict[str, Any]]:
    """The corpus's records: from `records`, or one batch run over the corpus."""
    if records is None:
        records = work / "corpus.jsonl"
        subprocess.run([sys.executable, "-m", "extractor", "batch", str(CORPUS), "-o",
                        str(records), "--quiet"], check=True, env=CHILD_ENV, cwd=ROOT)
    with records.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def copies(records: list[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """ARTICLES records: the corpus's again and again, copy k under work/copyK -> corpus."""
    root = str(CORPUS)
    out: list[dict[str, Any]] = []
    for k in range(math.ceil(ARTICLES / len(records))):
        link = work / f"copy{k}"
        link.symlink_to(CORPUS, target_is_directory=True)
        for record in records:
            path = record["source"]["path"]
            moved = str(link) + path.removeprefix(root) if path.startswith(root) else path
            out.append({**record, "source": {**record["source"], "path": moved}})
    return out[:ARTICLES]


def stand_in(text: str, article: Any) -> str:
    return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(text)}</pre>"


def timed(call: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def browser_seconds(page_file: Path) -> dict[str, float] | None:
    """Seconds from navigation to the load event, and to every chart laid out."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    chromium = os.environ.get("VNEXTRACT_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        return None
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        start = time.perf_counter()
        page.goto(page_file.as_uri(), wait_until="load")
        loaded = time.perf_counter() - start
        page.evaluate("""() => new Promise(done => requestAnimationFrame(() => {
            document.querySelectorAll("svg.chart").forEach(s => s.getBBox()); done(); }))""")
        drawn = time.perf_counter() - start
        browser.close()
    return {"load_s": round(loaded, 3), "charts_drawn_s": round(drawn, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=Path, help="JSON Lines of an earlier batch of "
                        "../shared/corpus (saves its ~1.5 minutes)")
    parser.add_argument("--all-pages", action="store_true", help="also make a page for "
                        "every one of the 10,000 articles (several more minutes)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench/report.py: {CORPUS} not found; it needs the shared corpus")
    figures: dict[str, Any] = {"articles": ARTICLES, "cpus": os.cpu_count(),
                               "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="vnx-report-bench-") as tmp:
        work = Path(tmp)
        records = copies(corpus_records(work, args.records), work)
        store = work / "store.duckdb"
        con = open_store(store)
        _, figures["load_store_s"] = timed(lambda: load_records(con, records))
        con.close()
        figures["store_mb"] = round(store.stat().st_size / 2**20, 1)

        capped = work / "capped.html"
        written, seconds = timed(lambda: write_report(store, capped))
        figures["report_s"] = round(seconds, 2)
        figures["report_kb"] = round(written.size / 1024)
        figures["report_rows"] = written.listed
        every = work / "every.html"
        written, seconds = timed(lambda: write_report(store, every, max_articles=ARTICLES))
        figures["report_all_rows_s"] = round(seconds, 2)
        figures["report_all_rows_kb"] = round(written.size / 1024)
        _, seconds = timed(lambda: subprocess.run(
            [sys.executable, "-m", "extractor", "report", str(store), "-o",
             str(work / "cli.html"), "--no-pages"], check=True, env=CHILD_ENV,
            capture_output=True))
        figures["cli_report_s"] = round(seconds, 2)
        figures["browser_capped"] = browser_seconds(capped)
        figures["browser_all_rows"] = browser_seconds(every)

        render = show_renderer()
        figures["renderer"] = "vnextract show --html" if render else "stand-in <pre> page"
        workers = default_workers()
        runs = [("pages", MAX_ARTICLES)] + ([("all_pages", ARTICLES)] if args.all_pages else [])
        for name, listed in runs:
            out = work / f"{name}.html"
            written, seconds = timed(lambda out=out, listed=listed: write_report(
                store, out, render_page=render or stand_in, max_articles=listed,
                workers=workers))
            figures[f"{name}_made"] = written.pages
            figures[f"{name}_s"] = round(seconds, 1)
            figures[f"{name}_per_s"] = round(written.pages / seconds, 1)
            shutil.rmtree(written.folder)
    figures["load_after"] = os.getloadavg()[0]
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    table(figures)


def table(f: dict[str, Any]) -> None:
    print(f"store of {f['articles']:,} articles ({f['store_mb']} MB, loaded in "
          f"{f['load_store_s']:.1f} s); {f['cpus']} cores, load {f['load_before']:.1f} -> "
          f"{f['load_after']:.1f}\n")
    print("| what | figure |\n|---|---|")
    print(f"| report, {f['report_rows']:,} article rows (default cap) | {f['report_s']} s, "
          f"{f['report_kb']} KB |")
    print(f"| report, all {f['articles']:,} article rows | {f['report_all_rows_s']} s, "
          f"{f['report_all_rows_kb']} KB |")
    print(f"| `vnextract report --no-pages`, whole process | {f['cli_report_s']} s |")
    for key, label in (("browser_capped", "default cap"), ("browser_all_rows", "all rows")):
        if f[key]:
            print(f"| Chromium opens it ({label}): load event, charts laid out | "
                  f"{f[key]['load_s']} s, {f[key]['charts_drawn_s']} s |")
    for name in ("pages", "all_pages"):
        if f"{name}_made" in f:
            print(f"| {f[name + '_made']:,} article pages ({f['renderer']}) | "
                  f"{f[name + '_s']} s, {f[name + '_per_s']} pages/s |")


if __name__ == "__main__":
    main()
