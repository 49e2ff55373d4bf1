"""`batch --scheduler`: the Dask cluster a run goes to, or None for the local process pool.

Kept apart from the commands so that Dask is imported only when a cluster is asked for, and
its absence is one line naming the install command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from ..batch.errors import BatchError
from .console import EXIT_INPUT

if TYPE_CHECKING:
    from ..batch.distributed import Cluster

ENV = "DASK_SCHEDULER_ADDRESS"
DASK_MODULES = frozenset({"dask", "distributed", "fsspec"})


@contextmanager
def connected(scheduler: str | None, workers: int | None) -> Iterator[Cluster | None]:
    """The cluster of `--scheduler`, else of $DASK_SCHEDULER_ADDRESS unless `--workers` asks
    for the local pool; closed (a `local:N` cluster stopped) when the run ends."""
    if scheduler is not None and workers is not None:
        raise BatchError("--workers and --scheduler: give one; a cluster has its own workers "
                         "(--scheduler local:N starts N of them here)")
    address = scheduler if scheduler is not None else None if workers else os.environ.get(ENV)
    if not address:
        yield None
        return
    option = "--scheduler" if scheduler is not None else ENV
    try:
        from ..batch.distributed import ClusterLost, connect
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in DASK_MODULES:
            raise
        raise BatchError(f"{option} needs Dask: pip install 'vnextract[dask]'") from None
    try:
        with connect(address, option) as cluster:
            yield cluster
    except ClusterLost as exc:  # not a usage error: the run could not be completed
        sys.stderr.write(f"vnextract: error: {exc}\n")
        raise typer.Exit(EXIT_INPUT) from None
