"""vnextract benchmark: `python bench/run.py` from the repository root (about 2 minutes).

On the same texts in one run it measures per-article extraction through `extractor.extract`
against `underthesea.word_tokenize` of the same text (whole text, one call), batch throughput
with 1 and 2 workers, CLI start-up (cold `extract` against a cold `word_tokenize`, `--help`
against `import typer`), the peak RSS of one worker, the cost of a 10x longer article, and a
cProfile table of where extraction spends its time; with Dask installed, `batch --scheduler
local:2` against `--workers 2` (`--cluster`: only that). It prints Markdown tables and writes
every figure to `bench/results/latest.json`. Articles: the bundled sample, and
`../shared/gold/dev` and `../shared/corpus/baomoi-2017` when present (read in place, never
copied).

Speed is judged only as ratios between figures of the same run; the test suite never times.
`--no-install` measures `python -m extractor` instead of building the working tree into a
private venv (/tmp/vnx-venv) and timing its `vnextract` console script.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import math
import multiprocessing
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout, never a stale installed copy

from extractor import extract  # noqa: E402
from extractor.segment.tokens import forget_windows  # noqa: E402

SAMPLE = ROOT / "samples" / "tay-ninh-hoc-tap-lam-theo-bac.txt"
SHARED = ROOT.parent / "shared"
SOURCES = {"gold/dev": SHARED / "gold" / "dev",
           "corpus/baomoi-2017": SHARED / "corpus" / "baomoi-2017"}
RESULTS = ROOT / "bench" / "results" / "latest.json"
VENV = Path("/tmp/vnx-venv")
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
STARTUP_RUNS = 7
PROFILE_ARTICLES = 150
COLD_TOKENIZE = "from underthesea import word_tokenize; word_tokenize('xin chào')"
# (label, file, function): the pipeline's stages, then the costly calls inside them.
PROFILE_ROWS = [
    ("layout: paragraphs and roles", "extractor/pipeline.py", "build_doc"),
    ("documents", "extractor/families/documents.py", "extract"),
    ("dates", "extractor/families/dates.py", "extract"),
    ("organizations", "extractor/families/organizations.py", "extract"),
    ("counts", "extractor/families/counts.py", "extract"),
    ("lists", "extractor/families/lists.py", "extract"),
    ("people and titles", "extractor/families/people.py", "extract"),
    ("campaigns", "extractor/families/campaigns.py", "extract"),
    ("language check", "extractor/load/vietnamese.py", "warnings"),
    ("· rule regexes over paragraphs (in the stages)", "extractor/engine/matching.py", "find"),
    ("· underthesea segmentation (in the stages)", "extractor/segment/tokens.py", "word_spans"),
]
BATCH_RUNS = 2
CLUSTER_RUNS = 5
CLUSTER_TRIES = 3
OTHERS_MAX = 0.25  # cores a neighbour's processes may use during a measured stretch
SETTLE_S = 30.0
CLUSTER_ARTICLES = 200
CEILING_RECORDS = 40_000
CEILING_THREADS = 64
RSS_ARTICLES = 400


def corpus() -> dict[str, list[Path]]:
    """The benchmark's articles by source; an absent source is skipped with a note."""
    found = {"sample": [SAMPLE]}
    for name, folder in SOURCES.items():
        if folder.is_dir():
            found[name] = sorted(folder.glob("*.txt"))
        else:
            print(f"note: {folder} not found, skipped", file=sys.stderr)
    return found


