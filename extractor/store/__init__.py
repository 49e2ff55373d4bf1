"""The store: every article's facts in one DuckDB file of relational tables (schema.sql).

`rows` maps a record to table rows (pure); `database` opens a store and loads records into
it (needs the `db` extra: DuckDB); `sink` loads a batch's results as they arrive.
"""

from __future__ import annotations

from ..batch.errors import BatchError

INSTALL = "pip install 'vnextract[db]'"


class StoreError(BatchError):
    """A store that cannot be used as asked (not a store, in use, DuckDB missing): one line."""
