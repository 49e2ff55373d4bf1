"""The `vnextract` command: a thin typer app over the `extractor` library.

Every command reads, calls the library, writes. stdout carries only JSON; errors are one
line on stderr. Exit codes: 0 success, 1 an input could not be read, 2 usage error,
130 interrupted. Heavy imports happen inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

if TYPE_CHECKING:
    from rich.progress import Progress

    from .batch import Options as BatchOptions
    from .batch import Plan, Result, Tally

app = typer.Typer(
    name="vnextract",
    help="Turn Vietnamese Party and state news articles into validated, structured JSON.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

FilesArg = Annotated[
    list[str],
    typer.Argument(help='Article text files; "-" reads stdin.', show_default=False),
]
PrettyOpt = Annotated[
    bool | None,
    typer.Option("--pretty/--compact", help="Indent the JSON (default: only on a terminal)."),
]
TokensOpt = Annotated[
    bool, typer.Option("--tokens", help="Add every sentence with its word segmentation.")
]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Read inputs with this codec (default: detect).")
]
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", help="Refuse inputs larger than this.", min=1)
]


def _fail(name: str, message: str) -> None:
    sys.stderr.write(f"vnextract: error: {name}: {message}\n")


@app.command()
def extract(
    files: FilesArg,
    pretty: PrettyOpt = None,
    tokens: TokensOpt = False,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
) -> None:
    """Extract one article to a JSON object (several files: one JSON line each, like batch)."""
    from .batch import Options, run

    single = len(files) == 1
    indent = (sys.stdout.isatty() and single) if pretty is None else pretty
    options = Options(encoding, max_bytes, tokens, indent=indent)
    with _guarded() as guard:
        tally = _write(run(files, options), sys.stdout.buffer, guard, _error_line,
                       error_records=not single)
    if tally.failed:
        raise typer.Exit(EXIT_INPUT)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def batch(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Folders (searched with --glob) and files.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write here instead of stdout.", dir_okay=False)] = None,
    glob: Annotated[str, typer.Option("--glob", help="Files to take below each folder.")]
        = "**/*.txt",
    files_from: Annotated[str | None, typer.Option(
        "--files-from", help='Also read input paths, one a line, from this file ("-": stdin).')]
        = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", min=1, help="Worker processes (default: one per core).")] = None,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", help="jsonl: one record per file; csv: one row per mention.")]
        = OutputFormat.jsonl,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Keep the records already in -o FILE and add the missing ones.")]
        = False,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--quiet", help="Progress bar and summary on stderr (default: on a terminal).")]
        = None,
    tokens: TokensOpt = False,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
) -> None:
    """Extract every article of folders or a list, one JSON line per file in path order."""
    from . import batch as engine

    options = engine.Options(encoding, max_bytes, tokens, fmt.value)
    with _guarded() as guard:
        names = _batch_inputs(paths or [], files_from, glob)
        plan = _batch_plan(names, output, resume, options)
        report = _Report(sys.stderr.isatty() if progress is None else progress, len(plan.todo))
        with _open_output(output, resume) as out, report:
            if fmt is OutputFormat.csv:
                out.write(engine.csv_header().encode("utf-8"))
            results = engine.run(plan.todo, options, workers or engine.default_workers())
            tally = _write(results, out, guard, report.done, error_records=True)
        report.summary(tally, plan.skipped)
    if tally.failed or plan.failed:
        raise typer.Exit(EXIT_INPUT)


def _batch_inputs(paths: list[str], files_from: str | None, pattern: str) -> list[str]:
    """The sorted inputs: the paths given, folders expanded, plus the --files-from list."""
    from .batch import BatchError, discover, read_names

    if "-" in paths:
        raise BatchError('batch reads files, not stdin; for a list of paths use --files-from -')
    names = list(paths)
    if files_from == "-":
        names += read_names(sys.stdin.buffer)
    elif files_from is not None:
        try:
            with open(files_from, "rb") as listing:
                names += read_names(listing)
        except OSError as exc:
            raise BatchError(f"--files-from {files_from}: {exc.strerror or exc}") from None
    elif not names:
        raise BatchError("give folders or files to read, or --files-from FILE")
    return discover(names, pattern)


def _batch_plan(names: list[str], output: Path | None, resume: bool,
                options: BatchOptions) -> Plan:
    from .batch import BatchError, Plan, plan_resume

    if not resume:
        return Plan(names)
    if output is None:
        raise BatchError("--resume needs -o FILE: the output to complete")
    if options.format != "jsonl":
        raise BatchError("--resume works on JSON Lines output only, not --format csv")
    try:
        return plan_resume(output, names, options.max_bytes)
    except OSError as exc:
        raise BatchError(f"--resume {output}: {exc.strerror or exc}") from None


@contextmanager
def _open_output(output: Path | None, append: bool) -> Iterator[BinaryIO]:
    """stdout, or the -o file (appended to when resuming)."""
    from .batch import BatchError

    if output is None:
        yield sys.stdout.buffer
        return
    try:
        out = output.open("ab" if append else "wb")
    except OSError as exc:
        raise BatchError(f"-o {output}: {exc.strerror or exc}") from None
    with out:
        yield out


class _Guard:
    """Ctrl-C and kill (SIGTERM) stop the run between two records, never inside one."""

    def __init__(self) -> None:
        self.writing = False
        self.pending = False

    def handle(self, signum: int, frame: object) -> None:
        if self.writing:
            self.pending = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def record(self) -> Iterator[None]:
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
        if self.pending:
            raise KeyboardInterrupt


@contextmanager
def _guarded() -> Iterator[_Guard]:
    """Turn an interruption, a closed pipe or a bad batch into one line and an exit code."""
    import signal

    from .batch import BatchError

    guard = _Guard()
    previous = {sig: signal.signal(sig, guard.handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield guard
    except KeyboardInterrupt:
        sys.stderr.write("vnextract: interrupted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(0) from None
    except BatchError as exc:
        sys.stderr.write(f"vnextract: usage error: {exc}\n")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _write(results: Iterator[Result], out: BinaryIO, guard: _Guard,
           on_result: Callable[[Result], None], error_records: bool) -> Tally:
    """The one streaming writer: each record written whole and flushed, in order."""
    from .batch import Tally

    tally = Tally()
    with closing(results):
        for result in results:
            if result.error is None or error_records:
                with guard.record():
                    out.write(result.output.encode("utf-8"))
                    out.flush()
            tally.add(result)
            on_result(result)
    return tally


def _error_line(result: Result) -> None:
    if result.error is not None:
        _fail(result.path, result.error[1])


class _Report:
    """Progress bar (files, rate, ETA) and a summary table on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled
        self.total = total
        self.started = 0.0
        self.progress: Progress | None = None

    def __enter__(self) -> _Report:
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
                console=Console(stderr=True), transient=True)
            self.progress.add_task("extract", total=self.total, rate="–")
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
            self.progress.console.print(f"vnextract: error: {result.path}: {result.error[1]}",
                                        markup=False, highlight=False, soft_wrap=True)
        task = self.progress.tasks[0]
        rate = f"{task.speed:.1f}" if task.speed else "–"
        self.progress.update(task.id, advance=1, rate=rate)

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
        table.add_row("wall time", f"{seconds:.1f} s")
        table.add_row("articles/s", f"{tally.files / seconds:.1f}" if seconds else "–")
        Console(stderr=True).print(table)


