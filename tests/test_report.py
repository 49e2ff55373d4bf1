"""`vnextract report`: every section's numbers against SQL written here, what each chart
draws against the same, a self-contained and escaped page, the article pages and their
notes, one-line errors, the size of a 10,000-article report, and the page in a real
headless Chromium (no console error, every chart drawn, a screenshot kept in tmp_path).

The store is real: the bundled samples, the synthetic articles and three articles written
here, through the real `vnextract batch` to JSON Lines, then `load_records`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from html import escape
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from extractor.report import charts, queries
from extractor.report.build import MAX_ARTICLES, write_report
from extractor.report.page import PAGE_ROWS
from extractor.report.pages import CHANGED, FAILED, GONE, page_folder

from .browser import BrowserPage
from .conftest import ROOT, SAMPLES

duckdb = pytest.importorskip("duckdb", reason="the report reads a DuckDB store: pip install "
                             "'.[test]'")
from extractor.store.database import load_records, open_store  # noqa: E402

CLI = [sys.executable, "-m", "extractor"]
SYNTHETIC = ROOT / "tests" / "data" / "synthetic"
TITLE_MARKUP = '<b>Sơ kết</b> & "Chỉ thị"'
# Articles of our own: two days of the same month and one of another, one title with markup.
OWN = {
    "own-hoa-binh.txt": (
        f"Tỉnh ủy Hòa Bình {TITLE_MARKUP} số 05-CT/TW\n"
        "Ngày 12/3/2024, Tỉnh ủy Hòa Bình tổ chức hội nghị sơ kết thực hiện Chỉ thị số "
        "05-CT/TW của Bộ Chính trị và Nghị quyết số 21/2022/NQ-HĐND của Hội đồng nhân dân tỉnh.\n"
        "Đồng chí Bùi Văn Tỉnh, Bí thư Tỉnh ủy, chủ trì hội nghị. Toàn tỉnh có 120 chi bộ và "
        "3.500 đảng viên tham gia học tập.\n"),
    "own-son-la.txt": (
        "Sơn La triển khai Nghị quyết số 21/2022/NQ-HĐND\n"
        "Ngày 25/3/2024, Ban Thường vụ Tỉnh ủy Sơn La triển khai Nghị quyết số "
        "21/2022/NQ-HĐND và Chỉ thị số 05-CT/TW tới 45 tổ chức cơ sở đảng.\n"
        "Đồng chí Hoàng Văn Chất, Bí thư Tỉnh ủy, yêu cầu Ủy ban nhân dân tỉnh Sơn La hoàn "
        "thành kế hoạch trong năm 2024.\n"),
    "own-dien-bien.txt": (
        "Điện Biên tổng kết Nghị quyết số 21/2022/NQ-HĐND\n"
        "Ngày 8/5/2024, Tỉnh ủy Điện Biên tổng kết Nghị quyết số 21/2022/NQ-HĐND; 300 đảng "
        "viên dự hội nghị.\n"
        "Đồng chí Trần Quốc Cường, Bí thư Tỉnh ủy, phát biểu chỉ đạo.\n"),
}


def cli(*args: str | Path, prelude: str = "") -> subprocess.CompletedProcess:
    """The real CLI in a subprocess; `prelude` is Python run first in that process."""
    argv = [str(arg) for arg in args]
    command = ([sys.executable, "-c", f"{prelude}\nimport sys\nsys.argv = ['vnextract', "
                f"*{argv!r}]\nfrom extractor.cli.app import main\nmain()"]
               if prelude else [*CLI, *argv])
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=600)


def make_store(folder: Path, store: Path, extra: tuple[str, ...] = ()) -> None:
    """`vnextract batch` of the folder (and `extra` paths) to JSON Lines, loaded into `store`."""
    records = store.with_suffix(".jsonl")
    proc = cli("batch", folder, *extra, "-o", records, "--quiet")
    assert proc.returncode in (0, 1), proc.stderr  # 1: an input was unreadable, as asked
    with records.open(encoding="utf-8") as lines:
        con = open_store(store)
        try:
            load_records(con, (json.loads(line) for line in lines))
        finally:
            con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in [*SAMPLES.glob("*.txt"), *SYNTHETIC.glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    for name, text in OWN.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(corpus: Path) -> Path:
    path = corpus.parent / "store.duckdb"
    make_store(corpus, path, extra=(str(corpus.parent / "no-such-article.txt"),))
    return path


@pytest.fixture(scope="module")
def con(store: Path) -> Iterator[Any]:
    connection = duckdb.connect(str(store), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def report(store: Path) -> str:
    out = store.parent / "report.html"
    proc = cli("report", store, "-o", out, "--no-pages", "--title", "Báo cáo <thử>")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().count("\n") == 1 and "KB" in proc.stderr.decode()
    return out.read_text(encoding="utf-8")


def all_rows(con: Any, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def top(counts: dict[Any, tuple], n: int) -> list[tuple[Any, tuple]]:
    """The n keys with the largest (articles, mentions), ties by key: the report's order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:n]


