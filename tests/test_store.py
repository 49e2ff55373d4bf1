"""The DuckDB store: records -> rows (pure), loading (idempotent, incremental, whole articles
after a kill), `vnextract load`, `batch -o X.duckdb` (and --resume), `export --parquet`.

Real DuckDB files in tmp_path and real subprocess runs of the CLI; the articles are text
written here or the repository's sample.
"""

from __future__ import annotations

import importlib.util
import json
import re
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from extractor.pipeline import extract
from extractor.store import rows as store_rows
from extractor.store.rows import COLUMNS, RecordError, date_range, own_day, rows

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
NOW = datetime(2024, 6, 15, 8, 0)


def record_of(text: str, path: str = "a.txt", sha256: str = "0" * 64) -> dict:
    """The record `vnextract extract` writes for `text` (real pipeline)."""
    from extractor.output.emit import to_dict

    return to_dict(extract(text, path=path, sha256=sha256))


# --- rows.py: TIMEX3 values to first and last day -------------------------------------------

@pytest.mark.parametrize(("value", "begin", "end"), [
    ("2024-06-11", date(2024, 6, 11), date(2024, 6, 11)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
    ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
    ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
    ("2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
    ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("1930", date(1930, 1, 1), date(1930, 12, 31)),
    ("20", date(2000, 1, 1), date(2099, 12, 31)),  # thế kỷ XXI
    ("19", date(1900, 1, 1), date(1999, 12, 31)),
    ("--08-17", None, None),  # no year: no day of the calendar
    ("--08", None, None),
    ("2023/2024", date(2023, 1, 1), date(2024, 12, 31)),
    ("2013-01/2013-05", date(2013, 1, 1), date(2013, 5, 31)),
    ("2024-06-10/2024-06-12", date(2024, 6, 10), date(2024, 6, 12)),
    ("2024-06-10/2024-07", date(2024, 6, 10), date(2024, 7, 31)),
    ("2016/2017-03-31", date(2016, 1, 1), date(2017, 3, 31)),
    ("2017-Q1/2017-06-30", date(2017, 1, 1), date(2017, 6, 30)),
    ("--06-13/--06-14", None, None),
    ("2024-02-30", None, None),  # no such day
    ("2024-H3", None, None),
    ("XXI", None, None),
])
def test_date_range_of_each_timex3_shape(value: str, begin: date | None,
                                         end: date | None) -> None:
    assert date_range(value) == (begin, end)


def test_every_granularity_the_pipeline_writes_gets_a_range() -> None:
    text = ("Hội nghị tổng kết công tác năm 2023-2024\n"
            "Ngày 11/6/2024, Tỉnh ủy tổ chức hội nghị tổng kết; tháng 5/2024 và quý I năm 2024 "
            "đạt kết quả tốt, 6 tháng đầu năm 2024 vượt kế hoạch, trong năm 2023 và thế kỷ XXI "
            "tiếp tục phát huy. Từ ngày 10/6/2024 đến ngày 12/6/2024 diễn ra hội thảo.\n")
    found = record_of(text)["dates"]
    assert {d["granularity"] for d in found} == {"day", "month", "quarter", "half",
                                                 "interval", "year", "century"}
    for mention in found:
        begin, end = date_range(mention["value"])
        assert begin is not None and end is not None and begin <= end, mention


# --- rows.py: the article's own day ---------------------------------------------------------

def test_a_page_date_line_between_title_and_lead_is_the_articles_day() -> None:
    text = ("Tỉnh ủy họp bàn công tác cán bộ\n"
            "Thứ Bảy, 15/06/2024 - 10:05\n"
            "Chiều 14/6/2024, Ban Thường vụ Tỉnh ủy đã họp, thống nhất nhiều nội dung.\n")
    record = record_of(text)
    assert own_day(record) == "2024-06-15"
    article = rows(record, NOW)["articles"][0]
    named = dict(zip(COLUMNS["articles"], article, strict=True))
    assert named["article_date"] == date(2024, 6, 15)
    assert named["dateline"] == "2024-06-15"


@pytest.mark.parametrize("lead", [
    "Ngày 14/6/2024, Ban Thường vụ Tỉnh ủy đã họp theo Quy định ngày 1/2/2023.",
    "(Tin tỉnh) - Sáng 14/6/2024, Ban Thường vụ Tỉnh ủy đã họp, bàn nhiều việc.",
    "Hà Nội, ngày 14/6/2024 - Ban Thường vụ Tỉnh ủy đã họp, bàn nhiều việc.",
    "Vào 15 giờ ngày 14/6/2024, Ban Thường vụ Tỉnh ủy đã họp, bàn nhiều việc.",
])
def test_a_dateline_that_opens_the_lead_is_the_articles_day(lead: str) -> None:
    assert own_day(record_of(f"Tỉnh ủy họp bàn công tác cán bộ\n{lead}\n")) == "2024-06-14"


@pytest.mark.parametrize("lead", [
    "Ban Thường vụ Tỉnh ủy đã họp, bàn việc thực hiện Kết luận ban hành ngày 1/2/2023.",
    "Thủ tướng vừa ký Chỉ thị số 05/CT-TTg ngày 1/2/2023 về việc tăng cường kỷ luật.",
])
def test_a_date_deeper_in_the_lead_is_another_days(lead: str) -> None:
    record = record_of(f"Tỉnh ủy họp bàn công tác cán bộ\n{lead}\n")
    assert record["dates"] and own_day(record) is None


def test_a_dateline_without_a_year_is_kept_but_no_date_is_guessed() -> None:
    text = ("Tỉnh ủy họp bàn công tác cán bộ\n"
            "Ngày 14/6, Ban Thường vụ Tỉnh ủy đã họp, tổng kết công tác năm 2023.\n")
    named = dict(zip(COLUMNS["articles"], rows(record_of(text), NOW)["articles"][0],
                     strict=True))
    assert named["dateline"] == "--06-14"
    assert named["article_date"] is None


# --- rows.py: one record -> the rows of every table -----------------------------------------

@pytest.fixture(scope="module")
def sample_record() -> dict:
    return record_of(SAMPLE.read_text(encoding="utf-8"), path="samples/tay-ninh.txt")


def test_every_fact_becomes_one_row_with_its_columns(sample_record: dict) -> None:
    tables = rows(sample_record, NOW)
    for name, table in tables.items():
        assert all(len(row) == len(COLUMNS[name]) for row in table), name
    record = sample_record
    assert len(tables["articles"]) == 1
    assert len(tables["dates"]) == len(record["dates"])
    assert len(tables["documents"]) == len(record["documents"])
    assert len(tables["document_mentions"]) == sum(len(d["mentions"])
                                                   for d in record["documents"])
    assert len(tables["counts"]) == len(record["counts"])
    assert len(tables["list_items"]) == sum(len(x["items"]) for x in record["lists"])
    assert len(tables["people"]) == len(record["people"])
    assert len(tables["titles"]) == sum(len(p["posts"]) for p in record["people"])
    assert len(tables["organizations"]) == len(record["organizations"])
    assert len(tables["campaigns"]) == len(record["campaigns"])
    assert len(tables["headings"]) == len(record["headings"])
    aid = store_rows.article_id("samples/tay-ninh.txt")
    assert {row[0] for table in tables.values() for row in table} == {aid}


def test_rows_keep_text_spans_and_values(sample_record: dict) -> None:
    tables = rows(sample_record, NOW)
    doc = sample_record["documents"][0]
    named = dict(zip(COLUMNS["documents"], tables["documents"][0], strict=True))
    assert (named["code"], named["type"], named["issuer"], named["issued"],
            named["mentions"]) == (doc["code"], doc["type"], doc["issuer"], doc["date"],
                                   len(doc["mentions"]))
    org = sample_record["organizations"][0]
    named = dict(zip(COLUMNS["organizations"], tables["organizations"][0], strict=True))
    assert named["canonical"] == org["canonical"]
    assert [named["span_start"], named["span_end"]] == min(m["span"] for m in org["mentions"])
    for row, mention in zip(tables["dates"], sample_record["dates"], strict=True):
        named = dict(zip(COLUMNS["dates"], row, strict=True))
        assert (named["text"], [named["span_start"], named["span_end"]], named["value"]) == (
            mention["text"], mention["span"], mention["value"])
    items = [dict(zip(COLUMNS["list_items"], row, strict=True))
             for row in tables["list_items"]]
    lessons = [item["text"] for item in items if item["kind"] == "lessons"]
    assert lessons == [item["text"] for item in sample_record["lessons"]]


def test_an_error_record_is_one_article_row_without_facts() -> None:
    record = {"source": {"path": "gone.txt"},
              "error": {"kind": "missing", "message": "no such file"}}
    tables = rows(record, NOW)
    named = dict(zip(COLUMNS["articles"], tables["articles"][0], strict=True))
    assert (named["path"], named["sha256"], named["error_kind"], named["error_message"]) == (
        "gone.txt", None, "missing", "no such file")
    assert sum(len(table) for table in tables.values()) == 1


@pytest.mark.parametrize("data", [
    {"source": {"path": "a.txt"}},
    {"path": "a.txt", "dates": []},
    {"source": {"path": "a.txt", "sha256": "x"}, "dates": "not a list"},
    [1, 2],
])
def test_what_is_not_a_record_is_refused(data: object) -> None:
    with pytest.raises(RecordError):
        rows(data, NOW)  # type: ignore[arg-type]


def test_article_id_depends_on_the_path_only() -> None:
    assert store_rows.article_id("a/b.txt") == store_rows.article_id("a/b.txt")
    assert store_rows.article_id("a/b.txt") != store_rows.article_id("a/c.txt")
    assert -(2 ** 63) <= store_rows.article_id("a/b.txt") < 2 ** 63


# --- database.py ----------------------------------------------------------------------------

needs_duckdb = pytest.mark.skipif(importlib.util.find_spec("duckdb") is None,
                                  reason="the store needs the db extra: pip install '.[db]'")


@needs_duckdb
def test_schema_columns_are_the_rows_columns(tmp_path: Path) -> None:
    from extractor.store.database import open_store

    con = open_store(tmp_path / "s.duckdb")
    for table, columns in COLUMNS.items():
        found = con.execute("SELECT column_name FROM information_schema.columns WHERE "
                            "table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        assert tuple(name for (name,) in found) == columns
    views = {name for (name,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'").fetchall()}
    assert views == {"document_citations", "organization_mentions", "person_mentions"}


def synthetic_records(n: int, tag: str = "") -> list[dict]:
    """n small articles (text written here), through the real pipeline."""
    out = []
    for i in range(n):
        text = (f"Huyện ủy sơ kết Chỉ thị số {i + 1:02d}-CT/TW {tag}\n"
                f"Ngày {1 + i % 28}/3/2024, Ban Thường vụ Huyện ủy tổ chức sơ kết Chỉ thị số "
                f"{i + 1:02d}-CT/TW của Bộ Chính trị; {10 + i} đảng viên được khen thưởng.\n")
        out.append(record_of(text, path=f"c/{i:03d}.txt", sha256=f"{i:03d}{tag}".ljust(64, "0")))
    return out


def table_contents(con, exclude: tuple[str, ...] = ("loaded_at",)) -> dict[str, list]:
    """Every table's rows, sorted, without the columns in `exclude`."""
    out = {}
    for table, columns in COLUMNS.items():
        kept = ", ".join(c for c in columns if c not in exclude)
        out[table] = sorted(map(repr, con.execute(f"SELECT {kept} FROM {table}").fetchall()))
    return out


@needs_duckdb
def test_loading_twice_changes_nothing_and_a_changed_article_is_replaced(
        tmp_path: Path) -> None:
    from extractor.store.database import LoadStats, load_records, open_store

    con = open_store(tmp_path / "s.duckdb")
    first = synthetic_records(5)
    assert load_records(con, first, batch=2) == LoadStats(added=5)
    before = table_contents(con, exclude=())
    assert load_records(con, first) == LoadStats(unchanged=5)
    assert table_contents(con, exclude=()) == before  # loaded_at too: nothing was written

    changed = synthetic_records(5, tag="mới")[:1]
    assert load_records(con, changed) == LoadStats(replaced=1)
    titles = dict(con.execute("SELECT path, title FROM articles").fetchall())
    assert titles["c/000.txt"].endswith("mới") and not titles["c/001.txt"].endswith("mới")
    fresh = open_store(tmp_path / "fresh.duckdb")
    load_records(fresh, [*changed, *first[1:]])
    assert table_contents(con) == table_contents(fresh)


@needs_duckdb
def test_a_transient_failure_never_replaces_stored_rows(tmp_path: Path) -> None:
    from extractor.store.database import LoadStats, load_records, open_store

    con = open_store(tmp_path / "s.duckdb")
    good = synthetic_records(1)
    transient = {"source": {"path": "c/000.txt"},
                 "error": {"kind": "transient", "message": "ran out of memory"}}
    assert load_records(con, [transient]) == LoadStats(added=1, errors=1)
    assert load_records(con, good) == LoadStats(replaced=1)
    assert load_records(con, [transient]) == LoadStats(unchanged=1)
    assert con.execute("SELECT error_kind, count(*) FROM articles GROUP BY ALL").fetchall() == [
        (None, 1)]
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]


@needs_duckdb
def test_a_file_that_is_no_store_is_refused(tmp_path: Path) -> None:
    from extractor.store import StoreError
    from extractor.store.database import open_store

    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="is not a vnextract store"):
        open_store(text)
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(StoreError, match="not a vnextract store"):
        open_store(other)
    assert text.read_text(encoding="utf-8") == "not a database\n"
    view = tmp_path / "view.duckdb"
    duckdb.connect(str(view)).execute("CREATE VIEW v AS SELECT 1 AS x").close()
    with pytest.raises(StoreError, match="not a vnextract store"):
        open_store(view)
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    open_store(empty).close()  # an empty database becomes a store
    assert open_store(empty).execute("SELECT count(*) FROM articles").fetchall() == [(0,)]


# --- the CLI: load, batch -o X.duckdb, --resume, export ------------------------------------

CLI = [sys.executable, "-m", "extractor"]
N_ARTICLES = 70


def cli(*args: str | Path, stdin: bytes | None = None,
        prelude: str = "") -> subprocess.CompletedProcess:
    """The real CLI in a subprocess; `prelude` is Python run before it in that process."""
    argv = [str(arg) for arg in args]
    command = ([sys.executable, "-c", f"{prelude}\nimport sys\nsys.argv = ['vnextract', "
                f"*{argv!r}]\nfrom extractor.cli.app import main\nmain()"]
               if prelude else [*CLI, *argv])
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT, timeout=300)


def start(*args: str | Path) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def article_text(i: int) -> str:
    return (f"Đảng ủy xã sơ kết Nghị quyết số {i % 30 + 1:02d}-NQ/TU\n"
            f"Ngày {i % 28 + 1}/{i % 12 + 1}/2023, Đảng ủy xã tổ chức hội nghị sơ kết Nghị "
            f"quyết số {i % 30 + 1:02d}-NQ/TU của Ban Thường vụ Tỉnh ủy; {20 + i} đảng viên "
            "dự hội nghị.\n"
            f"Bí thư Đảng ủy xã Nguyễn Văn {chr(65 + i % 26)}n đề nghị các chi bộ thực hiện "
            "tốt phong trào \"Dân vận khéo\" trong năm 2024.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles written here, and two inputs that cannot be read (binary, empty)."""
    root = tmp_path_factory.mktemp("store") / "kho tin"
    root.mkdir()
    for i in range(N_ARTICLES):
        (root / f"tin {i:03d}.txt").write_text(article_text(i), encoding="utf-8")
    (root / "hỏng.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "rỗng.txt").write_bytes(b"")
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's JSON Lines, as `batch -o X.jsonl` writes them."""
    out = tmp_path_factory.mktemp("ref") / "corpus.jsonl"
    proc = cli("batch", corpus, "--workers", "1", "-o", out)
    assert proc.returncode == 1, proc.stderr  # the two bad inputs
    return out


@pytest.fixture(scope="module")
def loaded(reference: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Table contents of a store made by `vnextract load` of the reference JSON Lines."""
    store = tmp_path_factory.mktemp("loaded") / "corpus.duckdb"
    proc = cli("load", reference, "-o", store)
    assert proc.returncode == 0, proc.stderr
    return contents_of(store)


def contents_of(store: Path, exclude: tuple[str, ...] = ("loaded_at",)) -> dict[str, list]:
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        return table_contents(con, exclude)


def expected_rows(records: list[dict]) -> dict[str, list]:
    """What the store must hold for `records`: rows.py's rows, sorted, without loaded_at."""
    out: dict[str, list] = {table: [] for table in COLUMNS}
    for record in records:
        for table, table_rows in rows(record, NOW).items():
            out[table] += [repr(row[:-1] if table == "articles" else row)
                           for row in table_rows]
    return {table: sorted(found) for table, found in out.items()}


@needs_duckdb
def test_load_twice_reports_and_changes_nothing(reference: Path, loaded: dict,
                                                tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    first = cli("load", reference, "-o", store)
    assert first.returncode == 0 and first.stdout == b""
    total = N_ARTICLES + 2
    assert first.stderr.decode() == (f"vnextract: {store}: {total} records: {total} added, "
                                     "0 replaced, 0 unchanged; 2 error rows written\n")
    before = contents_of(store, exclude=())
    again = cli("load", "-", "-o", store, stdin=reference.read_bytes())
    assert again.returncode == 0
    assert f"0 added, 0 replaced, {total} unchanged" in again.stderr.decode()
    assert contents_of(store, exclude=()) == before
    assert contents_of(store) == loaded
    records = [json.loads(line) for line in reference.read_text(encoding="utf-8").splitlines()]
    assert loaded == expected_rows(records)


@needs_duckdb
def test_batch_into_a_store_equals_loading_its_json_lines(corpus: Path, loaded: dict,
                                                          tmp_path: Path) -> None:
    store = tmp_path / "corpus.duckdb"
    proc = cli("batch", corpus, "-o", store, "--workers", "2")
    assert proc.returncode == 1, proc.stderr  # the bad inputs, as with JSON Lines
    assert proc.stdout == b"" and proc.stderr == b""
    assert contents_of(store) == loaded


@needs_duckdb
def test_lines_that_are_not_records_are_named_and_the_rest_loaded(reference: Path,
                                                                  tmp_path: Path) -> None:
    lines = reference.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[2], '{"title": "x"}', lines[3], lines[4][:40]]),
                   encoding="utf-8")
    store = tmp_path / "s.duckdb"
    proc = cli("load", bad, tmp_path / "missing.jsonl", "-o", store)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == [
        f"vnextract: error: {bad}: line 2: is not a vnextract record; it was not loaded",
        f"vnextract: error: {bad}: line 4: is not a vnextract record; it was not loaded",
        f"vnextract: error: {tmp_path / 'missing.jsonl'}: No such file or directory",
        f"vnextract: {store}: 2 records: 2 added, 0 replaced, 0 unchanged; "
        "0 error rows written"]


def signalled_after_a_commit(store: Path, sig: int, *args: str | Path) -> subprocess.Popen:
    """Run `vnextract ARGS` into `store` and send it `sig` once a load has committed."""
    proc = start(*args)
    commits(store, proc)
    proc.send_signal(sig)
    return proc


def commits(store: Path, proc: subprocess.Popen) -> None:
    """Wait until a transaction after the schema's is committed: DuckDB appends each to the
    write-ahead log at COMMIT, and the log then stops growing until the next."""
    wal = store.with_name(store.name + ".wal")
    size = steady_size(wal, 0, proc)  # the schema (or a first batch: then a second one)
    steady_size(wal, size, proc)


def steady_size(wal: Path, beyond: int, proc: subprocess.Popen) -> int:
    """The size of `wal` once it is over `beyond` and has not changed for 30 ms."""
    deadline = time.monotonic() + 120
    size, steady = 0, time.monotonic()
    while size <= beyond or time.monotonic() - steady < 0.03:
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        now = wal.stat().st_size if wal.exists() else 0
        if now != size:
            size, steady = now, time.monotonic()
        time.sleep(0.002)
    return size


@needs_duckdb
def test_a_load_killed_midway_leaves_whole_articles(reference: Path, tmp_path: Path) -> None:
    base = [json.loads(line) for line in reference.read_text(encoding="utf-8").splitlines()]
    records = []
    for copy in range(25):  # 1,800 records: the load runs for seconds
        for record in base:
            record = json.loads(json.dumps(record))
            record["source"]["path"] = f"bản {copy}/{record['source']['path']}"
            records.append(record)
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    store = tmp_path / "s.duckdb"
    proc = signalled_after_a_commit(store, signal.SIGKILL, "load", big, "-o", store)
    proc.wait()

    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        paths = {path for (path,) in con.execute("SELECT path FROM articles").fetchall()}
        assert 0 < len(paths) < len(records)
        stored = table_contents(con)
    assert stored == expected_rows([r for r in records if r["source"]["path"] in paths])

    proc = cli("load", big, "-o", store)
    assert proc.returncode == 0, proc.stderr
    assert (f"{len(records) - len(paths)} added, 0 replaced, {len(paths)} unchanged"
            in proc.stderr.decode())
    assert contents_of(store) == expected_rows(records)


@needs_duckdb
def test_batch_killed_then_resumed_into_a_store(corpus: Path, loaded: dict,
                                                tmp_path: Path) -> None:
    store = tmp_path / "corpus.duckdb"
    proc = signalled_after_a_commit(store, signal.SIGKILL, "batch", corpus, "-o", store,
                                    "--workers", "1")
    proc.wait()
    done = contents_of(store)
    assert 0 < len(done["articles"]) < N_ARTICLES + 2

    resumed = cli("batch", corpus, "-o", store, "--resume", "--workers", "1", "--progress")
    assert resumed.returncode == 1, resumed.stderr  # the two bad inputs, kept or redone
    assert contents_of(store) == loaded
    assert re.search(rf"already done +{len(done['articles'])} ", resumed.stderr.decode())

    changed = corpus / "tin 005.txt"
    original = changed.read_bytes()
    try:
        changed.write_text(article_text(5).replace("sơ kết", "tổng kết", 1), encoding="utf-8")
        again = cli("batch", corpus, "-o", store, "--resume", "--workers", "1", "--progress")
        assert again.returncode == 1
        assert re.search(rf"files +1 .*already done +{N_ARTICLES + 1} ",
                         again.stderr.decode(), re.DOTALL)
        with duckdb_connect(store) as con:
            title = con.execute("SELECT title FROM articles WHERE path = ?",
                                [str(changed)]).fetchall()
        assert title == [("Đảng ủy xã tổng kết Nghị quyết số 06-NQ/TU",)]
    finally:
        changed.write_bytes(original)


@needs_duckdb
def test_ctrl_c_stores_what_was_extracted_and_exits_130(corpus: Path, reference: Path,
                                                        tmp_path: Path) -> None:
    store = tmp_path / "corpus.duckdb"
    proc = signalled_after_a_commit(store, signal.SIGINT, "batch", corpus, "-o", store,
                                    "--workers", "1")
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (130, b"vnextract: interrupted\n")
    with duckdb_connect(store) as con:
        paths = {path for (path,) in con.execute("SELECT path FROM articles").fetchall()}
        stored = table_contents(con)
    assert len(paths) >= 32  # the first transaction, and what came after it
    records = [json.loads(line) for line in reference.read_text(encoding="utf-8").splitlines()]
    assert stored == expected_rows([r for r in records if r["source"]["path"] in paths])


def duckdb_connect(store: Path):
    import duckdb

    return duckdb.connect(str(store), read_only=True)


@needs_duckdb
def test_a_store_in_use_by_another_process_is_refused_in_one_line(reference: Path,
                                                                   corpus: Path,
                                                                   tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, duckdb\ncon = duckdb.connect(sys.argv[1])\n"
         "print('open', flush=True)\nsys.stdin.read()", str(store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
        for args in (["load", reference], ["batch", corpus], ["export", store, "--parquet"]):
            args = [*args, tmp_path / "pq"] if args[0] == "export" else [*args, "-o", store]
            proc = cli(*args)
            assert proc.returncode == 2, args
            assert proc.stderr.decode() == (
                f"vnextract: usage error: {store}: is in use by another process "
                f"(pid {holder.pid}); wait for it to end, or use another store\n")
    finally:
        holder.communicate(b"")


@needs_duckdb
def test_a_file_that_is_no_store_is_refused_by_the_cli(reference: Path,
                                                       tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("ghi chú\n", encoding="utf-8")
    proc = cli("load", reference, "-o", notes)
    assert (proc.returncode, proc.stderr.decode()) == (2, (
        f"vnextract: usage error: {notes}: is not a vnextract store (not a DuckDB file); "
        "give a new file name\n"))
    assert notes.read_text(encoding="utf-8") == "ghi chú\n"
    proc = cli("export", tmp_path / "none.duckdb", "--parquet", tmp_path / "pq")
    assert proc.returncode == 2 and b"no such store" in proc.stderr
    assert not (tmp_path / "none.duckdb").exists() and not (tmp_path / "pq").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "csv", "-o", "{out}/x.duckdb"], "--format csv does not match -o {out}/x.duckdb"),
    (["--format", "jsonl", "-o", "{out}/x.DuckDB"],
     "--format jsonl does not match -o {out}/x.DuckDB"),
    (["--format", "duckdb"], "--format duckdb needs -o STORE.duckdb"),
])
def test_a_format_that_contradicts_the_output_is_refused(args: list[str], message: str,
                                                         corpus: Path,
                                                         tmp_path: Path) -> None:
    proc = cli("batch", corpus, *(arg.format(out=tmp_path) for arg in args))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        f"vnextract: usage error: {message.format(out=tmp_path)}")
    assert len(proc.stderr.splitlines()) == 1 and not list(tmp_path.iterdir())


BLOCK_DUCKDB = "import sys\nsys.modules['duckdb'] = None  # as if the db extra were not installed"


@pytest.mark.parametrize("command", ["load", "batch", "export"])
def test_without_duckdb_one_line_says_what_to_install(command: str, reference: Path,
                                                      corpus: Path, tmp_path: Path) -> None:
    args = {"load": ["load", reference, "-o", tmp_path / "s.duckdb"],
            "batch": ["batch", corpus, "-o", tmp_path / "s.duckdb"],
            "export": ["export", tmp_path / "s.duckdb", "--parquet", tmp_path / "pq"]}[command]
    proc = cli(*args, prelude=BLOCK_DUCKDB)
    assert (proc.returncode, proc.stderr.decode()) == (2, (
        "vnextract: usage error: the DuckDB store needs DuckDB, which is not installed: "
        "pip install 'vnextract[db]'\n"))
    assert list(tmp_path.iterdir()) == []
    if command == "batch":  # JSON Lines never needed DuckDB
        plain = cli("batch", corpus, "--glob", "tin 00*.txt", "-o", tmp_path / "s.jsonl",
                    prelude=BLOCK_DUCKDB)
        assert plain.returncode == 0, plain.stderr


@needs_duckdb
def test_export_writes_parquet_that_pandas_polars_and_duckdb_read_back(
        reference: Path, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")  # pandas reads Parquet through it
    import duckdb

    store, folder = tmp_path / "s.duckdb", tmp_path / "bảng"
    assert cli("load", reference, "-o", store).returncode == 0
    proc = cli("export", store, "--parquet", folder)
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(store), read_only=True) as con:
        names = [*COLUMNS, "document_citations", "organization_mentions", "person_mentions"]
        counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
                  for name in names}
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.parquet" for n in names)
    assert counts["articles"] == N_ARTICLES + 2 and counts["document_citations"] > 0
    for name, count in counts.items():
        path = folder / f"{name}.parquet"
        assert len(pandas.read_parquet(path)) == count, name
        assert polars.read_parquet(path).height == count, name
        assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(count,)], name
    columns = list(pandas.read_parquet(folder / "dates.parquet").columns)
    assert columns == list(COLUMNS["dates"])

    again = cli("export", store, "--parquet", folder)
    assert again.returncode == 2 and b"give --force" in again.stderr
    assert cli("export", store, "--parquet", folder, "--force").returncode == 0
