"""A store as Parquet files, one `<name>.parquet` per table and view, for pandas, Polars,
Spark or DuckDB elsewhere. DuckDB writes them itself (`COPY ... (FORMAT parquet)`): no
pyarrow needed. Each file is written beside its final name and renamed over it, so a killed
export leaves whole files only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import StoreError
from .rows import COLUMNS, TABLES

if TYPE_CHECKING:
    import duckdb

VIEWS = ("document_citations", "organization_mentions", "person_mentions")


def exported_names() -> tuple[str, ...]:
    return TABLES + VIEWS


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path,
                   force: bool = False) -> list[tuple[str, int]]:
    """Write every table and view to `folder` (made if missing); (name, rows) of each.

    Files of these names already there are refused unless `force`: an export never
    overwrites by surprise. Other files in the folder are left alone.
    """
    names = exported_names()
    targets = {name: folder / f"{name}.parquet" for name in names}
    there = [path.name for path in targets.values() if path.exists()]
    if there and not force:
        raise StoreError(f"{folder}: holds {there[0]} already; give --force to overwrite "
                         "the exported files, or another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{folder}: {exc.strerror or exc}") from None
    written = []
    for name in names:
        temporary = targets[name].with_name(f".{name}.parquet.tmp")
        literal = str(temporary).replace("'", "''")
        try:
            con.execute(f"COPY (SELECT * FROM {name} ORDER BY {_order(name)}) "
                        f"TO '{literal}' (FORMAT parquet)").fetchall()
            os.replace(temporary, targets[name])
        except BaseException:  # a full disk, Ctrl-C: no half-written file is left behind
            temporary.unlink(missing_ok=True)
            raise
        count = con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        written.append((name, int(count)))
    return written


def _order(name: str) -> str:
    """A table in key order (article, then its seq columns); a view by all its columns."""
    if name not in COLUMNS:
        return "ALL"
    return ", ".join(c for c in COLUMNS[name] if c == "article_id" or c.endswith("seq"))
