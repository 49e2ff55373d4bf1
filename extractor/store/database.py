"""Open a store and load records into it: idempotent, incremental, a transaction per batch.

An input's rows are current while its record's (sha256, error kind) is the stored one:
loading the same record again changes nothing, a changed one replaces all its rows in every
table. A transient failure (no fault of the input) never replaces rows already stored.
Records go in `BATCH` at a time, each batch one transaction, so a load killed at any point
leaves whole articles: every stored article has all its rows. Rows go in column-wise, one
INSERT per table and batch with the columns as list parameters (UNNEST): row-by-row
`executemany` cost a millisecond a row when measured, this 16 microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from . import INSTALL, StoreError
from .rows import COLUMNS, TABLES, RecordError, Tables, article_id, key, rows

try:
    import duckdb
except ModuleNotFoundError as exc:
    if exc.name != "duckdb":
        raise
    raise StoreError(f"the DuckDB store needs DuckDB, which is not installed: {INSTALL}") from None

SCHEMA_VERSION = "1"
# A new store is written in the file format of DuckDB 1.0, which every DuckDB since reads
# (the `duckdb` command people have installed may be older than this Python package).
STORAGE = "v1.0.0"
BATCH = 256  # records per transaction: each costs a commit and a statement per table
TRANSIENT = "transient"  # batch.run.TRANSIENT, without importing the extraction engine
_PID = re.compile(r"\(PID (\d+)\)")


@dataclass
class LoadStats:
    """What a load did to the store, per record; `errors` counts error rows written."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: int = 0

    @property
    def records(self) -> int:
        return self.added + self.replaced + self.unchanged

    def __str__(self) -> str:
        return (f"{self.records} records: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged; {self.errors} error rows written")


@dataclass(frozen=True)
class _Prepared:
    path: str
    state: tuple[str | None, str | None]  # (sha256, error kind)
    tables: Tables


def open_store(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, made with the schema when the file is new.

    Refused with a StoreError (one line): a file that is not a vnextract store, or a store
    another process has open (DuckDB lets one process write a file).
    """
    path = Path(path)
    if read_only and not path.is_file():
        raise StoreError(f"{path}: no such store; make one with vnextract batch or load")
    new = not path.exists()
    config = {"storage_compatibility_version": STORAGE} if new else {}
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.Error as exc:
        raise StoreError(_connect_error(path, exc)) from None
    try:
        if new:
            _create(con)
        else:
            _check(con, path, read_only)
    except BaseException:
        con.close()
        raise
    return con


def _connect_error(path: Path, exc: Exception) -> str:
    text = str(exc)
    if "Could not set lock" in text:
        pid = _PID.search(text)
        holder = f"pid {pid[1]}" if pid else "another process"
        return (f"{path}: is in use by another process ({holder}); wait for it to end, "
                "or use another store")
    if "not a valid DuckDB database" in text:
        return f"{path}: is not a vnextract store (not a DuckDB file); give a new file name"
    detail = text.removeprefix("IO Error: ").split("\n")[0]
    return f"{path}: cannot open it as a store ({detail})"


def _create(con: duckdb.DuckDBPyConnection) -> None:
    ddl = resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8")
    from .. import __version__

    con.execute("BEGIN TRANSACTION")
    con.execute(ddl)
    con.execute("INSERT INTO vnextract_store VALUES ('schema', ?), ('created_by', ?)",
                [SCHEMA_VERSION, f"vnextract {__version__}"])
    con.execute("COMMIT")


def _check(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    """Refuse a DuckDB file that is not a store, or a store of another schema version."""
    try:
        found = con.execute("SELECT value FROM vnextract_store WHERE key = 'schema'").fetchall()
    except duckdb.CatalogException:
        found = []
    if not found and not read_only and not con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database()").fetchall():
        _create(con)  # an empty database (a store whose creation was cut short): make it one
        return
    if not found:
        raise StoreError(f"{path}: is a DuckDB file but not a vnextract store; "
                         "give a new file name")
    if found[0][0] != SCHEMA_VERSION:
        raise StoreError(f"{path}: is a store of schema {found[0][0]}, this vnextract "
                         f"writes schema {SCHEMA_VERSION}; load the records into a new store")


def load_records(con: duckdb.DuckDBPyConnection, records: Iterable[dict[str, Any]],
                 batch: int = BATCH, force: bool = False,
                 invalid: Callable[[RecordError], None] | None = None) -> LoadStats:
    """Load records (dicts as JSON Lines has them) into the store, `batch` per transaction.

    `force` replaces current rows too (a new extraction of unchanged inputs). A record that
    is not a vnextract record raises RecordError, or goes to `invalid` and is skipped.
    """
    stats = LoadStats()
    pending: list[_Prepared] = []
    for record in records:
        try:
            path, sha256, error = key(record)
            prepared = _Prepared(path, (sha256, error), rows(record, _now()))
        except RecordError as exc:
            if invalid is None:
                raise
            invalid(exc)
            continue
        pending.append(prepared)
        if len(pending) >= batch:
            _load_batch(con, pending, stats, force)
            pending = []
    if pending:
        _load_batch(con, pending, stats, force)
    return stats


def _now() -> datetime:
    """UTC, as a TIMESTAMP (without a zone) stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[_Prepared], stats: LoadStats,
                force: bool) -> None:
    """One transaction: delete the rows of the inputs replaced, insert the new ones."""
    con.execute("BEGIN TRANSACTION")
    try:
        stored = stored_states(con, [item.path for item in batch])
        chosen: dict[str, _Prepared] = {}
        for item in batch:
            state = chosen[item.path].state if item.path in chosen else stored.get(item.path)
            if state is None:
                stats.added += 1
            elif item.state[1] == TRANSIENT or (state == item.state and not force):
                stats.unchanged += 1
                continue
            else:
                stats.replaced += 1
            stats.errors += item.state[1] is not None
            chosen[item.path] = item
        gone = [article_id(path) for path in chosen if path in stored]
        if gone:
            for table in TABLES:
                con.execute(f"DELETE FROM {table} WHERE article_id IN "
                            "(SELECT unnest(?::BIGINT[]))", [gone])
        for table in TABLES:
            table_rows = [row for item in chosen.values() for row in item.tables[table]]
            if table_rows:
                con.execute(_insert(con, table), [list(column) for column in zip(*table_rows,
                                                                                  strict=True)])
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):  # an interruption may come after the COMMIT
            con.execute("ROLLBACK")
        raise


def stored_states(con: duckdb.DuckDBPyConnection,
                  paths: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """(sha256, error kind) of the stored rows of `paths`; absent paths are left out."""
    found = con.execute("SELECT path, sha256, error_kind FROM articles "
                        "WHERE path IN (SELECT unnest(?::VARCHAR[]))", [paths]).fetchall()
    return {path: (sha256, error) for path, sha256, error in found}


_INSERTS: dict[str, str] = {}


def _insert(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """INSERT of a table's rows given as one list parameter per column, typed as stored."""
    if table not in _INSERTS:
        types = dict(con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = ?", [table]).fetchall())
        columns = COLUMNS[table]
        values = ", ".join(f"unnest(${n}::{types[name]}[])"
                           for n, name in enumerate(columns, 1))
        _INSERTS[table] = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values}"
    return _INSERTS[table]
