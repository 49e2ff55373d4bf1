"""`batch --scheduler` and `extractor.distributed` on a real Dask LocalCluster.

One cluster of 2 worker processes serves the module (start-up costs seconds): the library
tests use its client, and CLI runs reach it by its scheduler address as they would an
existing cluster. `--scheduler local:2` starts and stops its own, as a user trying it would.
Workers are killed from outside (SIGKILL of their pid), as the out-of-memory killer would.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES
from .test_batch import records, synthetic, synthetic_folder, wait_for_lines

distributed = pytest.importorskip("distributed", reason="needs vnextract[dask]")
fsspec = pytest.importorskip("fsspec", reason="needs vnextract[dask]")

CLI = [sys.executable, "-m", "extractor"]
SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *args], capture_output=True, cwd=ROOT, timeout=180,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic articles, two copies of the sample, and inputs that cannot be read."""
    root = synthetic_folder(tmp_path_factory.mktemp("dask") / "kho bài", 30)
    for i in range(2):
        (root / f"mẫu {i}.txt").write_text(SAMPLE.read_text(encoding="utf-8")
                                           + f"\nNgày {i + 1}/7/2024.\n", encoding="utf-8")
    (root / "ảnh.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / "rỗng.txt").write_bytes(b"")
    (root / "thư mục.txt").mkdir()
    (root / "liên kết.txt").symlink_to(root / "không có.txt")
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """What the local pool writes: every cluster run must write these bytes."""
    out = tmp_path_factory.mktemp("ref") / "out.jsonl"
    proc = run("batch", str(corpus), "--workers", "2", "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # the unreadable inputs
    return out.read_bytes()


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """Two single-threaded worker processes; a task is given up after a second death, so
    that the repeated-crash test stays short."""
    import dask

    from extractor.batch.distributed import NO_DASHBOARD

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                         **NO_DASHBOARD)
    with local:
        yield local


@pytest.fixture
def client(cluster: distributed.LocalCluster) -> Iterator[distributed.Client]:
    with distributed.Client(cluster) as connected:
        connected.wait_for_workers(2)
        imported = connected.run(lambda: __import__("extractor").__file__)
        assert set(imported.values()) == {str(ROOT / "extractor" / "__init__.py")}
        yield connected
        connected.wait_for_workers(2, timeout=60)  # killed workers are back for the next test


def worker_pids(cluster: distributed.LocalCluster, busy: set[str] | None = None) -> list[int]:
    """The pids of the cluster's worker processes (those running a task, when `busy`)."""
    return [nanny.process.pid for nanny in list(cluster.workers.values())
            if nanny.process is not None and nanny.process.pid is not None
            and (busy is None or nanny.worker_address in busy)]


def test_local_cluster_writes_the_pools_bytes(corpus: Path, reference: bytes,
                                              tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run("batch", str(corpus), "--scheduler", "local:2", "-o", str(out), "--progress")
    assert proc.returncode == 1, proc.stderr
    assert out.read_bytes() == reference
    err = proc.stderr.decode()
    assert "2 workers, 2 threads at local:2" in err  # the summary names the cluster
    assert "Traceback" not in err and "distributed" not in err  # no Dask log lines
    kinds = {r["source"]["path"]: r["error"]["kind"] for r in records(reference) if "error" in r}
    assert sorted(kinds.values()) == ["binary", "broken_link", "directory", "empty"]


def test_csv_and_resume_on_an_existing_cluster(corpus: Path, reference: bytes, tmp_path: Path,
                                               cluster: distributed.LocalCluster) -> None:
    address = cluster.scheduler_address
    local = run("batch", str(corpus), "--format", "csv", "--workers", "2")
    remote = run("batch", str(corpus), "--format", "csv", "--scheduler", address)
    assert remote.returncode == local.returncode == 1, remote.stderr
    assert remote.stdout == local.stdout and remote.stdout.startswith("\ufeff".encode())
    out = tmp_path / "out.jsonl"
    lines = reference.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:9]) + lines[9][:50])  # a run killed inside a write
    resumed = run("batch", str(corpus), "-o", str(out), "--resume",
                  env={"DASK_SCHEDULER_ADDRESS": address})
    assert resumed.returncode == 1 and resumed.stderr == b"", resumed.stderr
    assert out.read_bytes() == reference


