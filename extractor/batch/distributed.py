"""`vnextract batch --scheduler`: the local pool's Results, in the same order, from a Dask
cluster.

Each task is a chunk of input names; the worker reads the bytes itself (a shared folder or
an fsspec URL) and returns the rendered records, so the client ships names, not articles.
A bounded number of chunks is in flight, sized from the cluster's threads (read again every
few seconds: workers of an HPC job queue arrive one job at a time), and results are yielded
as the head of the queue completes, so the client's memory stays flat on any corpus.

A worker that dies is Dask's to handle: the scheduler gives its tasks to other workers, up to
`distributed.scheduler.allowed-failures` deaths per task. A chunk that still fails is done
again one input per task, and an input that kills workers even alone gets an error record of
kind `internal` (the local pool says `transient`: there a death can be the machine's; here
the input failed on several workers). Imported only for `--scheduler` and the
`extractor.distributed` API; it needs `dask[distributed]`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import signal
import socket
import time
import warnings
from collections import deque
from collections.abc import Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager, suppress
from itertools import islice

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin

from .errors import BatchError
from .pool import _sigint_ignored
from .run import Options, Result, failure, process_chunk

CONNECT_SECONDS = 5  # a scheduler answers in milliseconds; one silent for 5 s is not there
IN_FLIGHT_PER_THREAD = 4  # chunks queued per worker thread: never idle, bounded memory
CHUNKS_PER_THREAD = 8  # at least this many chunks per thread over a run: an even finish
MIN_CHUNK, MAX_CHUNK = 4, 64  # files per task: ~0.1 to ~2 s of work, each a scheduler event
REFRESH_SECONDS = 5.0
# No dashboard, and the scheduler's HTTP routes on a free port of localhost: a second
# cluster must not warn that the default port 8787 is taken.
NO_DASHBOARD = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
KILLED = ("the cluster's worker processes died extracting it every time it was tried, also "
          "alone (a crash, or out of memory); kind internal, not transient as in a local run, "
          "because it failed on several workers: please report this file")
SAME_EVERYWHERE = ("install the same vnextract on the scheduler and every worker: "
                   "pip install 'vnextract[dask]'")  # the scheduler unpickles the tasks too
LOST = ("the cluster at {} cancelled the run (the scheduler stopped, or the connection was "
        "lost); run again with --resume")
# A local cluster's settings: Dask's diagnostics run on the cores that extract, and without
# a dashboard nobody reads them. The workers' statistical profiler samples the task's stack
# every 10 ms; every event loop (the scheduler's, each nanny's, each worker's) checks its
# own health every 20 ms and samples CPU, memory and network every 500 ms; memory is checked
# every 100 ms. Measured on 2 cores, an idle local:2 cluster used 11% of a core with the
# defaults, 2% with these. Each nanny hands its config to the worker it starts, after the
# worker has read its environment: an environment variable set here would not reach it.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.worker.memory.monitor-interval": "500ms"}
SAMPLE_TEXT = "Ngày 11/6/2024, Ban Thường vụ Tỉnh ủy Tây Ninh ban hành Kết luận số 01-KL/TW."


class ClusterLost(Exception):
    """The scheduler went away mid-run: the records written stay, --resume goes on."""


class Warm(WorkerPlugin):
    """Load underthesea and the patterns once per worker process, before its first task,
    in a thread: the worker's event loop keeps answering the scheduler meanwhile."""

    name = "vnextract-warm"
    idempotent = True

    async def setup(self, worker: object) -> None:
        await asyncio.to_thread(_warm)