def timed(fn: Callable[..., Any], *args: Any) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def median_time(fn: Callable[..., Any], *args: Any, runs: int = 7,
                before: Callable[[], Any] | None = None) -> float:
    """Median seconds over `runs` calls; `before` runs ahead of each, outside the timing."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        times.append(timed(fn, *args))
    return statistics.median(times)


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def per_article(texts: list[str], tokenize: Callable[[str], Any]) -> dict[str, Any]:
    """Extraction and word_tokenize of each text, one after the other, and their ratios."""
    ours, base, digest = [], [], hashlib.sha256()
    for text in texts:
        start = time.perf_counter()
        article = extract(text)
        ours.append(time.perf_counter() - start)
        base.append(timed(tokenize, text))
        digest.update(article.model_dump_json().encode())
    ratios = [o / b for o, b in zip(ours, base, strict=True)]
    return {
        "articles": len(texts),
        "extract_ms": {"median": 1e3 * statistics.median(ours), "p95": 1e3 * p95(ours),
                       "total": 1e3 * sum(ours)},
        "word_tokenize_ms": {"median": 1e3 * statistics.median(base), "p95": 1e3 * p95(base),
                             "total": 1e3 * sum(base)},
        "ratio": {"median": statistics.median(ratios), "p95": p95(ratios),
                  "overall": sum(ours) / sum(base)},
        "outputs_sha256": digest.hexdigest(),
    }


def sample_figures(text: str, tokenize: Callable[[str], Any]) -> dict[str, float]:
    """The sample: median extraction and word_tokenize, and the 10x-longer article."""
    ten = "\n".join([text] * 10)
    # each extraction reads the text as new: segmentation remembers the windows it has seen,
    # and a repeat of the same text would time that memory
    one_ms = 1e3 * median_time(extract, text, before=forget_windows)
    ten_ms = 1e3 * median_time(extract, ten, runs=5, before=forget_windows)
    base_ms = 1e3 * median_time(tokenize, text)
    return {"extract_ms": one_ms, "word_tokenize_ms": base_ms, "ratio": one_ms / base_ms,
            "extract_10x_ms": ten_ms, "linear_ratio_10x": ten_ms / one_ms}


def walls(commands: dict[str, tuple[list[str], dict[str, str]]],
          runs: int = STARTUP_RUNS) -> dict[str, float]:
    """Median whole-process wall time of each command, run in turns (one warm-up round): a
    machine that speeds up or slows down during the measure moves every command alike, so
    the ratios between them hold."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs + 1):
        for name, (command, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def installed_command() -> list[str] | None:
    """`vnextract` of a wheel of the working tree in a private venv, or None if it fails."""
    try:
        if not (VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(VENV)],
                           check=True, capture_output=True)
        with tempfile.TemporaryDirectory() as wheels:
            pip = [str(VENV / "bin" / "pip"), "-q", "--disable-pip-version-check"]
            subprocess.run([*pip, "wheel", "--no-deps", "-w", wheels, str(ROOT)],
                           check=True, capture_output=True)
            wheel = next(Path(wheels).glob("vnextract-*.whl"))
            subprocess.run([*pip, "install", "--no-deps", "--force-reinstall", str(wheel)],
                           check=True, capture_output=True)
    except (subprocess.CalledProcessError, StopIteration, OSError) as exc:
        print(f"note: could not install into {VENV} ({exc}); timing python -m extractor",
              file=sys.stderr)
        return None
    return [str(VENV / "bin" / "vnextract")]


def startup(install: bool) -> dict[str, Any]:
    """Whole-process wall times of help and of extracting the sample, against `python -c pass`."""
    installed = installed_command() if install else None
    command = installed or [sys.executable, "-m", "extractor"]
    # The baselines run in the command's own interpreter (a venv may start faster than the
    # python it was made from), and the installed command imports its installed, byte-compiled
    # copy: with PYTHONPATH at the checkout it would compile the sources on every run where
    # PYTHONDONTWRITEBYTECODE is set.
    python = str(VENV / "bin" / "python") if installed else sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} if installed else CHILD_ENV
    figures: dict[str, Any] = walls({
        "python_pass_s": ([python, "-c", "pass"], env),
        "import_typer_s": ([python, "-c", "import typer"], env),
        "word_tokenize_cold_s": ([python, "-c", COLD_TOKENIZE], env),
        "help_s": ([*command, "--help"], env),
        "schema_s": ([*command, "schema"], env),
        "extract_sample_s": ([*command, "extract", str(SAMPLE)], env),
    })
    figures["command"] = ("vnextract (installed in /tmp/vnx-venv)" if installed
                          else "python -m extractor")
    bare = figures["python_pass_s"]
    figures["help_ratio"] = figures["help_s"] / bare
    figures["extract_ratio"] = figures["extract_sample_s"] / bare
    figures["help_vs_typer"] = figures["help_s"] / figures["import_typer_s"]
    figures["extract_vs_cold_tokenize"] = (figures["extract_sample_s"]
                                           / figures["word_tokenize_cold_s"])
    return figures


