"""The process pool behind `batch --workers N`: an ordered, bounded map that survives a
worker's death. Imported only when a run has more than one worker."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from itertools import islice
from multiprocessing import get_context

from .run import (
    CHUNK,
    IN_FLIGHT_PER_WORKER,
    TRANSIENT,
    WORKER_DIED,
    Options,
    Result,
    failure,
    process_chunk,
)

RACE = "dictionary changed size during iteration"  # the manager thread's error in the race


def ordered(names: list[str], options: Options, workers: int) -> Iterator[Result]:
    """An ordered, bounded map over a process pool. When a worker dies (the out-of-memory
    killer), the inputs whose results were lost are done again one at a time, then a new
    pool takes the rest: a crash costs no record."""
    chunks = (names[i : i + CHUNK] for i in range(0, len(names), CHUNK))
    with _quiet_manager_race():
        while lost := (yield from _pooled(chunks, options, workers,
                                          workers * IN_FLIGHT_PER_WORKER)):
            yield from _alone(lost, options)


@contextmanager
def _quiet_manager_race() -> Iterator[None]:
    """Keep a known race of Python 3.11's pool off stderr: when a worker dies while `submit`
    is still starting another, the pool's manager thread, marking the pool broken, walks the
    process table as it grows and ends in "dictionary changed size during iteration". Every
    future has been failed by then, so the run goes on as for any dead worker (BrokenProcessPool);
    only that error of that thread is silenced: any other still shows."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        race = (type(args.thread).__name__ == "_ExecutorManagerThread"
                and args.exc_type is RuntimeError and RACE in str(args.exc_value))
        if not race:
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def _alone(names: list[str], options: Options) -> Iterator[Result]:
    """Each input alone in a one-worker pool: a worker that dies again dies on that input
    only, which gets a transient record (--resume retries it)."""
    singles = ([name] for name in names)
    while lost := (yield from _pooled(singles, options, 1, 1)):
        yield failure(lost[0], options, TRANSIENT, WORKER_DIED)


def _pooled(chunks: Iterator[list[str]], options: Options, workers: int,
            in_flight: int) -> Generator[Result, None, list[str]]:
    """Results of `chunks` in order, at most `in_flight` chunks queued; returns [] at the
    end, or when a worker died the inputs of the queued chunks, whose results are lost.

    An OSError from the pool itself (its pipes, closed under a submit by a worker's death,
    or a worker that could not be started) means the same: the pool is broken."""
    with _sigint_ignored():  # workers inherit SIG_IGN: Ctrl-C is the parent's to handle
        pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                   initializer=_watch_parent, initargs=(os.getpid(),))
        pending = deque((chunk, _submit(pool, chunk, options))
                        for chunk in islice(chunks, in_flight))
    try:
        while pending:
            try:
                done = pending[0][1].result()
            except (BrokenProcessPool, OSError):  # a task's own OSError is its record
                return [name for chunk, _ in pending for name in chunk]
            pending.popleft()
            pending.extend((chunk, _submit(pool, chunk, options))
                           for chunk in islice(chunks, 1))
            yield from done
        return []
    finally:
        with suppress(OSError):
            pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, chunk: list[str],
            options: Options) -> Future[list[Result]]:
    """Queue a chunk; on a pool already broken, a future that fails as the others do.

    `submit` starts a worker in place of a dead one; when the dead one's pipe closes under
    that start, `fork_exec` raises ValueError ("bad value(s) in fds_to_keep"): the pool is
    broken like any other way."""
    try:
        return pool.submit(process_chunk, chunk, options)
    except (BrokenProcessPool, OSError, ValueError) as exc:
        future: Future[list[Result]] = Future()
        future.set_exception(BrokenProcessPool(f"the pool broke while starting a worker: {exc}"))
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
