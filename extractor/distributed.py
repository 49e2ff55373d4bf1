"""vnextract on a Dask cluster you already have a client of (needs `vnextract[dask]`).

    >>> from distributed import Client
    >>> from extractor.distributed import extract_paths, extract_texts
    >>> client = Client("tcp://10.0.0.5:8786")
    >>> for record in extract_paths(client, ["corpus/"]): ...  # batch's records, in order
    >>> ddf = extract_texts(ddf, column="text")               # fact columns on a DataFrame

Paths are local to the workers (a shared filesystem) or fsspec URLs; the workers read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .batch.distributed import Cluster
from .batch.run import Options, discover, process
from .load.loading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client

__all__ = ["extract_paths", "extract_texts"]

# Columns extract_texts adds: the record as JSON, then a few flat facts for filtering.
FACTS = {"record": "object", "error": "object", "title": "object", "document_codes": "object",
         "n_dates": "int64", "n_documents": "int64", "n_counts": "int64",
         "n_organizations": "int64", "n_people": "int64"}


def extract_paths(client: Client, paths: Iterable[str], *, glob: str = "**/*.txt",
                  encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  tokens: bool = False) -> Iterator[dict[str, Any]]:
    """The records `vnextract batch PATHS` writes, as dicts, in the same sorted order:
    folders and URL globs expanded, one record per input, an error record for one that
    cannot be read. Results stream: at most a few chunks per worker thread are pending."""
    names = discover(paths, glob)
    cluster = Cluster(client, str(client.scheduler.address))
    for result in cluster.run(names, Options(encoding, max_bytes, tokens)):
        yield json.loads(result.output)


def extract_texts(ddf: dd.DataFrame, column: str = "text", *,
                  tokens: bool = False) -> dd.DataFrame:
    """`ddf` with the facts of each text of `column` added as columns (FACTS): `record` the
    JSON record, as for a UTF-8 file of that text with path "-"; `error` the error kind of a
    text that cannot be read (empty, binary), else None; counts and document codes."""
    options = Options(tokens=tokens)
    return ddf.map_partitions(_facts, column, options, meta=_facts(ddf._meta, column, options))


def _facts(part: pd.DataFrame, column: str, options: Options) -> pd.DataFrame:
    """One partition's fact columns, computed on the worker that holds it."""
    import pandas as pd

    rows = [_row(text, options) for text in part[column]]
    columns = {name: pd.Series([row[i] for row in rows], index=part.index, dtype=dtype)
               for i, (name, dtype) in enumerate(FACTS.items())}
    return part.assign(**columns)


def _row(text: object, options: Options) -> tuple[Any, ...]:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else b""
    result = process("-", options, data)
    record = json.loads(result.output)
    if result.error is not None:
        return result.output.rstrip("\n"), result.error[0], None, "", 0, 0, 0, 0, 0
    title = record["title"]["text"] if record["title"] else None
    codes = "; ".join(document["code"] for document in record["documents"])
    return (result.output.rstrip("\n"), None, title, codes, len(record["dates"]),
            len(record["documents"]), len(record["counts"]), len(record["organizations"]),
            len(record["people"]))