def profile(texts: list[str]) -> dict[str, Any]:
    """Where extraction spends its time: cumulative ms per article of each pipeline stage,
    and of the calls inside stages that cost the most (cProfile over `texts`, read before by
    `per_article`: segmentation's memory of them is dropped first)."""
    forget_windows()
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        extract(text)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                if name == "extract" and _ends(path, "extractor/pipeline.py"))
    rows = []
    for label, suffix, function in PROFILE_ROWS:
        seconds = sum(ct for (path, _, name), (_, _, _, ct, _) in stats.items()
                      if name == function and _ends(path, suffix))
        rows.append({"stage": label, "ms_per_article": 1e3 * seconds / len(texts),
                     "share": seconds / total if total else 0.0})
    return {"articles": len(texts), "ms_per_article": 1e3 * total / len(texts), "rows": rows}


def _ends(path: str, suffix: str) -> bool:
    return path.replace(os.sep, "/").endswith(suffix)


def batch_cli_available() -> bool:
    """Whether this checkout has the `vnextract batch` command."""
    probe = subprocess.run([sys.executable, "-m", "extractor", "batch", "--help"], cwd=ROOT,
                           env=CHILD_ENV, capture_output=True)
    return probe.returncode == 0


def batch_cli(paths: list[Path], workers: int) -> float:
    """Wall seconds of `python -m extractor batch` over `paths` with `workers` processes."""
    with tempfile.TemporaryDirectory() as tmp:
        listing, out = Path(tmp) / "paths.txt", Path(tmp) / "out.jsonl"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        command = [sys.executable, "-m", "extractor", "batch", "--files-from", str(listing),
                   "--workers", str(workers), "-o", str(out), "--quiet"]
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=CHILD_ENV, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        lines = out.read_text(encoding="utf-8").count("\n")
    if lines != len(paths):
        raise RuntimeError(f"batch wrote {lines} records for {len(paths)} inputs")
    return seconds


def _pool_init() -> None:
    extract(SAMPLE.read_text(encoding="utf-8"))  # load patterns and underthesea's model


def _pool_extract(path: Path) -> str:
    return extract(path.read_text(encoding="utf-8")).model_dump_json()


def batch_pool(paths: list[Path], workers: int) -> float:
    """Wall seconds of a fresh spawn pool extracting `paths` (start-up included)."""
    start = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_pool_init) as pool:
        done = sum(1 for _ in pool.imap(_pool_extract, paths, chunksize=4))
    assert done == len(paths)
    return time.perf_counter() - start


Runner = Callable[[list[Path], int], float]
POOL = "multiprocessing spawn pool over extractor.extract"


def batch_runner(paths: list[Path]) -> tuple[Runner, str]:
    """`vnextract batch` when this checkout has a working one, else our own pool; and which."""
    if batch_cli_available():
        try:
            batch_cli(paths[:2], 1)
            return batch_cli, "vnextract batch (python -m extractor batch, subprocess)"
        except (subprocess.CalledProcessError, RuntimeError) as exc:
            print(f"note: vnextract batch failed ({exc}); timing a pool instead", file=sys.stderr)
            return batch_pool, f"{POOL} (vnextract batch failed)"
    return batch_pool, f"{POOL} (no batch command yet)"


