"""The `vnextract` command: a thin typer app over the `extractor` library.

Every command reads, calls the library, writes. stdout carries only JSON; errors are one
line on stderr. Exit codes: 0 success, 1 an input could not be read, 2 usage error,
130 interrupted. Heavy imports happen inside commands so `--help` stays fast.

The command runs without pydantic plugins (observability hooks): finding them scans every
installed package's metadata, 0.1-0.2 s of a cold start. `PYDANTIC_DISABLE_PLUGINS` set in the
environment, even empty, is left as it is.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .cluster import connected
from .console import (
    EXIT_INPUT,
    batch_inputs,
    batch_plan,
    cannot_write,
    check_encoding,
    claim_output,
    error_line,
    fail,
    guarded,
    output_stream,
    stdout,
    write_records,
)
from .progress import Report

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# The schema as `models.record_schema()` writes it: printing it needs no pydantic (0.2 s).
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "schema.json"

app = typer.Typer(
    name="vnextract",
    help="Turn Vietnamese Party and state news articles into validated, structured JSON.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: typer's rich help costs 80 ms of start-up
)

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
MAX_BYTES = 20 * 1024 * 1024  # loading.DEFAULT_MAX_BYTES, without importing the load stage
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", help="Refuse inputs larger than this.", min=1)
]


@app.command()
def extract(
    files: FilesArg,
    pretty: PrettyOpt = None,
    tokens: TokensOpt = False,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Extract one article to a JSON object (several files: one JSON line each, like batch)."""
    from ..batch.run import Options, run

    single = len(files) == 1  # several files are JSON Lines: one compact record each
    with guarded() as guard:
        check_encoding(encoding)
        out = stdout()
        indent = single and (out.isatty() if pretty is None else pretty)
        options = Options(encoding, max_bytes, tokens, indent=indent)
        tally = write_records(run(files, options), out, guard, error_line,
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
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on the Dask cluster at this address (tcp://HOST:8786; "
        "local:N starts N local workers; default: $DASK_SCHEDULER_ADDRESS).",
        show_default=False)] = None,
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
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Extract every article of folders or a list, one JSON line per file in path order."""
    from ..batch import run as engine
    from ..output.records import csv_header

    options = engine.Options(encoding, max_bytes, tokens, fmt.value)
    with guarded() as guard:
        check_encoding(encoding)
        names = batch_inputs(paths or [], files_from, glob, output)
        with connected(scheduler, workers) as cluster, \
                claim_output(output, resume, options) as claimed:
            plan = batch_plan(names, claimed, resume, options)
            out = output_stream(claimed)
            shown = sys.stderr.isatty() if progress is None else progress
            where = cluster.describe if cluster else None
            with Report(shown, len(plan.todo), where) as report:
                if fmt is OutputFormat.csv:
                    out.write(csv_header().encode("utf-8"))
                results = (cluster.run(plan.todo, options) if cluster else
                           engine.run(plan.todo, options, workers or engine.default_workers()))
                tally = write_records(results, out, guard, report.done, error_records=True)
        report.summary(tally, plan.skipped)
    if tally.failed or plan.failed:
        raise typer.Exit(EXIT_INPUT)


@app.command(name="eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder of NAME.txt + NAME.gold.json.",
                                              exists=True, file_okay=False)],
    verbose: Annotated[bool, typer.Option("--verbose", help="List each miss and extra.")] = False,
) -> None:
    """Score extraction against gold files and print precision, recall and F1 per field."""
    from ..batch.errors import BatchError
    from ..evaluate import FIELDS, Tally, score_folder, table

    totals = {name: Tally() for name in FIELDS}
    failed = 0
    with guarded():
        results = score_folder(directory)
        if not results:
            raise BatchError(f"{directory}: no NAME.txt with a NAME.gold.json beside it")
        for scored in results:
            if scored.error is not None:
                fail(str(scored.path), scored.error)
                failed += 1
            for name, tally in scored.tallies.items():
                totals[name].add(tally)
                if verbose and (tally.missed or tally.extra):
                    sys.stdout.write(f"{scored.path.name} {name}: missed {tally.missed} "
                                     f"extra {tally.extra}\n")
        sys.stdout.write(table(totals, len(results)) + "\n")
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of every record: an article, or an input's error record."""
    with guarded():
        out = stdout()
        out.write(SCHEMA_FILE.read_bytes())  # models.record_schema(), kept by a test
        out.flush()


def main() -> None:
    """The `vnextract` command. Click writes --help itself, outside every command's guard:
    a full or closed stdout there still ends in one line."""
    try:
        app(prog_name="vnextract")
    except OSError as exc:
        cannot_write(exc)
        sys.exit(EXIT_INPUT)
