"""Many articles in, one record per input out, in input order: the engine of `vnextract batch`.

`batch` and `extract` with several files both stream `run()`'s results through one writer.
Work goes to persistent worker processes (patterns and underthesea load once per worker)
in small chunks with a bounded number in flight, and results come back in input order, so
the output is the same bytes for any number of workers and memory stays flat. An input that
cannot be read becomes an error record, never an exception. This module never prints.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Literal

from .loading import DEFAULT_MAX_BYTES, InputError, Loaded, decode, read_path, read_stream
from .records import render, rows

Format = Literal["jsonl", "csv"]
CHUNK = 4  # files per task: amortizes the IPC round trip, keeps the ordered tail short
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to never idle, bounded memory
TRANSIENT = "transient"  # the kind of a failure of the machine, not of the input: --resume retries
WORKER_DIED = ("the worker process extracting it died (out of memory, or killed), also when it "
               "ran alone; run again with --resume to retry it, with fewer --workers")


class BatchError(Exception):
    """A problem with the batch as a whole (a bad glob, a corrupt output to resume)."""


@dataclass(frozen=True)
class Options:
    """How each input is read and rendered; the same in every worker."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    tokens: bool = False
    format: Format = "jsonl"
    indent: bool = False


@dataclass(frozen=True)
class Result:
    """One input's record, already rendered, with what a summary needs (picklable)."""

    path: str
    output: str
    error: tuple[str, str] | None  # (kind, message) of the InputError
    mentions: dict[str, int]


@dataclass
class Tally:
    """Running totals over the results written, for the summary."""

    files: int = 0
    failed: int = 0
    mentions: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> int:
        return self.files - self.failed

    def add(self, result: Result) -> None:
        self.files += 1
        self.failed += result.error is not None
        self.mentions.update(result.mentions)


def discover(paths: Iterable[str], pattern: str = "**/*.txt") -> list[str]:
    """Every input once, sorted by path: folders expand to what `pattern` matches below them.

    Anything else is kept as given, so a missing path still gets its (error) record.
    """
    found: set[str] = set()
    for name in paths:
        root = Path(name)
        if not root.is_dir():
            found.add(str(root))
            continue
        try:
            found.update(str(p) for p in root.glob(pattern))
        except (ValueError, NotImplementedError) as exc:
            raise BatchError(f"--glob {pattern!r}: {exc}") from None
    return sorted(found)


def read_names(stream: IO[bytes]) -> list[str]:
    """Paths one a line (as `find` prints them); blank lines are ignored."""
    names = (os.fsdecode(line.rstrip(b"\r\n")) for line in stream)
    return [name for name in names if name]


def shown(name: str) -> str:
    """The path as a record writes it: undecodable bytes of a file name become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_digest(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 of a regular file's bytes, or None when they would not be read."""
    path = Path(name)
    try:
        if name == "-" or not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def process(name: str, options: Options) -> Result:
    """Read and extract one input ("-" is stdin) into its rendered record."""
    from .emit import to_dict
    from .pipeline import extract

    try:
        loaded = _load(name, options)
        article = extract(loaded.text, path=shown(name), sha256=loaded.sha256,
                          encoding=loaded.encoding, with_tokens=options.tokens,
                          warnings=loaded.warnings)
    except InputError as exc:
        return _failure(name, options, exc.kind, exc.message)
    except MemoryError:
        return _failure(name, options, TRANSIENT, "ran out of memory reading or extracting it; "
                        "run again with --resume to retry it, with fewer --workers")
    except OSError as exc:  # the system failed us (EIO on the model's disk), not the input
        return _failure(name, options, TRANSIENT, f"a system error while extracting it "
                        f"({exc.strerror or exc}); run again with --resume to retry it")
    except Exception as exc:  # a bug on one article must not end a run over thousands
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return _failure(name, options, "internal",
                        f"extraction failed ({detail}); please report this file")
    record = to_dict(article)
    mentions = dict(Counter(row[0] for row in rows(record)))
    return Result(name, render(record, options.format, options.indent), None, mentions)


def _failure(name: str, options: Options, kind: str, message: str) -> Result:
    """The error record of an input; `sha256` only when its bytes can be read, and never
    for a transient failure (retried whatever the bytes; reading them may fail again)."""
    from .models import ErrorRecord, ErrorSource, Failure

    digest = None if kind == TRANSIENT else file_digest(name, options.max_bytes)
    record = ErrorRecord(source=ErrorSource(path=shown(name), sha256=digest),
                         error=Failure(kind=kind, message=message))
    return Result(name, render(record.model_dump(exclude_none=True), options.format,
                               options.indent), (kind, message), {})


def _load(name: str, options: Options) -> Loaded:
    if name == "-":
        if sys.stdin is None:
            raise InputError("unreadable", "stdin is closed; pipe the article in, "
                                           "or give its path")
        return decode(read_stream(sys.stdin.buffer, options.max_bytes), options.encoding)
    return read_path(Path(name), options.encoding, options.max_bytes)


def process_chunk(names: list[str], options: Options) -> list[Result]:
    """A worker's task: several inputs per round trip."""
    return [process(name, options) for name in names]


def run(names: list[str], options: Options, workers: int = 1) -> Iterator[Result]:
    """Results for `names` in the same order; `workers` > 1 extracts in that many processes."""
    if workers <= 1 or len(names) <= CHUNK:
        for name in names:
            yield process(name, options)
        return
    yield from _parallel(names, options, workers)


def _parallel(names: list[str], options: Options, workers: int) -> Iterator[Result]:
    """An ordered, bounded map over a process pool. When a worker dies (the out-of-memory
    killer), the inputs whose results were lost are done again one at a time, then a new
    pool takes the rest: a crash costs no record."""
    chunks = (names[i : i + CHUNK] for i in range(0, len(names), CHUNK))
    while lost := (yield from _pooled(chunks, options, workers, workers * IN_FLIGHT_PER_WORKER)):
        yield from _alone(lost, options)


def _alone(names: list[str], options: Options) -> Iterator[Result]:
    """Each input alone in a one-worker pool: a worker that dies again dies on that input
    only, which gets a transient record (--resume retries it)."""
    singles = ([name] for name in names)
    while lost := (yield from _pooled(singles, options, 1, 1)):
        yield _failure(lost[0], options, TRANSIENT, WORKER_DIED)


def _pooled(chunks: Iterator[list[str]], options: Options, workers: int,
            in_flight: int) -> Generator[Result, None, list[str]]:
    """Results of `chunks` in order, at most `in_flight` chunks queued; returns [] at the
    end, or when a worker died the inputs of the queued chunks, whose results are lost."""
    with _sigint_ignored():  # workers inherit SIG_IGN: Ctrl-C is the parent's to handle
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                   initializer=_watch_parent, initargs=(os.getpid(),))
        pending = deque((chunk, _submit(pool, chunk, options))
                        for chunk in islice(chunks, in_flight))
    try:
        while pending:
            try:
                done = pending[0][1].result()
            except BrokenProcessPool:
                return [name for chunk, _ in pending for name in chunk]
            pending.popleft()
            pending.extend((chunk, _submit(pool, chunk, options))
                           for chunk in islice(chunks, 1))
            yield from done
        return []
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, chunk: list[str],
            options: Options) -> Future[list[Result]]:
    """Queue a chunk; on a pool already broken, a future that fails as the others do."""
    try:
        return pool.submit(process_chunk, chunk, options)
    except BrokenProcessPool as exc:
        future: Future[list[Result]] = Future()
        future.set_exception(exc)
        return future


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the parent dies (kill -9), instead of waiting for work forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while worker processes start, so that they are born ignoring it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