def batch(paths: list[Path], run: Runner, method: str) -> dict[str, Any]:
    """Articles/s and MB/s with 1 and 2 workers; the start-up cost from a one-article run."""
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    figures: dict[str, Any] = {"method": method, "articles": len(paths),
                               "megabytes": megabytes, "workers": {}}
    for workers in (1, 2):
        seconds = statistics.median(run(paths, workers) for _ in range(BATCH_RUNS))
        fixed = statistics.median(run([SAMPLE], workers) for _ in range(BATCH_RUNS))
        figures["workers"][str(workers)] = {
            "seconds": seconds, "articles_per_s": len(paths) / seconds,
            "mb_per_s": megabytes / seconds, "one_article_s": fixed,
        }
    one, two = figures["workers"]["1"], figures["workers"]["2"]
    figures["scaling"] = one["seconds"] / two["seconds"]
    figures["scaling_without_startup"] = ((one["seconds"] - one["one_article_s"])
                                          / (two["seconds"] - two["one_article_s"]))
    return figures


ENGINES = {"pool": ["--workers", "2"], "cluster": ["--scheduler", "local:2"]}


def watched(paths: list[Path], engine: list[str]) -> dict[str, Any]:
    """One `python -m extractor batch ENGINE` over `paths`, its -o file watched as it grows:
    wall seconds, seconds to the first record, and the steady stretch from the first look at
    the file that finds 10% of the records to the first that finds 90% (no start-up, no
    shut-down): its articles/s and the CPU milliseconds per article of every process of the
    run (the command, its workers, a cluster's scheduler), both over the records written in
    between (a cluster writes a chunk's records at once, so a look rarely finds exactly 10%),
    and the CPU other processes of the machine used meanwhile, in cores."""
    low, high = len(paths) // 10, len(paths) - len(paths) // 10
    marks: dict[int, tuple[float, int, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        listing, out = Path(tmp) / "paths.txt", Path(tmp) / "out.jsonl"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        out.touch()
        command = [sys.executable, "-m", "extractor", "batch", "--files-from", str(listing),
                   *engine, "-o", str(out), "--quiet"]
        start, first, lines = time.perf_counter(), None, 0
        with out.open("rb") as growing, subprocess.Popen(command, cwd=ROOT, env=CHILD_ENV,
                                                         stdout=subprocess.DEVNULL) as proc:
            while proc.poll() is None:
                lines += growing.read().count(b"\n")
                now = time.perf_counter()
                first = first or (now if lines else None)
                for mark in (low, high):
                    if lines >= mark and mark not in marks:
                        marks[mark] = (now, lines, tree_cpu(proc.pid), machine_cpu())
                time.sleep(0.02)
            wall = time.perf_counter() - start
        data = out.read_bytes()
    if proc.returncode or data.count(b"\n") != len(paths) or len(marks) < 2:
        raise RuntimeError(f"batch {' '.join(engine)} failed or wrote too few records")
    (t0, n0, cpu0, all0), (t1, n1, cpu1, all1) = marks[low], marks[high]
    if n1 == n0:
        raise RuntimeError(f"batch {' '.join(engine)}: no steady stretch in {len(paths)} files")
    return {"seconds": wall, "first_record_s": first - start,
            "steady_articles_per_s": (n1 - n0) / (t1 - t0),
            "steady_cpu_ms_per_article": 1e3 * (cpu1 - cpu0) / (n1 - n0),
            "others_cores": max(0.0, all1 - all0 - (cpu1 - cpu0)) / (t1 - t0),
            "sha256": hashlib.sha256(data).hexdigest()}


def machine_cpu() -> float:
    """CPU seconds the whole machine has been busy since boot, all cores (Linux /proc)."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # not idle, iowait


def settle(cores: float = OTHERS_MAX, longest: float = SETTLE_S) -> None:
    """Wait, at most `longest` seconds, until the machine's other processes use less than
    `cores` over one second: a neighbour's short job ends before a run starts."""
    end = time.monotonic() + longest
    while time.monotonic() < end:
        busy = machine_cpu()
        time.sleep(1)
        if machine_cpu() - busy < cores:
            return


def undisturbed(paths: list[Path], engine: list[str]) -> dict[str, Any]:
    """`watched`, done again (up to CLUSTER_TRIES times) while other processes used more than
    OTHERS_MAX cores of its steady stretch: on a shared machine, their work is no engine's."""
    for _ in range(CLUSTER_TRIES):
        settle()
        run = watched(paths, engine)
        if run["others_cores"] <= OTHERS_MAX:
            break
    return run


def tree_cpu(pid: int) -> float:
    """CPU seconds so far of a process and of its descendants still running (Linux /proc)."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # ended meanwhile
            continue
    return total


def cluster(paths: list[Path], runs: int = CLUSTER_RUNS) -> dict[str, Any]:
    """`batch --scheduler local:2` (a Dask LocalCluster of 2 worker processes) against
    `batch --workers 2` on the same files, runs interleaved, each pair in the other order
    than the one before, so that a change of the machine's load hits both; medians."""
    measured: dict[str, list[dict[str, Any]]] = {name: [] for name in ENGINES}
    for i in range(runs):
        for name in list(ENGINES)[:: -1 if i % 2 else 1]:
            measured[name].append(undisturbed(paths, ENGINES[name]))
    figures: dict[str, Any] = {"articles": len(paths), "runs": runs}
    for name, found in measured.items():
        figures[name] = {key: statistics.median(run[key] for run in found)
                         for key in found[0] if key != "sha256"}
    pool, dask = figures["pool"], figures["cluster"]
    figures["same_output"] = len({run["sha256"] for found in measured.values()
                                  for run in found}) == 1
    figures["overhead"] = dask["seconds"] / pool["seconds"] - 1
    figures["steady_overhead"] = pool["steady_articles_per_s"] / dask["steady_articles_per_s"] - 1
    figures["steady_cpu_overhead"] = (dask["steady_cpu_ms_per_article"]
                                      / pool["steady_cpu_ms_per_article"] - 1)
    figures["articles_per_s_per_core"] = dask["steady_articles_per_s"] / 2
    return figures


def client_ceiling(paths: list[Path], records: int = CEILING_RECORDS) -> dict[str, Any]:
    """How many records/s one client can take: `records` results of tasks that return
    stored records at once (no extraction) through the engine's ordered map, as for a
    cluster of CEILING_THREADS threads (chunks of 64), written to /dev/null. The CPU is
    this process's: the client, and the scheduler and nannies of the LocalCluster, with the
    settings of `--scheduler local:N` (more than a client of a remote scheduler pays)."""
    import dask
    import distributed

    import extractor.batch.distributed as engine
    from extractor.batch.run import Options, Tally

    with tempfile.TemporaryDirectory() as tmp:
        stored = Path(tmp) / "records.jsonl"
        stored.write_text("".join(r.output for r in _records(paths)), encoding="utf-8")
        engine.process_chunk = partial(_stored, str(stored))  # the task each chunk runs
        engine.quiet()  # underthesea's import gave the root logger a handler Dask's lines reach
        with dask.config.set(engine.LOCAL_CONFIG), \
                distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                         **engine.NO_DASHBOARD) as local, \
                distributed.Client(local, direct_to_workers=True) as client:
            cluster = engine.Cluster(client, "local")
            cluster.threads, cluster.checked = CEILING_THREADS, math.inf
            names = [f"/corpus/{i:08d}.txt" for i in range(records)]
            tally = Tally()
            with open(os.devnull, "wb", buffering=0) as sink:
                start, cpu = time.perf_counter(), time.process_time()
                for result in engine.ordered(cluster, names, Options()):
                    sink.write(result.output.encode("utf-8"))
                    tally.add(result)
                wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    if tally.files != records:
        raise RuntimeError(f"{tally.files} records of {records}")
    return {"records": records, "records_per_s": records / wall,
            "client_cpu_ms_per_record": 1e3 * cpu / records,
            "ceiling_records_per_s": records / cpu}


def _records(paths: list[Path]) -> list[Any]:
    from extractor.batch.run import Options, process

    return [process(str(path), Options()) for path in paths]


def _stored(stored: str, names: list[str], options: object) -> list[Any]:
    """The bench's stand-in task: the stored records, one per name, without extracting."""
    from extractor.batch.run import Result

    lines = Path(stored).read_text(encoding="utf-8").splitlines(keepends=True)
    return [Result(name, lines[i % len(lines)], None, {"date": 1}) for i, name in
            enumerate(names)]


def cluster_table(c: dict[str, Any]) -> str:
    """The Markdown table of the cluster section (the README's Scale section quotes it)."""
    pool, dask = c["pool"], c["cluster"]

    def row(e: dict[str, Any]) -> str:
        return (f"{e['seconds']:.2f} / {e['first_record_s']:.2f} / "
                f"{e['steady_articles_per_s']:.1f} / {e['steady_cpu_ms_per_article']:.1f}")

    rows = [
        ("articles (runs, medians)", f"{c['articles']} ({c['runs']})"),
        ("`--workers 2`: wall s / first record s / steady art/s / steady CPU ms/art", row(pool)),
        ("`--scheduler local:2`: the same", row(dask)),
        ("cluster overhead, steady: wall / CPU",
         f"{c['steady_overhead']:+.1%} / {c['steady_cpu_overhead']:+.1%}"),
        ("cluster overhead, whole run (start-up included)", f"{c['overhead']:+.1%}"),
        ("cluster articles/s per core, steady", f"{c['articles_per_s_per_core']:.1f}"),
        ("other processes' CPU in the steady stretches, cores (median pool / cluster)",
         f"{pool['others_cores']:.2f} / {dask['others_cores']:.2f}"),
        ("same output bytes", "yes" if c["same_output"] else "NO"),
    ]
    if "client" in c:
        k = c["client"]
        rows += [(f"one client: records/s here, client CPU ms/record, ceiling ({k['records']} "
                  "stored records)", f"{k['records_per_s']:.0f}, "
                  f"{k['client_cpu_ms_per_record']:.3f}, {k['ceiling_records_per_s']:.0f}/s")]
    return "\n".join(["| cluster against the pool | value |", "|---|---|",
                      *(f"| {a} | {v} |" for a, v in rows)])


def cluster_only() -> None:
    """`--cluster`: only the cluster section, merged into bench/results/latest.json."""
    paths = [p for group in corpus().values() for p in group][-CLUSTER_ARTICLES:]
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    load_before = os.getloadavg()[0]
    results["cluster"] = cluster(paths)
    results["cluster"]["client"] = client_ceiling(paths)
    results["cluster"]["machine"] = {**machine(), "load_before": load_before,
                                     "load_after": os.getloadavg()[0]}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m = results["cluster"]["machine"]
    print(f"{m['cores']} cores, commit {m['commit']}"
          f"{' + uncommitted changes' if m['uncommitted_changes'] else ''}, "
          f"load {m['load_before']:.1f} → {m['load_after']:.1f}\n")
    print(cluster_table(results["cluster"]))


def dask_available() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("note: dask[distributed] not installed, cluster section skipped", file=sys.stderr)
        return False
    return True


def worker_rss(paths: list[Path]) -> dict[str, Any]:
    """Peak RSS of one child process extracting `paths` (its rusage, read with os.wait4)."""
    child = subprocess.Popen([sys.executable, str(ROOT / "bench" / "worker.py")], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert child.stdin is not None
    child.stdin.write("".join(f"{p}\n" for p in paths).encode())
    child.stdin.close()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"worker exited with {child.returncode}")
    return {"articles": len(paths), "peak_rss_mb": usage.ru_maxrss / 1024}


def machine() -> dict[str, Any]:
    """Cores, CPU model, Python, load and the commit measured."""
    cpuinfo = Path("/proc/cpuinfo")
    models = [line.split(":", 1)[1].strip() for line in
              (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
              if line.startswith("model name")]

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    return {
        "cores": os.cpu_count(), "cpu": models[0] if models else platform.processor(),
        "python": platform.python_version(), "platform": platform.platform(),
        "commit": git("rev-parse", "--short", "HEAD").strip(),
        "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
        "load_before": os.getloadavg()[0],
    }


TARGETS: list[tuple[str, str, Callable[[dict[str, Any]], float], float]] = [
    ("extraction / word_tokenize, all articles", "≤ 0.2",
     lambda r: r["per_article"]["ratio"]["overall"], 0.2),
    ("cold `extract` sample / cold word_tokenize", "≤ 0.55",
     lambda r: r["startup"]["extract_vs_cold_tokenize"], 0.55),
    ("`--help` / cold `import typer`", "≤ 1.2", lambda r: r["startup"]["help_vs_typer"], 1.2),
    ("`--help` wall (s)", "≤ 0.2", lambda r: r["startup"]["help_s"], 0.2),
    ("`schema` wall (s)", "≤ 0.2", lambda r: r["startup"]["schema_s"], 0.2),
    ("batch scaling 1 → 2 workers", "≥ 1.8", lambda r: -r["batch"]["scaling"], -1.8),
    ("peak RSS of one worker (MB)", "≤ 250", lambda r: r["rss"]["peak_rss_mb"], 250.0),
    ("10× article / 1× article time", "≤ 11", lambda r: r["sample"]["linear_ratio_10x"], 11.0),
    ("cluster overhead on 2 cores, steady wall", "≤ 0.15",
     lambda r: r["cluster"]["steady_overhead"], 0.15),
]


def pool_rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    """Rows for our own pool's figures, when they were measured beside `vnextract batch`."""
    if "batch_pool" not in r:
        return []
    b = r["batch_pool"]
    w1, w2 = b["workers"]["1"], b["workers"]["2"]
    return [("pool over extract(), 1 / 2 workers (art/s)",
             f"{w1['articles_per_s']:.0f} / {w2['articles_per_s']:.0f}"),
            ("pool scaling 1 → 2 (without start-up)",
             f"{b['scaling']:.2f} ({b['scaling_without_startup']:.2f})")]


def table(r: dict[str, Any]) -> str:
    """The Markdown table the README quotes."""
    pa, s, st, b = r["per_article"], r["sample"], r["startup"], r["batch"]
    w1, w2 = b["workers"]["1"], b["workers"]["2"]
    rows = [
        ("articles (sample + gold/dev + baomoi-2017)", f"{pa['articles']}"),
        ("extract per article, median / p95 (ms)",
         f"{pa['extract_ms']['median']:.1f} / {pa['extract_ms']['p95']:.1f}"),
        ("word_tokenize per article, median / p95 (ms)",
         f"{pa['word_tokenize_ms']['median']:.1f} / {pa['word_tokenize_ms']['p95']:.1f}"),
        ("extract / word_tokenize per article, median / p95",
         f"{pa['ratio']['median']:.2f} / {pa['ratio']['p95']:.2f}"),
        ("extract / word_tokenize, all articles", f"{pa['ratio']['overall']:.2f}"),
        ("sample: extract / word_tokenize (ms)",
         f"{s['extract_ms']:.1f} / {s['word_tokenize_ms']:.1f} = {s['ratio']:.2f}"),
        ("sample ×10: time ratio", f"{s['linear_ratio_10x']:.2f}"),
        (f"batch, 1 worker ({b['articles']} articles)",
         f"{w1['articles_per_s']:.0f} art/s, {w1['mb_per_s']:.2f} MB/s"),
        ("batch, 2 workers", f"{w2['articles_per_s']:.0f} art/s, {w2['mb_per_s']:.2f} MB/s"),
        ("batch scaling 1 → 2 (without start-up)",
         f"{b['scaling']:.2f} ({b['scaling_without_startup']:.2f})"),
        *pool_rows(r),
        ("peak RSS, one worker (MB)", f"{r['rss']['peak_rss_mb']:.0f}"),
        ("`python -c pass` (s)", f"{st['python_pass_s']:.3f}"),
        ("`python -c \"import typer\"` (s)", f"{st['import_typer_s']:.3f}"),
        ("cold `word_tokenize('xin chào')` (s)", f"{st['word_tokenize_cold_s']:.3f}"),
        ("`--help` (s, × python)", f"{st['help_s']:.3f} ({st['help_ratio']:.1f}×)"),
        ("`schema` (s)", f"{st['schema_s']:.3f}"),
        ("`extract` sample (s, × python)",
         f"{st['extract_sample_s']:.3f} ({st['extract_ratio']:.1f}×)"),
    ]
    lines = ["| measure | value |", "|---|---|", *(f"| {a} | {v} |" for a, v in rows)]
    pr = r["profile"]
    lines += ["", f"| where the time goes ({pr['articles']} articles, cProfile, "
              f"{pr['ms_per_article']:.1f} ms/article) | ms/article | share |", "|---|---|---|"]
    lines += [f"| {row['stage']} | {row['ms_per_article']:.1f} | {row['share']:.0%} |"
              for row in pr["rows"]]
    lines += ["", "| target | wanted | measured | holds |", "|---|---|---|---|"]
    for name, wanted, value, limit in TARGETS:
        if name.startswith("cluster") and "cluster" not in r:
            continue
        got = value(r)
        lines.append(f"| {name} | {wanted} | {abs(got):.2f} | {'yes' if got <= limit else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    """Run every measure, write bench/results/latest.json, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true",
                        help="time python -m extractor instead of an installed vnextract")
    parser.add_argument("--cluster", action="store_true",
                        help="only batch --scheduler local:2 against --workers 2 (a few minutes)")
    args = parser.parse_args()
    if args.cluster:
        cluster_only()
        return
    began = time.perf_counter()
    from underthesea import word_tokenize

    sources = corpus()
    paths = [p for group in sources.values() for p in group]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    sample = SAMPLE.read_text(encoding="utf-8")
    extract(sample), word_tokenize(sample)  # warm-up: patterns, model load
    forget_windows()  # the sample is also the first article timed
    results: dict[str, Any] = {"machine": machine(),
                               "sources": {k: len(v) for k, v in sources.items()}}
    results["per_article"] = per_article(texts, word_tokenize)
    results["sample"] = sample_figures(sample, word_tokenize)
    results["profile"] = profile(texts[:: max(1, len(texts) // PROFILE_ARTICLES)])
    run, method = batch_runner(paths)
    results["batch"] = batch(paths, run, method)
    if run is batch_cli:  # the library's own scaling, to tell the command from the machine
        results["batch_pool"] = batch(paths, batch_pool, POOL)
    if dask_available():
        results["cluster"] = cluster(paths[-CLUSTER_ARTICLES:])
        results["cluster"]["client"] = client_ceiling(paths[-CLUSTER_ARTICLES:])
    results["rss"] = worker_rss(paths[:RSS_ARTICLES])
    results["startup"] = startup(install=not args.no_install)
    results["machine"]["load_after"] = os.getloadavg()[0]
    results["seconds"] = time.perf_counter() - began
    results["command"] = "python bench/run.py" + (" --no-install" if args.no_install else "")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m = results["machine"]
    print(f"{m['cores']} cores, {m['cpu']}, Python {m['python']}, commit {m['commit']}"
          f"{' + uncommitted changes' if m['uncommitted_changes'] else ''}, "
          f"load {m['load_before']:.1f} → {m['load_after']:.1f}, {results['seconds']:.0f} s")
    print(f"batch: {results['batch']['method']}; start-up: {results['startup']['command']}")
    if max(m["load_before"], m["load_after"]) > 0.5 * (m["cores"] or 1):
        print("warning: the machine was busy; scaling and start-up figures suffer most")
    print()
    print(table(results))
    if "cluster" in results:
        print()
        print(cluster_table(results["cluster"]))


if __name__ == "__main__":
    main()
