"""A batch into a store: its results loaded as they arrive, and what `--resume` has left to do.

The sink takes any iterator of `Result`s (the in-process engine, a pool, a cluster): it only
reads each one's rendered JSON record. Results go in a transaction per `BATCH`, so a kill
loses at most the last few dozen extractions (a second's work) and leaves whole articles; an
interruption (Ctrl-C, SIGTERM) first stores what was extracted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, nullcontext
from typing import TYPE_CHECKING

from ..batch.resume import Plan
from ..batch.run import TRANSIENT, Result, Tally, file_digest, shown
from ..load.loading import DEFAULT_MAX_BYTES
from .database import load_records, stored_states

if TYPE_CHECKING:
    import duckdb

BATCH = 32  # results per transaction: extraction, not the commit, sets the pace here


def load_results(results: Iterator[Result], con: duckdb.DuckDBPyConnection,
                 on_result: Callable[[Result], None] = lambda result: None,
                 hold: Callable[[], AbstractContextManager[object]] = nullcontext,
                 batch: int = BATCH) -> Tally:
    """Store every result (rendered as JSON Lines: `Options.format` "jsonl"), replacing what
    the store had of its input; `hold()` is entered around each transaction (the CLI defers
    Ctrl-C there)."""
    tally = Tally()
    pending: list[dict] = []

    def flush() -> None:
        with hold():  # an interruption meanwhile is raised once the batch is stored
            load_records(con, pending, batch=len(pending), force=True)
            pending.clear()

    with closing(results):
        try:
            for result in results:
                pending.append(json.loads(result.output))
                tally.add(result)
                on_result(result)
                if len(pending) >= batch:
                    flush()
        except KeyboardInterrupt:
            if pending:
                flush()
            raise
        if pending:
            flush()
    return tally


def plan_resume(con: duckdb.DuckDBPyConnection, names: list[str],
                max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """The inputs the store has no current row of, as `batch/resume.py` decides for JSON
    Lines: a row is current when its sha256 is that of the file's bytes now (both absent for
    a file that still cannot be read) and it is no transient failure. Rows of paths that are
    not inputs now are kept: a store holds many loads, not one run's output."""
    stored = stored_states(con, [shown(name) for name in names])
    todo: list[str] = []
    kept = failed = 0
    for name in names:
        state = stored.get(shown(name))
        if (state is None or state[1] == TRANSIENT
                or state[0] != file_digest(name, max_bytes)):
            todo.append(name)
        else:
            kept += 1
            failed += state[1] is not None
    return Plan(todo, kept, failed)