@app.command(name="eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder of NAME.txt + NAME.gold.json.",
                                              exists=True, file_okay=False)],
    verbose: Annotated[bool, typer.Option("--verbose", help="List each miss and extra.")] = False,
) -> None:
    """Score extraction against gold files and print precision, recall and F1 per field."""
    import json

    from .emit import to_dict
    from .evaluate import FIELDS, Tally, gold_pairs, score_article, table
    from .loading import InputError, read_path
    from .pipeline import extract as run

    totals = {name: Tally() for name in FIELDS}
    pairs = list(gold_pairs(directory))
    for text_path, gold_path in pairs:
        try:
            loaded = read_path(text_path)
            out = to_dict(run(loaded.text, path=str(text_path)))
        except InputError as exc:
            _fail(str(text_path), exc.message)
            out = {}
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for name, tally in score_article(out, gold).items():
            totals[name].add(tally)
            if verbose and (tally.missed or tally.extra):
                sys.stdout.write(f"{text_path.name} {name}: missed {tally.missed} "
                                 f"extra {tally.extra}\n")
    sys.stdout.write(table(totals, len(pairs)) + "\n")


@app.command()
def schema() -> None:
    """Print the JSON Schema that every `extract` output validates against."""
    import json

    from .models import Article

    sys.stdout.write(json.dumps(Article.model_json_schema(mode="serialization"),
                                ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """Console entry point: run the app; a closed pipe or Ctrl-C ends it without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("vnextract: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)


def _silence_stdout() -> None:
    """After the reader went away, point stdout at devnull so the final flush cannot fail."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