def test_a_cluster_batch_into_a_store_equals_loading_the_pools_records(
        corpus: Path, reference: bytes, tmp_path: Path, cluster: distributed.LocalCluster) -> None:
    pytest.importorskip("duckdb", reason="the store needs the db extra: pip install '.[db]'")
    from extractor.store.database import open_store

    records_file = tmp_path / "ref.jsonl"
    records_file.write_bytes(reference)
    loaded, batched = tmp_path / "loaded.duckdb", tmp_path / "batched.duckdb"
    assert run("load", str(records_file), "-o", str(loaded)).returncode == 0
    proc = run("batch", str(corpus), "-o", str(batched), "--progress",
               "--scheduler", cluster.scheduler_address)
    assert proc.returncode == 1, proc.stderr  # the unreadable inputs, as error rows
    assert f"at {cluster.scheduler_address}" in proc.stderr.decode()  # the cluster did it
    query = ("select path, sha256, error_kind, (select count(*) from dates d "
             "where d.article_id = a.article_id) from articles a order by path")
    with open_store(loaded, read_only=True) as one, open_store(batched, read_only=True) as two:
        assert one.sql(query).fetchall() == two.sql(query).fetchall()
        assert len(two.sql(query).fetchall()) == len(reference.splitlines())


def test_a_worker_killed_mid_run_loses_nothing(corpus: Path, reference: bytes,
                                               cluster: distributed.LocalCluster,
                                               client: distributed.Client) -> None:
    from extractor.distributed import extract_paths

    before = worker_pids(cluster)
    found = []
    for record in extract_paths(client, [str(corpus)]):
        if not found:
            os.kill(before[0], signal.SIGKILL)
        found.append(record)
    assert found == records(reference)
    client.wait_for_workers(2, timeout=60)
    assert before[0] not in worker_pids(cluster)  # the killed one was replaced
    plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    assert all("vnextract-warm" in names for names in plugins.values())


def test_an_input_that_kills_every_worker_is_internal(tmp_path: Path,
                                                      cluster: distributed.LocalCluster,
                                                      client: distributed.Client) -> None:
    """Whichever worker runs a task is killed: the chunk, then each input alone, dies on
    every try; the run still ends, with an `internal` record for each input. The inputs
    are long (the sample 20 times) so that no task can end before the killer sees it."""
    from extractor.distributed import extract_paths

    folder = tmp_path / "dài"
    folder.mkdir()
    for i in range(2):
        (folder / f"bài {i}.txt").write_text(SAMPLE.read_text(encoding="utf-8") * 20,
                                             encoding="utf-8")
    stop = threading.Event()
    killed: set[int] = set()

    def kill_busy_workers() -> None:
        while not stop.is_set():
            busy = {address for address, keys in client.processing().items() if keys}
            for pid in worker_pids(cluster, busy):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                    killed.add(pid)
            time.sleep(0.02)

    killer = threading.Thread(target=kill_busy_workers, daemon=True)
    killer.start()
    try:
        found = list(extract_paths(client, [str(folder)]))
    finally:
        stop.set()
        killer.join()
    assert [r["source"]["path"] for r in found] == sorted(str(p) for p in folder.iterdir())
    assert {r["error"]["kind"] for r in found} == {"internal"}
    assert all("died" in r["error"]["message"] and "every time" in r["error"]["message"]
               and "sha256" in r["source"] for r in found)
    assert len(killed) >= 2


def test_file_urls_read_as_local_files(corpus: Path, reference: bytes,
                                       cluster: distributed.LocalCluster) -> None:
    url = f"file://{corpus}/tin 2*.txt"
    missing = f"file://{corpus}/không có/x.txt"
    fifo = corpus.parent / "ống.txt"
    if not fifo.exists():
        os.mkfifo(fifo)  # reading it would wait for a writer forever
    special = f"file://{fifo}"
    urls = [url, missing, special]
    on_cluster = run("batch", *urls, "--scheduler", cluster.scheduler_address)
    local = run("batch", *urls, "--workers", "1")
    assert on_cluster.stdout == local.stdout and on_cluster.returncode == 1
    by_path = {r["source"]["path"]: r for r in records(reference)}
    assert len(records(on_cluster.stdout)) == 11 + 2  # tin 2, tin 20 … tin 29; two refused
    for record in records(on_cluster.stdout):
        path = record["source"]["path"]
        assert path.startswith("file://")  # as written, not as a local path
        if path in (missing, special):
            assert record["error"]["kind"] == ("missing" if path == missing else "special")
        elif record["source"].get("sha256"):  # read: the same record as from its path
            expected = by_path[path.removeprefix("file://")]
            expected["source"]["path"] = path
            assert record == expected


