"""`vnextract batch` end to end: the real CLI in subprocesses over a generated corpus.

The corpus has a few hundred small articles (copies of the sample with a varied last line,
and short synthetic ones) in nested folders with Vietnamese names and spaces, and bad inputs:
binary bytes, invalid UTF-8, an empty file, a folder named *.txt, a broken link, a link loop.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import resource
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
CLI = [sys.executable, "-m", "extractor"]
PROVINCES = ["Tây Ninh", "Bình Phước", "Đồng Nai", "Hà Giang", "Quảng Trị", "Cà Mau"]
N_SAMPLES = 24
N_SYNTHETIC = 240
QUOTED_LESSON = 'phát huy vai trò "nêu gương" của cán bộ, đảng viên, nhất là người đứng đầu.'


def synthetic(i: int) -> str:
    """A short article of one of three shapes: a document and counts, lessons, or tasks."""
    province = PROVINCES[i % len(PROVINCES)]
    day, month, code = 1 + i % 28, 1 + i % 12, f"{1 + i % 90:02d}-CT/TW"
    head = (f"{province} sơ kết {1 + i % 5} năm thực hiện Chỉ thị số {code}\n"
            f"Ngày {day}/{month}/2024, Ban Thường vụ Tỉnh ủy {province} tổ chức hội nghị sơ kết "
            f"việc thực hiện Chỉ thị số {code} của Bộ Chính trị.\n")
    if i % 3 == 0:
        return head + (f"Trong năm 2023, toàn tỉnh đã kết nạp {100 + i} đảng viên mới, "
                       f"đạt {90 + i % 20}% kế hoạch; hơn {20 + i} tổ chức cơ sở đảng được "
                       "kiện toàn.\n")
    if i % 3 == 1:
        return head + ("Qua thực hiện, Tỉnh ủy rút ra một số bài học kinh nghiệm:\n"
                       f"Một là, {QUOTED_LESSON}\n"
                       "Hai là, gắn việc học tập với giải quyết vấn đề bức xúc của nhân dân.\n")
    return head + ("Thời gian tới, Tỉnh ủy đề ra các nhiệm vụ trọng tâm:\n"
                   f"Thứ nhất, tập trung kiện toàn {10 + i % 7} chi bộ trực thuộc.\n"
                   "Thứ hai, đẩy mạnh tuyên truyền, học tập và làm theo Bác.\n")


def write_articles(root: Path) -> None:
    """The good articles, spread over nested folders."""
    sample = SAMPLE.read_text(encoding="utf-8")
    for i in range(N_SAMPLES):
        path = root / "Tây Ninh" / f"bài mẫu {i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        last = f"\nNgày {1 + i}/7/2024, Ban Tuyên giáo tổ chức {3 + i} hội nghị.\n"
        path.write_text(sample + last, encoding="utf-8")
    for i in range(N_SYNTHETIC):
        path = root / PROVINCES[i % len(PROVINCES)] / f"quận {i % 4}" / f"tin {i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(synthetic(i), encoding="utf-8")


def write_bad_inputs(root: Path) -> None:
    bad = root / "hỏng"
    bad.mkdir()
    paths = {name: bad / f"{name}.txt" for name in
             ("ảnh", "latin1", "rỗng", "thư mục", "liên kết", "vòng")}
    paths["ảnh"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    paths["latin1"].write_bytes("Ngày 14/6/2024, Bộ Chính trị".encode() + b"\xff\xfe\xc3(")
    paths["rỗng"].write_bytes(b"")
    paths["thư mục"].mkdir()
    paths["liên kết"].symlink_to(bad / "không có.txt")
    paths["vòng"].symlink_to(paths["vòng"])
    (root / "ghi chú.md").write_text("không phải bài báo\n", encoding="utf-8")


def expected_inputs(root: Path) -> list[str]:
    """What `batch root` must read: every *.txt name below root (files, folders, links)."""
    return sorted(os.path.join(folder, name) for folder, dirs, files in os.walk(root)
                  for name in dirs + files if name.endswith(".txt"))


def synthetic_folder(folder: Path, count: int) -> Path:
    """A folder of `count` synthetic articles, "tin 0.txt" …"""
    folder.mkdir()
    for i in range(count):
        (folder / f"tin {i}.txt").write_text(synthetic(i), encoding="utf-8")
    return folder


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120)


def records(data: bytes) -> list[dict]:
    """Parse JSON Lines strictly: every line complete and ending with a newline."""
    text = data.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def paths_of(lines: list[dict]) -> list[str]:
    return [record["source"]["path"] for record in lines]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch") / "kho bài"
    write_articles(root)
    write_bad_inputs(root)
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The single-worker output every other run is compared with."""
    out = tmp_path_factory.mktemp("ref") / "corpus.jsonl"
    proc = run("batch", str(corpus), "--workers", "1", "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # the bad inputs failed
    assert proc.stdout == b"" and proc.stderr == b""  # data in -o; no terminal, no report
    return out.read_bytes()


def test_one_record_per_input_in_sorted_order(corpus: Path, reference: bytes) -> None:
    lines = records(reference)
    assert paths_of(lines) == expected_inputs(corpus)
    assert len(lines) == N_SAMPLES + N_SYNTHETIC + 6
    ok = [r for r in lines if "error" not in r]
    assert sum("Tây Ninh" in r["title"]["text"] for r in ok) >= N_SAMPLES
    assert all(r["source"]["sha256"] and r["schema_version"] for r in ok)


def test_bad_inputs_become_error_records(corpus: Path, reference: bytes) -> None:
    by_path = {r["source"]["path"]: r for r in records(reference)}
    bad = {name: str(corpus / "hỏng" / f"{name}.txt") for name in
           ("ảnh", "thư mục", "liên kết", "vòng")}
    for path in bad.values():
        error = by_path[path]["error"]
        assert set(error) == {"kind", "message"} and error["kind"] and error["message"]
        assert set(by_path[path]) == {"source", "error"}
    assert by_path[bad["ảnh"]]["error"]["kind"] == "binary"
    assert "sha256" in by_path[bad["ảnh"]]["source"]  # its bytes were read
    assert by_path[bad["thư mục"]]["error"]["kind"] == "directory"
    assert "sha256" not in by_path[bad["liên kết"]]["source"]
    for name in ("latin1", "rỗng"):  # a record either way, never skipped
        assert str(corpus / "hỏng" / f"{name}.txt") in by_path
    assert not any(path.endswith(".md") for path in by_path)


def test_every_record_validates_against_the_printed_schema(reference: bytes) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="pip install '.[test]'")
    schema = json.loads(run("schema").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    lines = records(reference)
    assert {"binary", "directory", "broken_link", "link_loop"} <= {
        r["error"]["kind"] for r in lines if "error" in r}
    for record in lines:  # articles and error records alike
        validator.validate(record)
    bad = {"source": {"path": "a.txt"}, "error": {"kind": "missing"}}  # no message
    assert not validator.is_valid(bad)
    assert not validator.is_valid({**bad, "error": {"kind": "missing", "message": ""},
                                   "title": None})


def test_two_workers_write_the_same_bytes(corpus: Path, reference: bytes) -> None:
    proc = run("batch", str(corpus), "--workers", "2")
    assert proc.returncode == 1
    assert proc.stdout == reference


def test_all_good_exits_0_and_glob_selects(corpus: Path, reference: bytes) -> None:
    proc = run("batch", str(corpus), "--glob", "Tây Ninh/*.txt", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    lines = records(proc.stdout)
    assert len(lines) == N_SAMPLES
    assert all("/Tây Ninh/" in path and "quận" not in path for path in paths_of(lines))


def test_files_from_stdin_sorts_and_keeps_missing(corpus: Path, reference: bytes) -> None:
    wanted = [p for p in expected_inputs(corpus) if "quận 1" in p][:10]
    missing = str(corpus / "không có" / "bài.txt")
    listing = "\n".join([*reversed(wanted), missing, wanted[0]]) + "\n"
    proc = run("batch", "--files-from", "-", stdin=listing.encode())
    assert proc.returncode == 1
    lines = proc.stdout.decode().splitlines(keepends=True)
    assert [json.loads(line)["source"]["path"] for line in lines] == sorted([*wanted, missing])
    old = {json.loads(line)["source"]["path"]: line
           for line in reference.decode().splitlines(keepends=True)}
    assert [line for line in lines if missing not in line] == [old[p] for p in sorted(wanted)]


def test_extract_several_files_streams_the_same_records(corpus: Path, reference: bytes) -> None:
    old = {json.loads(line)["source"]["path"]: line
           for line in reference.decode().splitlines(keepends=True)}
    good = [p for p in old if "quận 2" in p][:2]
    broken = str(corpus / "hỏng" / "liên kết.txt")
    proc = run("extract", good[1], broken, good[0])
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines(keepends=True) == [old[good[1]], old[broken],
                                                              old[good[0]]]
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and broken in err and "Traceback" not in err


def test_csv_has_bom_and_one_row_per_mention(corpus: Path, reference: bytes,
                                             tmp_path: Path) -> None:
    out = tmp_path / "mentions.csv"
    proc = run("batch", str(corpus), "--format", "csv", "-o", str(out))
    assert proc.returncode == 1 and proc.stdout == b""
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsource,kind,")
    with out.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == ["source", "kind", "value", "unit", "code", "text", "start", "end"]
    rows = table[1:]
    assert all(len(row) == 8 for row in rows)
    expected: Counter[str] = Counter()
    for r in records(reference):
        path = r["source"]["path"]
        if "error" in r:
            expected[path, "error"] += 1
            continue
        expected[path, "date"] += len(r["dates"])
        expected[path, "document"] += sum(len(d["mentions"]) for d in r["documents"])
        expected[path, "count"] += len(r["counts"])
        for enumeration in r["lists"]:
            expected[path, enumeration["kind"]] += len(enumeration["items"])
        expected[path, "organization"] += sum(len(o["mentions"]) for o in r["organizations"])
        expected[path, "person"] += sum(len(p["mentions"]) for p in r["people"])
        expected[path, "campaign"] += len(r["campaigns"])
    assert Counter((row[0], row[1]) for row in rows) == +expected
    assert any(row[1] == "lessons" and row[5] == QUOTED_LESSON for row in rows)
    error = next(row for row in rows if row[0].endswith("thư mục.txt"))
    assert error[1:3] == ["error", "directory"] and error[5]


def test_csv_cells_are_never_formulas(tmp_path: Path) -> None:
    """OWASP's CSV injection advice: a cell starting with = + - @ tab or CR gets a leading '."""
    article = tmp_path / "tăng trưởng.txt"
    article.write_text("Tiêu đề\nNăm 2023, tăng trưởng đạt -0,5%, giảm so với năm trước.\n",
                       encoding="utf-8")
    formulas = ["=1+2", "+1", "-1", '@SUM(1;2)', "\tx", "\rx"]  # missing files: error rows
    listing = "\n".join([str(article), *formulas]) + "\n"
    proc = run("batch", "--files-from", "-", "--format", "csv", stdin=listing.encode())
    assert proc.returncode == 1, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8-sig"), newline="")))[1:]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert sorted(row[0] for row in rows if row[1] == "error") == sorted(
        "'" + name for name in formulas)
    assert ["count", "'-0.5", "%"] in [row[1:4] for row in rows]
    records = run("batch", str(article)).stdout  # JSON Lines keep the value as it is
    assert json.loads(records)["counts"][0]["value"] == -0.5


def test_head_1_ends_quietly(corpus: Path) -> None:
    command = (f"{shlex.join([*CLI, 'batch', str(corpus), '--workers', '2'])} | head -1; "
               "exit ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert len(records(proc.stdout)) == 1


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def wait_for_lines(path: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while not (path.exists() and path.read_bytes().count(b"\n") >= n):
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def children(pid: int) -> list[int]:
    return [int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def workers(pid: int) -> list[int]:
    """The worker processes among the children (not multiprocessing's resource tracker)."""
    found = []
    with contextlib.suppress(OSError):  # a process may end meanwhile
        for child in children(pid):
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                found.append(child)
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for init to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 30
    while any(running(pid) for pid in pids):
        assert time.monotonic() < deadline, f"still running: {pids}"
        time.sleep(0.1)


def test_resume_after_kill_completes_the_output(corpus: Path, reference: bytes,
                                                tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    proc = start("batch", str(corpus), "--workers", "2", "-o", str(out))
    wait_for_lines(out, 30, proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    proc.kill()
    proc.wait()
    wait_until_gone(workers)  # orphaned workers notice and exit
    done = out.read_bytes()
    assert 30 <= done.count(b"\n") < reference.count(b"\n")
    torn = reference[len(done):].split(b"\n")[0][:80]  # as if killed inside a write
    out.write_bytes(done + torn)
    proc = run("batch", str(corpus), "--workers", "2", "-o", str(out), "--resume")
    assert proc.returncode == 1, proc.stderr
    assert out.read_bytes() == reference  # every input once, in order, as if never stopped
    again = run("batch", str(corpus), "-o", str(out), "--resume", "--workers", "2")
    assert again.returncode == 1 and out.read_bytes() == reference  # nothing left to do


def test_resume_redoes_a_changed_file(tmp_path: Path) -> None:
    folder = synthetic_folder(tmp_path / "tin", 5)
    out = tmp_path / "out.jsonl"
    assert run("batch", str(folder), "-o", str(out), "--workers", "1").returncode == 0
    changed = folder / "tin 1.txt"
    changed.write_text(synthetic(7), encoding="utf-8")
    proc = run("batch", str(folder), "-o", str(out), "--resume", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    lines = records(out.read_bytes())
    assert sorted(paths_of(lines)) == sorted(str(p) for p in folder.iterdir())
    assert lines[-1]["source"]["path"] == str(changed)
    assert lines[-1]["documents"][0]["code"] == "08-CT/TW"


def test_a_second_writer_of_the_same_output_is_refused(corpus: Path, reference: bytes,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    first = start("batch", str(corpus), "--workers", "2", "-o", str(out))
    wait_for_lines(out, 5, first)
    for resume in ([], ["--resume"]):
        proc = run("batch", str(corpus), "--workers", "1", "-o", str(out), *resume)
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert err.count("\n") == 1 and str(out) in err, err
        assert f"being written by another vnextract (pid {first.pid})" in err
        assert first.poll() is None  # refused while the first run held the file
    _, err = first.communicate(timeout=120)
    assert first.returncode == 1, err
    assert out.read_bytes() == reference  # the refused runs wrote nothing


def test_a_worker_killed_mid_run_costs_no_record(corpus: Path, reference: bytes,
                                                 tmp_path: Path) -> None:
    """The inputs a dead worker held are done again alone; the run goes on to the end."""
    out = tmp_path / "corpus.jsonl"
    proc = start("batch", str(corpus), "--workers", "2", "-o", str(out))
    wait_for_lines(out, 20, proc)
    os.kill(workers(proc.pid)[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err  # the corpus's bad inputs
    assert err == b""
    assert out.read_bytes() == reference


def test_an_input_whose_worker_dies_even_alone_is_transient(tmp_path: Path) -> None:
    """Every worker is killed as soon as it starts: each input, retried alone, dies again
    and gets a transient record; --resume then retries them all."""
    folder = synthetic_folder(tmp_path / "tin", 6)
    out = tmp_path / "out.jsonl"
    proc = start("batch", str(folder), "--workers", "2", "-o", str(out))
    while proc.poll() is None:
        for pid in workers(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.01)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and err == b"", err
    lines = records(out.read_bytes())
    assert paths_of(lines) == sorted(str(path) for path in folder.iterdir())
    assert {r["error"]["kind"] for r in lines} == {"transient"}
    assert all("died" in r["error"]["message"] and "--resume" in r["error"]["message"]
               for r in lines)
    proc = run("batch", str(folder), "-o", str(out), "--resume", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == run("batch", str(folder), "--workers", "2").stdout


def test_ctrl_c_stops_between_records(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    proc = start("batch", str(corpus), "--workers", "2", "-o", str(out))
    wait_for_lines(out, 20, proc)
    os.killpg(proc.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == b"vnextract: interrupted\n"
    assert len(records(out.read_bytes())) >= 20


def test_progress_flag_reports_on_stderr_only(corpus: Path) -> None:
    folder = str(corpus / "hỏng")
    quiet = run("batch", folder, "--quiet")
    proc = run("batch", folder, "--progress")
    assert proc.returncode == quiet.returncode == 1
    assert proc.stdout == quiet.stdout and quiet.stderr == b""
    err = proc.stderr.decode()
    assert "files" in err and "failed" in err and "articles/s" in err
    assert "thư mục.txt" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [
    ["batch"],
    ["batch", "-"],
    ["batch", "samples", "--resume"],
    ["batch", "samples", "--resume", "--format", "csv", "-o", "{tmp}/x.csv"],
    ["batch", "samples", "--workers", "0"],
    ["batch", "samples", "--format", "xml"],
    ["batch", "--files-from", "no-such-list.txt"],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    proc = run(*(arg.format(tmp=tmp_path) for arg in args))
    assert proc.returncode == 2
    assert proc.stdout == b"" and b"Traceback" not in proc.stderr


def test_no_input_found_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "rỗng"
    empty.mkdir()
    (empty / "ghi chú.md").write_text("không phải bài báo\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("an earlier run\n", encoding="utf-8")
    for args, named in ([[str(empty)], str(empty)], [["--files-from", "-"], "--files-from"]):
        proc = run("batch", *args, "-o", str(out), stdin=b"\n\n")
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert err.count("\n") == 1 and named in err and "no input" in err, err
    assert out.read_text(encoding="utf-8") == "an earlier run\n"


def test_resume_refuses_an_output_that_is_not_records(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("a note\n{}\n", encoding="utf-8")
    proc = run("batch", str(SAMPLES), "-o", str(out), "--resume")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "line 1" in err
    assert out.read_text(encoding="utf-8") == "a note\n{}\n"


@pytest.mark.parametrize("how", ["named", "in the folder", "hard link", "symbolic link"])
def test_an_output_that_is_an_input_is_refused(how: str, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    victim = folder / "victim.txt"
    victim.write_text("Tiêu đề\nNgày 14/6/2024, Bộ Chính trị họp.\n", encoding="utf-8")
    before = victim.read_bytes()
    inputs, out = {
        "named": ([str(victim)], victim),
        "in the folder": ([str(folder)], victim),
        "hard link": ([str(folder)], tmp_path / "hard.txt"),
        "symbolic link": ([str(victim)], tmp_path / "link.txt"),
    }[how]
    if how == "hard link":
        os.link(victim, out)
    elif how == "symbolic link":
        out.symlink_to(victim)
    for resume in ([], ["--resume"]):
        proc = run("batch", *inputs, "-o", str(out), *resume)
        assert proc.returncode == 2, proc.stderr
        err = proc.stderr.decode()
        assert err.count("\n") == 1 and str(out) in err and "input" in err, err
        assert victim.read_bytes() == before  # never truncated


def test_resume_drops_records_of_paths_no_longer_given(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"Tiêu đề {name}\nNgày 14/6/2024, Bộ Chính trị họp.\n",
                                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run("batch", str(folder), "-o", str(out)).returncode == 0
    (folder / "b.txt").unlink()
    assert run("batch", str(folder), "-o", str(out), "--resume").returncode == 0
    assert [Path(r["source"]["path"]).name for r in records(out.read_bytes())] == ["a.txt"]


def test_resume_drops_duplicated_records(tmp_path: Path) -> None:
    folder = synthetic_folder(tmp_path / "tin", 4)
    out = tmp_path / "out.jsonl"
    assert run("batch", str(folder), "-o", str(out), "--workers", "1").returncode == 0
    whole = out.read_bytes()
    lines = whole.splitlines(keepends=True)
    out.write_bytes(b"".join([lines[0], lines[1], lines[1], *lines[2:], lines[0]]))
    proc = run("batch", str(folder), "-o", str(out), "--resume", "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == whole  # records = inputs: the first of each kept


def _limit_memory() -> None:
    """In the child: 1 GiB of address space, far above what a run needs."""
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


def test_out_of_memory_is_transient_and_retried_on_resume(tmp_path: Path) -> None:
    """Reading allocates up to --max-bytes at once: 1.5 GB does not fit in the 1 GiB the
    first run may use, and fits in the second, unlimited run."""
    names = [tmp_path / f"tin {i}.txt" for i in range(3)]
    for i, name in enumerate(names):
        name.write_text(synthetic(i), encoding="utf-8")
    args = ("batch", *map(str, names), "--workers", "1", "--max-bytes", str(1_500_000_000))
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([*CLI, *args, "-o", str(out)], capture_output=True, cwd=ROOT,
                          timeout=120, preexec_fn=_limit_memory)
    assert proc.returncode == 1, proc.stderr
    errors = [r["error"] for r in records(out.read_bytes())]
    assert len(errors) == 3 and {e["kind"] for e in errors} == {"transient"}
    assert all("memory" in e["message"] and "report" not in e["message"] for e in errors)
    names[2].unlink()  # retried too, although no bytes to compare: now a missing file
    proc = run(*args, "-o", str(out), "--resume")
    assert proc.returncode == 1, proc.stderr
    assert out.read_bytes() == run(*args).stdout  # all redone, in order


def test_a_name_with_a_nul_byte_is_an_error_record() -> None:
    proc = run("batch", "--files-from", "-", stdin=b"bad\x00name.txt\n")
    (record,) = records(proc.stdout)
    assert proc.returncode == 1 and record["error"]["kind"] == "missing"
    assert b"Traceback" not in proc.stderr


def test_only_the_pools_known_race_is_kept_off_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The manager thread's "dictionary changed size" of Python 3.11 is silenced while a pool
    runs; any other error of that thread still reaches the hook that prints tracebacks."""
    from extractor.batch.pool import RACE, _quiet_manager_race

    reported: list[str] = []
    monkeypatch.setattr(threading, "excepthook",
                        lambda args: reported.append(str(args.exc_value)))

    class _ExecutorManagerThread(threading.Thread):  # named as the pool's own thread
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

        def run(self) -> None:
            raise RuntimeError(self.message)

    with _quiet_manager_race():
        for message in (RACE, "something else went wrong"):
            thread = _ExecutorManagerThread(message)
            thread.start()
            thread.join()
    assert reported == ["something else went wrong"]