class IgnoreInterrupt(WorkerPlugin):
    """In the worker processes of a `local:N` cluster: Ctrl-C is the command's to handle
    (it cancels the run and closes the cluster), not each worker's to die of."""

    name = "vnextract-ignore-sigint"
    idempotent = True

    def setup(self, worker: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's main thread runs this


def _warm() -> None:
    from ..pipeline import extract

    extract(SAMPLE_TEXT)


class Cluster:
    """A Dask client as a batch engine, with the cluster's size for the progress report."""

    def __init__(self, client: Client, address: str) -> None:
        self.client = client
        self.address = address
        self.workers = 0
        self.threads = 0
        self.checked = -math.inf
        client.register_plugin(Warm())
        self.refresh()

    def refresh(self) -> None:
        """Read the cluster's workers and threads again, at most every REFRESH_SECONDS."""
        now = time.monotonic()
        if now - self.checked >= REFRESH_SECONDS:
            try:
                threads = self.client.nthreads()
            except Exception:  # the scheduler went away (a closed comm, a timeout)
                raise ClusterLost(LOST.format(self.address)) from None
            self.workers, self.threads, self.checked = len(threads), sum(threads.values()), now

    def describe(self) -> str:
        return f"{self.workers} workers, {self.threads} threads at {self.address}"

    def run(self, names: list[str], options: Options) -> Iterator[Result]:
        """Results for `names` in the same order, as `run.run` yields them."""
        return ordered(self, names, options)


def ordered(cluster: Cluster, names: list[str], options: Options) -> Iterator[Result]:
    """The ordered, bounded map over the cluster; pending tasks are cancelled when the
    consumer stops early (Ctrl-C, a closed pipe)."""
    size = chunk_size(len(names), cluster.threads)
    chunks = (names[i : i + size] for i in range(0, len(names), size))
    pending: deque[tuple[list[str], Future]] = deque()
    try:
        while True:
            cluster.refresh()
            room = IN_FLIGHT_PER_THREAD * max(cluster.threads, 1) - len(pending)
            pending.extend((chunk, _submit(cluster.client, chunk, options))
                           for chunk in islice(chunks, max(room, 0)))
            if not pending:
                return
            chunk, future = pending.popleft()
            yield from _gathered(cluster, chunk, future, options)
    finally:
        with suppress(Exception):  # best effort: a lost scheduler has nothing to cancel
            cluster.client.cancel([future for _, future in pending])


def chunk_size(files: int, threads: int) -> int:
    """Files per task: enough chunks to keep every thread busy to the end, few enough
    that the scheduler's cost per task stays small next to the extraction."""
    return max(MIN_CHUNK, min(MAX_CHUNK, math.ceil(files / (CHUNKS_PER_THREAD * max(threads, 1)))))


def _submit(client: Client, names: list[str], options: Options) -> Future:
    return client.submit(process_chunk, names, options, pure=False)


def _gathered(cluster: Cluster, names: list[str], future: Future,
              options: Options) -> list[Result]:
    """A chunk's results; when it kept killing workers, each input again in its own task."""
    try:
        return _result(cluster, future)
    except KilledWorker:
        pass
    singles = [_submit(cluster.client, [name], options) for name in names]
    results = []
    for name, single in zip(names, singles, strict=True):
        try:
            results += _result(cluster, single)
        except KilledWorker:
            results.append(failure(name, options, "internal", KILLED))
    return results


def _result(cluster: Cluster, future: Future) -> list[Result]:
    """A task's results; a lost scheduler or a task that cannot run on the workers ends the
    run with one line (what was written stays, and --resume goes on from there)."""
    try:
        return future.result()
    except KilledWorker:
        raise
    except CancelledError:
        raise ClusterLost(LOST.format(cluster.address)) from None
    except Exception as exc:  # process() catches every input's failure: this is the setup's
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BatchError(f"the cluster at {cluster.address}: a task failed on its workers "
                         f"({detail}); {SAME_EVERYWHERE}") from None


@contextmanager
def connect(address: str, option: str = "--scheduler") -> Iterator[Cluster]:
    """The cluster at `address`, or `local:N`: N single-threaded worker processes started
    for this run and closed after it. One-line BatchError, naming the `option` the address
    came from, when it cannot be reached."""
    quiet()
    if address.startswith("local:"):
        with _local(address, option) as cluster:
            yield cluster
        return
    if _refused(address):
        raise BatchError(f"{option} {address}: nothing listens there (connection refused); "
                         "check the address, and that the scheduler runs")
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except Exception as exc:  # a timeout, a bad address, or something else answering
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BatchError(f"{option} {address}: no Dask scheduler answered ({detail}); "
                         "check the address, and that the scheduler runs") from None
    with client:
        yield _engine(client, address, option)


def _refused(address: str) -> bool:
    """Whether nothing listens at a tcp:// address: known at once, where the client would
    try again until CONNECT_SECONDS are over. Any other failure is the client's to name."""
    from distributed.comm import parse_address, parse_host_port

    try:
        protocol, location = parse_address(address)
        if protocol != "tcp":
            return False
        with socket.create_connection(parse_host_port(location), timeout=CONNECT_SECONDS):
            return False
    except ConnectionRefusedError:
        return True
    except (OSError, ValueError, TypeError):
        return False


@contextmanager
def _local(address: str, option: str) -> Iterator[Cluster]:
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise BatchError(f"{option} {address}: write local:N, N the number of worker "
                         "processes (local:2)")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")  # the workers' stderr
    os.environ.setdefault("PYTHONWARNINGS", "ignore")  # is ours: one line per failed input
    try:  # the first workers are born ignoring Ctrl-C, and each nanny keeps LOCAL_CONFIG
        with _sigint_ignored(), dask.config.set(LOCAL_CONFIG):  # for the workers it starts
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1,
                                   processes=True, **NO_DASHBOARD)
    except Exception as exc:  # no process could start (a limit on processes, memory)
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BatchError(f"{option} {address}: the local cluster did not start ({detail})"
                         ) from None
    # Results straight from the workers: through the scheduler they would be sent twice.
    with cluster, Client(cluster, direct_to_workers=True) as client:
        client.register_plugin(IgnoreInterrupt())  # a restarted worker too
        yield _engine(client, address, option)


def quiet() -> None:
    """Dask's log lines and warnings off this process's stderr, which carries one line per
    failed input (distributed configures levels per module: each logger is set). The one
    place the library touches logging, and only Dask's loggers, when a cluster is used."""
    warnings.filterwarnings("ignore", module=r"distributed(\.|$)")
    for name in ["distributed", *logging.root.manager.loggerDict]:
        if name.partition(".")[0] == "distributed":
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _engine(client: Client, address: str, option: str) -> Cluster:
    try:
        return Cluster(client, address)
    except Exception as exc:  # the workers could not load the warm-up plugin
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BatchError(f"{option} {address}: the workers cannot run vnextract ({detail}); "
                         f"{SAME_EVERYWHERE}") from None