# --- independent SQL (plain rows, counted here in Python) ----------------------------------

def expected_documents(con: Any) -> dict[tuple[str, str], tuple[int, int]]:
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    mentions: Counter[tuple[str, str]] = Counter()
    for aid, type_, code, n in all_rows(con, "SELECT article_id, type, code, mentions "
                                             "FROM documents"):
        seen[type_, code].add(aid)
        mentions[type_, code] += n
    return {key: (len(ids), mentions[key]) for key, ids in seen.items()}


def expected_named(con: Any, table: str, column: str) -> dict[str, tuple[int, int]]:
    seen: dict[str, set[int]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for aid, name, n in all_rows(con, f"SELECT article_id, {column}, mentions FROM {table}"):
        seen[name].add(aid)
        mentions[name] += n
    return {name: (len(ids), mentions[name]) for name, ids in seen.items()}


def expected_units(con: Any) -> dict[str, tuple[int, int]]:
    seen: dict[str, list[int]] = defaultdict(list)
    for aid, unit in all_rows(con, "SELECT article_id, unit FROM counts"):
        seen[unit].append(aid)
    return {unit: (len(ids), len(set(ids))) for unit, ids in seen.items()}


def issue_year(issued: str | None, code: str) -> int | None:
    if issued and re.match(r"\d{4}", issued):
        return int(issued[:4])
    found = re.search(r"/((?:19|20)\d\d)/", code)
    return int(found[1]) if found else None


def filled(counts: Counter, step: Any) -> list[tuple[Any, int]]:
    """Every period from the first to the last counted, zero where none."""
    if not counts:
        return []
    out, current = [], min(counts)
    while current <= max(counts):
        out.append((current, counts.get(current, 0)))
        current = step(current)
    return out


def expected_issue_years(con: Any) -> list[tuple[int, int]]:
    years = Counter(y for issued, code in all_rows(con, "SELECT issued, code FROM documents")
                    if (y := issue_year(issued, code)) is not None)
    return filled(years, lambda y: y + 1)


def expected_dated(con: Any) -> tuple[str, list[tuple[Any, int]]]:
    days = [day for (day,) in all_rows(
        con, "SELECT a.article_date FROM documents d, articles a "
             "WHERE d.article_id = a.article_id AND a.article_date IS NOT NULL")]
    first, last = min(days), max(days)
    if (last.year - first.year) * 12 + last.month - first.month + 1 <= 36:
        months = Counter((d.year, d.month) for d in days)
        return "month", filled(months, lambda m: (m[0] + m[1] // 12, m[1] % 12 + 1))
    return "year", filled(Counter(d.year for d in days), lambda y: y + 1)


# --- queries against the independent counts -------------------------------------------------

def test_summary_and_facts_match_sql(con: Any, corpus: Path) -> None:
    rows = all_rows(con, "SELECT error_kind, article_date FROM articles")
    ok = [day for kind, day in rows if kind is None]
    summary = queries.summary(con)
    assert summary.articles == len(ok) == len(list(corpus.glob("*.txt")))
    assert summary.errors == sum(kind is not None for kind, _ in rows) == 1
    assert summary.dated == sum(day is not None for day in ok) > 0
    assert (summary.first_date, summary.last_date) == (min(d for d in ok if d),
                                                       max(d for d in ok if d))
    for fact in queries.facts(con):
        ids = [aid for (aid,) in all_rows(con, f"SELECT article_id FROM {fact.table}")]
        assert (fact.facts, fact.articles) == (len(ids), len(set(ids))), fact.table
    assert [(e.kind, e.rows) for e in queries.error_kinds(con)] == [("missing", 1)]


def test_top_documents_units_organizations_people_match_sql(con: Any) -> None:
    docs = top(expected_documents(con), 30)
    assert [((d.type, d.code), (d.articles, d.mentions))
            for d in queries.top_documents(con, 30)] == docs
    assert docs[0][1][0] >= 3  # 05-CT/TW and 21/2022/NQ-HĐND are cited by several
    orgs = top(expected_named(con, "organizations", "canonical"), 30)
    assert [(o.canonical, (o.articles, o.mentions))
            for o in queries.top_organizations(con, 30)] == orgs
    people = top(expected_named(con, "people", "name"), 30)
    assert [(p.name, (p.articles, p.mentions)) for p in queries.top_people(con, 30)] == people
    units = top(expected_units(con), 30)
    assert [(u.unit, (u.counts, u.articles)) for u in queries.top_units(con, 30)] == units


def test_a_persons_title_and_a_documents_issuer_are_the_most_written(con: Any) -> None:
    for person in queries.top_people(con, 30):
        titles = Counter(t for (t,) in con.execute(
            "SELECT t.text FROM people p JOIN titles t USING (article_id, person_seq) "
            "WHERE p.name = ?", [person.name]).fetchall())
        best = max(titles.values(), default=0)
        assert person.title == min((t for t, n in titles.items() if n == best), default=None)
    for doc in queries.top_documents(con, 30):
        issuers = Counter(i for (i,) in con.execute(
            "SELECT issuer FROM documents WHERE type = ? AND code = ? AND issuer IS NOT NULL",
            [doc.type, doc.code]).fetchall())
        best = max(issuers.values(), default=0)
        assert doc.issuer == min((i for i, n in issuers.items() if n == best), default=None)


def test_citation_series_match_sql(con: Any) -> None:
    issued = queries.citations_by_issue_year(con)
    assert [(p.start.year, p.citations) for p in issued.periods] == expected_issue_years(con)
    assert issued.covered == sum(p.citations for p in issued.periods) > 0
    assert issued.total == len(all_rows(con, "SELECT 1 FROM documents"))
    dated = queries.citations_by_article_date(con)
    unit, periods = expected_dated(con)
    shown = [((p.start.year, p.start.month) if unit == "month" else p.start.year, p.citations)
             for p in dated.periods]
    assert (dated.unit, shown) == (unit, periods)


def test_the_article_rows_count_each_articles_facts(con: Any) -> None:
    listed = queries.articles(con, 1000)
    ok = all_rows(con, "SELECT article_id, article_date, path FROM articles "
                       "WHERE error_kind IS NULL")
    order = sorted(ok, key=lambda r: (r[1] is None, -(r[1] or date.min).toordinal(), r[2]))
    assert [row.article_id for row in listed] == [r[0] for r in order]
    for table, field in (("documents", "documents"), ("organizations", "organizations"),
                         ("people", "people"), ("counts", "counts")):
        per = Counter(aid for (aid,) in all_rows(con, f"SELECT article_id FROM {table}"))
        assert [getattr(row, field) for row in listed] == [per[r[0]] for r in order], table
    assert len(queries.articles(con, 3)) == 3


# --- the page: what each chart draws, self-contained, escaped ------------------------------

def marks(html: str, chart_id: str) -> list[tuple[str, int]]:
    """(data-label, data-value) of every mark of a chart, in drawing order."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    chart = tree.css_first(f"svg.chart#{chart_id}")
    assert chart is not None, chart_id
    return [(m.attributes["data-label"], int(m.attributes["data-value"]))
            for m in chart.css("rect.mark")]


def test_each_chart_draws_what_sql_counts(report: str, con: Any) -> None:
    docs = top(expected_documents(con), 20)
    assert marks(report, "chart-documents") == [(f"{t} {c}", v[0]) for (t, c), v in docs]
    orgs = top(expected_named(con, "organizations", "canonical"), 20)
    assert marks(report, "chart-organizations") == [(name, v[0]) for name, v in orgs]
    people = top(expected_named(con, "people", "name"), 20)
    assert marks(report, "chart-people") == [(name, v[0]) for name, v in people]
    units = top(expected_units(con), 20)
    assert marks(report, "chart-units") == [(unit, v[0]) for unit, v in units]
    assert marks(report, "chart-issued") == [(str(y), n) for y, n in expected_issue_years(con)]
    unit, periods = expected_dated(con)
    labels = ([f"tháng {m}/{y}" for (y, m), _ in periods] if unit == "month"
              else [str(y) for y, _ in periods])
    assert marks(report, "chart-dated") == list(zip(labels, [n for _, n in periods],
                                                    strict=True))


def test_the_page_is_self_contained_and_escapes_text(report: str) -> None:
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", report, re.I)
    assert not re.search(r"<(?:link|iframe|object|embed|img)\b", report, re.I)
    assert "<script src" not in report and "@import" not in report and "url(" not in report
    assert TITLE_MARKUP not in report and escape(TITLE_MARKUP) in report
    assert "<title>Báo cáo &lt;thử&gt;</title>" in report


def test_the_article_table_states_its_cap(store: Path, con: Any) -> None:
    out = store.parent / "capped.html"
    proc = cli("report", store, "-o", out, "--no-pages", "--max-articles", "3")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    total = queries.summary(con).articles
    assert f"Hiển thị 3 trên tổng số {total} bài viết" in html
    rows = article_rows(html)
    assert len(rows) == 3 and all(link is None for link, _ in rows.values())
    assert "không tạo trang xem từng bài" in html


def test_an_empty_store_gives_a_page_that_says_so(tmp_path: Path) -> None:
    store = tmp_path / "empty.duckdb"
    open_store(store).close()
    proc = cli("report", store, "-o", tmp_path / "empty.html")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "<svg" not in html and "Kho chưa có bài viết nào." in html
    assert html.count('class="empty"') == 7  # four top lists, two series, the articles


def test_a_thousand_years_of_citations_gets_a_labelled_axis(tmp_path: Path) -> None:
    """An article dated in 1010 (a history piece) next to one of 2024: 1,015 year columns,
    labelled at a round step that keeps at most 16 labels."""
    folder = tmp_path / "old"
    folder.mkdir()
    for name, day in (("a.txt", "10/10/1010"), ("b.txt", "5/3/2024")):
        (folder / name).write_text(f"Kỷ niệm ngày dời đô\nNgày {day}, Tỉnh ủy Hòa Bình "
                                   "quán triệt Chỉ thị số 05-CT/TW.\n", encoding="utf-8")
    store = tmp_path / "old.duckdb"
    make_store(folder, store)
    proc = cli("report", store, "-o", tmp_path / "old.html", "--no-pages")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "old.html").read_text(encoding="utf-8")
    drawn = marks(html, "chart-dated")
    assert len(drawn) == 2024 - 1010 + 1 and sum(n for _, n in drawn) == 2
    chart = html[html.index('id="chart-dated"'):]
    chart = chart[: chart.index("</svg>")]
    shown = [int(year) for year in re.findall(r'class="tick"[^>]*>(\d{4})</text>', chart)]
    assert 1 < len(shown) <= 16 and len({b - a for a, b in pairwise(shown)}) == 1


def test_the_cli_default_is_the_builds_default() -> None:
    from extractor.cli.app import MAX_ARTICLES as CLI_MAX

    assert CLI_MAX == MAX_ARTICLES


def article_rows(html: str) -> dict[str, tuple[str | None, str]]:
    """Each row of the article table: its path -> (the title's link, the note)."""
    from selectolax.lexbor import LexborHTMLParser

    found = {}
    for row in LexborHTMLParser(html).css("#articles tbody tr"):
        link = row.css_first("td.title a")
        found[row.css_first(".path").text()] = (link.attributes["href"] if link else None,
                                                row.css_first("td.remark").text())
    return found


# --- article pages ---------------------------------------------------------------------------

def test_pages_are_made_for_unchanged_sources_and_notes_say_why_not(
        tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    for name, text in OWN.items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt", folder / "tay-ninh.txt")
    store = tmp_path / "pages.duckdb"
    make_store(folder, store)
    (folder / "own-son-la.txt").write_text(OWN["own-son-la.txt"] + "Thêm.\n", encoding="utf-8")
    (folder / "own-dien-bien.txt").unlink()
    seen: dict[str, list[tuple[str, str]]] = {}

    def render(text: str, article: Any) -> str:
        """Keep what each mention's span cuts out of the text handed over."""
        if article.source.path.endswith("tay-ninh.txt"):
            raise ValueError("hỏng")
        seen[article.source.path] = [(text[m.span[0]:m.span[1]], m.text)
                                     for o in article.organizations for m in o.mentions]
        return f"<!doctype html><title>trang</title><pre>{escape(text)}</pre>"

    followed: list[tuple[int, str]] = []

    @contextmanager
    def progress(total: int) -> Iterator[Any]:
        tracker = SimpleNamespace(done=lambda result: followed.append((total, result.path)))
        yield tracker

    out = tmp_path / "bao-cao.html"
    written = write_report(store, out, render_page=render, workers=1, progress=progress)
    # only the sources still as loaded are extracted again
    assert sorted(followed) == [(2, str(folder / "own-hoa-binh.txt")),
                                (2, str(folder / "tay-ninh.txt"))]
    assert written.pages == 1 and written.folder == page_folder(out) == tmp_path / "bao-cao_files"
    html = out.read_text(encoding="utf-8")
    con = duckdb.connect(str(store), read_only=True)
    ids = dict(con.execute("SELECT path, article_id FROM articles").fetchall())
    con.close()
    kept = str(folder / "own-hoa-binh.txt")
    page = written.folder / f"{ids[kept]}.html"
    assert page.read_text(encoding="utf-8").endswith(
        f"<pre>{escape(OWN['own-hoa-binh.txt'])}</pre>")
    assert seen[kept] and all(cut == written_text for cut, written_text in seen[kept])
    assert sorted(p.name for p in written.folder.iterdir()) == [page.name]
    rows = article_rows(html)
    assert rows[kept] == (f"bao-cao_files/{ids[kept]}.html", "")
    assert rows[str(folder / "own-son-la.txt")] == (None, CHANGED)
    assert rows[str(folder / "own-dien-bien.txt")] == (None, GONE)
    assert rows[str(folder / "tay-ninh.txt")] == (None, f"{FAILED}: ValueError: hỏng")


def test_the_cli_links_each_article_to_its_show_page(store: Path) -> None:
    pytest.importorskip("extractor.show", reason="this build has no show command to link to")
    out = store.parent / "linked.html"
    proc = cli("report", store, "-o", out)
    assert proc.returncode == 0, proc.stderr
    pages = sorted((store.parent / "linked_files").glob("*.html"))
    con = duckdb.connect(str(store), read_only=True)
    assert len(pages) == queries.summary(con).articles
    con.close()
    assert out.read_text(encoding="utf-8").count('href="linked_files/') == len(pages)


# --- errors: one line, the documented exit code ----------------------------------------------

BLOCK_DUCKDB = "import sys\nsys.modules['duckdb'] = None  # as if the db extra were missing"


@pytest.mark.parametrize(("args", "code", "says"), [
    (("{tmp}/nothing.duckdb", "-o", "{tmp}/r.html"), 2, "no such store"),
    (("README.md", "-o", "{tmp}/r.html"), 2, "is not a vnextract store"),
    (("{store}", "-o", "{tmp}/no/such/folder/r.html"), 1, "no such folder"),
    (("{store}", "-o", "{tmp}"), 1, "is a folder"),
    (("{tmp}", "-o", "{tmp}/r.html"), 2, "no such store"),
    (("{store}", "-o", "{store}"), 2, "is the store itself"),
])
def test_bad_arguments_give_one_line(store: Path, tmp_path: Path, args: tuple[str, ...],
                                     code: int, says: str) -> None:
    proc = cli("report", *(a.format(tmp=tmp_path, store=store) for a in args))
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert says in err and err.count("\n") == 1, err


def test_without_duckdb_one_line_names_the_install(store: Path, tmp_path: Path) -> None:
    proc = cli("report", store, "-o", tmp_path / "r.html", prelude=BLOCK_DUCKDB)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert err.count("\n") == 1 and "pip install 'vnextract[db]'" in err
    assert not (tmp_path / "r.html").exists()


# --- charts on their own ------------------------------------------------------------------------

def test_ticks_are_round_and_cover_the_largest_value() -> None:
    for top_value in (1, 3, 7, 10, 12, 25, 99, 101, 343, 1875, 12345):
        values = charts.ticks(top_value)
        step = values[1]
        assert values[0] == 0 and values[-1] >= top_value > values[-2]
        assert str(step).rstrip("0") in {"1", "2", "5"}
        assert all(b - a == step for a, b in pairwise(values))
    assert charts.number(1234567) == "1.234.567"


def test_a_chart_escapes_labels_and_shortens_only_what_is_shown() -> None:
    label = "Ủy ban <Trung ương> & " + "Mặt trận Tổ quốc " * 4
    svg = charts.bar_chart([charts.Mark(label, 7), charts.Mark("B", 0)], title="T & <t>",
                           axis="Số bài", colour="#123456", chart_id="c")
    assert "<Trung" not in svg and "T &amp; &lt;t&gt;" in svg
    assert f'data-label="{escape(label)}" data-value="7"' in svg
    assert "…</text>" in svg  # the drawn label is cut, the data label is whole


# --- size at scale ------------------------------------------------------------------------------

def test_a_report_of_10000_articles_is_capped_and_small(store: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.duckdb"
    shutil.copy(store, big)
    con = duckdb.connect(str(big))
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    copies = -(-10_000 // n)
    tables = [t for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
        "AND table_name NOT IN ('vnextract_store')").fetchall()]
    for table in tables:
        path = ", path || '#' || k AS path" if table == "articles" else ""
        con.execute(f"INSERT INTO {table} SELECT * EXCLUDE (k) REPLACE (article_id + k AS "
                    f"article_id{path}) FROM {table}, (SELECT range AS k FROM range(1, {copies}))")
    total = con.execute("SELECT count(*) FROM articles WHERE error_kind IS NULL").fetchone()[0]
    con.close()
    assert total >= 10_000 - copies
    out = tmp_path / "big.html"
    proc = cli("report", big, "-o", out, "--no-pages")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert out.stat().st_size < 3 * 1024 * 1024
    assert len(article_rows(html)) == MAX_ARTICLES
    assert f"Hiển thị {charts.number(MAX_ARTICLES)} trên tổng số {charts.number(total)}" in html


# --- in a real browser ---------------------------------------------------------------------------

def test_the_report_in_a_browser(browser_page: BrowserPage, report: str, store: Path,
                                 con: Any, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(report, encoding="utf-8")
    page = browser_page.page
    page.goto(page_file.as_uri())
    assert browser_page.errors == []
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll("svg.chart"), svg => [
        svg.id, Array.from(svg.querySelectorAll("rect.mark"), m => {
            const box = m.getBoundingClientRect(); return box.width * box.height; })])""")
    assert {chart for chart, _ in drawn} == {"chart-documents", "chart-issued", "chart-dated",
                                             "chart-units", "chart-organizations",
                                             "chart-people"}
    for chart, areas in drawn:
        assert any(area > 0 for area in areas), chart
    shown = dict(page.evaluate("""() => Array.from(document.querySelectorAll(".stat"),
        s => [s.dataset.key, s.querySelector(".value").textContent])"""))
    summary = queries.summary(con)
    assert shown["articles"] == charts.number(summary.articles)
    assert shown["errors"] == "1"
    assert shown["date_range"] == (f"{summary.first_date:%d/%m/%Y} – "
                                   f"{summary.last_date:%d/%m/%Y}")
    for fact in queries.facts(con):
        assert shown[fact.table] == charts.number(fact.facts)
    visible = page.locator("#articles tbody tr:visible")
    assert visible.count() == min(PAGE_ROWS, summary.articles)
    page.click("#bai-viet .pager [data-step='1']")
    pages = -(-summary.articles // PAGE_ROWS)
    assert page.inner_text("#bai-viet .pager .where") == f"Trang {min(2, pages)}/{pages}"
    page.click("#articles th:nth-child(3)")  # by documents, ascending
    page.click("#articles th:nth-child(3)")  # descending
    first = page.inner_text("#articles tbody tr:visible >> nth=0 >> td:nth-child(3)")
    assert int(first) == max(row.documents for row in queries.articles(con, 1000))
    assert browser_page.errors == []
    page.click("#bai-viet .pager [data-step='1']")
    shot = browser_page.shot("report")
    assert shot.parent == tmp_path and shot.stat().st_size > 10_000
