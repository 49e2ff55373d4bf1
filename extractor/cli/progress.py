"""The batch progress bar (files, rate, ETA) and the summary table, on stderr.

Shown on a terminal or with --progress; stdout never carries any of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .console import error_text

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..batch.run import Result, Tally


class Report:
    """Progress bar (files, rate, ETA) and a summary table on stderr, or nothing; `where`
    describes the cluster a run goes to (its workers), for the bar and the summary."""

    def __init__(self, enabled: bool, total: int,
                 where: Callable[[], str] | None = None) -> None:
        self.enabled = enabled
        self.total = total
        self.where = where
        self.started = 0.0
        self.progress: Progress | None = None

    def __enter__(self) -> Report:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} files/s"), TimeRemainingColumn(),
                TextColumn("{task.fields[where]}"), console=Console(stderr=True), transient=True)
            self.progress.add_task("extract", total=self.total, rate="–", where=self._where())
            self.progress.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def done(self, result: Result) -> None:
        if self.progress is None:
            return
        if result.error is not None:
            self.progress.console.print(error_text(result.path, result.error[1]),
                                        markup=False, highlight=False, soft_wrap=True)
        task = self.progress.tasks[0]
        rate = f"{task.speed:.1f}" if task.speed else "–"
        self.progress.update(task.id, advance=1, rate=rate, where=self._where())

    def _where(self) -> str:
        return self.where() if self.where is not None else ""

    def summary(self, tally: Tally, skipped: int) -> None:
        if not self.enabled:
            return
        from rich.console import Console
        from rich.table import Table

        seconds = time.perf_counter() - self.started
        table = Table("", "", show_header=False, box=None)
        table.add_row("files", str(tally.files))
        table.add_row("ok", str(tally.ok))
        table.add_row("failed", str(tally.failed))
        if skipped:
            table.add_row("already done", str(skipped))
        for kind, n in sorted(tally.mentions.items()):
            table.add_row(f"{kind} mentions", str(n))
        if self.where is not None:
            table.add_row("cluster", self.where())
        table.add_row("wall time", f"{seconds:.1f} s")
        table.add_row("articles/s", f"{tally.files / seconds:.1f}" if seconds else "–")
        Console(stderr=True).print(table)
