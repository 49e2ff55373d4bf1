"""The store's commands on the terminal: `batch -o X.duckdb`, `load`, `export --parquet`.

The store modules import DuckDB, which is optional (the `db` extra): they are imported here
inside the commands' guard, where its absence is one line naming the `pip install` to run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .console import fail
from .progress import Report

if TYPE_CHECKING:
    from ..batch.resume import Plan
    from ..batch.run import Result, Tally
    from .console import Guard

STORE_SUFFIX = ".duckdb"


def output_format(fmt: str | None, output: Path | None) -> str:
    """The batch's output format: as given, else `duckdb` for an -o named *.duckdb, else
    `jsonl`; a --format that contradicts the -o suffix is refused."""
    from ..batch.errors import BatchError

    is_store = output is not None and output.suffix.lower() == STORE_SUFFIX
    if fmt is None:
        return "duckdb" if is_store else "jsonl"
    if fmt == "duckdb" and output is None:
        raise BatchError("--format duckdb needs -o STORE.duckdb: a database is a file")
    if is_store and fmt != "duckdb":
        raise BatchError(f"--format {fmt} does not match -o {output} (a DuckDB store by its "
                         "suffix); leave out --format, or name the output otherwise")
    return fmt


def batch_into_store(output: Path, names: list[str], resume: bool, max_bytes: int,
                     results: Callable[[list[str]], Iterator[Result]], guard: Guard,
                     progress: bool, where: Callable[[], str] | None = None,
                     ) -> tuple[Tally, Plan]:
    """Extract `names` (with --resume: those the store has no current row of) into the
    store, whole articles committed as they arrive."""
    from ..batch.resume import Plan
    from ..store.database import open_store
    from ..store.sink import load_results, plan_resume

    with closing(open_store(output)) as con, database_errors(output):
        plan = plan_resume(con, names, max_bytes) if resume else Plan(names)
        with Report(progress, len(plan.todo), where) as report:
            tally = load_results(results(plan.todo), con, report.done, guard.record)
        report.summary(tally, plan.skipped)
    return tally, plan


class Records:
    """The records of JSON Lines files ("-": stdin) in order; `where` is the file and line
    of the last one given out, for the error line of a record the store refuses."""

    def __init__(self, files: list[str]) -> None:
        self.files = files
        self.where = ""
        self.failed = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for name in self.files:
            if name == "-" and sys.stdin is None:
                self.bad(name, "stdin is closed; pipe the records in, or give the file")
                continue
            try:
                opened = (nullcontext(sys.stdin.buffer) if name == "-"
                          else open(name, "rb"))  # noqa: SIM115 (closed by the with below)
            except OSError as exc:
                self.bad(name, exc.strerror or str(exc))
                continue
            with opened as stream:
                yield from self._lines(name, stream)

    def _lines(self, name: str, stream: IO[bytes]) -> Iterator[dict[str, Any]]:
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                self.where = f"{name}: line {number}"
                try:
                    record = json.loads(line)
                except ValueError:
                    self.refused()
                    continue
                yield record
        except OSError as exc:
            self.bad(name, exc.strerror or str(exc))

    def refused(self, *_: object) -> None:
        self.bad(self.where, "is not a vnextract record; it was not loaded")

    def bad(self, where: str, message: str) -> None:
        fail(where, message)
        self.failed += 1


def export_store(store: Path, folder: Path, force: bool) -> None:
    """Write the store's tables and views as Parquet files; one summary line on stderr."""
    from ..store.database import open_store
    from ..store.export import export_parquet

    with closing(open_store(store, read_only=True)) as con, database_errors(folder):
        written = export_parquet(con, folder, force)
    listing = ", ".join(f"{name} {rows}" for name, rows in written)
    sys.stderr.write(f"vnextract: {folder}: {len(written)} Parquet files (rows: {listing})\n")


@contextmanager
def database_errors(where: Path) -> Iterator[None]:
    """DuckDB's own failures (a full disk, a folder it cannot write) as the one line of an
    output that could not be written (exit 1)."""
    import duckdb

    try:
        yield
    except duckdb.Error as exc:
        detail = str(exc).split("\n")[0]
        raise OSError(f"{where}: {detail}") from None


def load_files(files: list[str], output: Path) -> int:
    """Load JSON Lines records into the store, with one summary line on stderr; returns how
    many inputs and lines could not be read (the exit code is 1 when any)."""
    from ..store.database import load_records, open_store

    records = Records(files)
    with closing(open_store(output)) as con, database_errors(output):
        stats = load_records(con, records, invalid=records.refused)
    sys.stderr.write(f"vnextract: {output}: {stats}\n")
    return records.failed