def test_memory_urls_are_read_by_the_workers(client: distributed.Client) -> None:
    """memory:// is each process's own: the test writes the files into every worker's and
    into its own (where the glob is expanded), the workers read them."""
    from extractor.batch.run import Options, process
    from extractor.distributed import extract_paths

    files = {f"/bài/tin {i}.txt": synthetic(i).encode() for i in range(5)}
    files["/bài/rỗng.txt"] = b""

    def store() -> None:
        memory = fsspec.filesystem("memory")
        for path, data in files.items():
            memory.pipe(path, data)

    store()
    client.run(store)
    found = list(extract_paths(client, ["memory://bài/*.txt", "memory://bài/không có.txt"]))
    names = sorted([*(f"memory://{path[1:]}" for path in files), "memory://bài/không có.txt"])
    assert [r["source"]["path"] for r in found] == names
    for name, record in zip(names, found, strict=True):
        assert record == json.loads(process(name, Options()).output)  # read in this process
    errors = {r["source"]["path"]: r["error"]["kind"] for r in found if "error" in r}
    assert errors == {"memory://bài/rỗng.txt": "empty", "memory://bài/không có.txt": "missing"}


def test_extract_texts_adds_fact_columns(client: distributed.Client) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    from extractor.batch.run import Options, process
    from extractor.distributed import extract_texts

    texts = [synthetic(i) for i in range(4)] + [" \n"]
    frame = dd.from_pandas(pd.DataFrame({"id": range(5), "text": texts}), npartitions=2)
    facts = extract_texts(frame, column="text")
    done = facts.compute()
    assert list(done.dtypes.astype(str)) == list(facts.dtypes.astype(str))
    assert list(done["id"]) == list(range(5))
    for text, row in zip(texts, done.itertuples(), strict=True):
        assert row.record + "\n" == process("-", Options(), text.encode()).output
    assert list(done["error"]) == [None] * 4 + ["empty"]
    assert done["document_codes"][0] == "01-CT/TW" and done["n_dates"][0] >= 1


def test_ctrl_c_cancels_and_stops_the_local_cluster(tmp_path: Path) -> None:
    folder = synthetic_folder(tmp_path / "tin", 100)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*CLI, "batch", str(folder), "--scheduler", "local:2", "-o",
                             str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    wait_for_lines(out, 10, proc)
    workers = [int(pid) for task in Path(f"/proc/{proc.pid}/task").iterdir()
               for pid in (task / "children").read_text().split()]
    os.killpg(proc.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err == b"vnextract: interrupted\n", err
    assert 10 <= len(records(out.read_bytes())) < 100
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, "the cluster's processes outlived the command"
        time.sleep(0.1)


def test_a_local_clusters_workers_run_without_dasks_diagnostics() -> None:
    """The profiler and the frequent health checks take CPU from the extraction: off in the
    workers of `local:N`, which take their nanny's config over their environment."""
    import dask

    from extractor.batch.distributed import connect

    def settings() -> tuple[object, ...]:
        return (dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"))

    with connect("local:1") as cluster:
        found = cluster.client.run(settings)
    assert list(found.values()) == [(False, "1s")]
    assert dask.config.get("distributed.admin.tick.interval") == "20ms"  # not left set here


def test_without_dask_one_line_names_the_extra() -> None:
    hide = ("import sys; sys.modules['distributed'] = None; sys.argv[0] = 'vnextract'; "
            "from extractor.cli.app import main; main()")
    proc = subprocess.run([sys.executable, "-c", hide, "batch", str(SAMPLE), "--scheduler",
                           "local:2"], capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr == (b"vnextract: usage error: --scheduler needs Dask: "
                           b"pip install 'vnextract[dask]'\n")


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"kept\n")
    proc = run("batch", str(SAMPLE), "-o", str(out), "--scheduler", "tcp://127.0.0.1:9")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1, err
    assert err.startswith("vnextract: usage error: --scheduler tcp://127.0.0.1:9: nothing "
                          "listens there")
    assert out.read_bytes() == b"kept\n"  # refused before the output was opened
