"""The `vnextract` command: a thin typer app over the `extractor` library.

Every command reads, calls the library, writes. stdout carries only JSON; errors are one
line on stderr. Exit codes: 0 success, 1 an input could not be read, 2 usage error,
130 interrupted. Heavy imports happen inside commands so `--help` stays fast.

The command runs without pydantic plugins (observability hooks): finding them scans every
installed package's metadata, 0.1-0.2 s of a cold start. `PYDANTIC_DISABLE_PLUGINS` set in the
environment, even empty, is left as it is.

Unlike the other modules this one has no `from __future__ import annotations`: typer reads
the commands' annotations at every start, and evaluating them from strings took 13 ms of it.
"""

import os
import sys
from collections.abc import Iterator
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
    duckdb = "duckdb"


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
    fmt: Annotated[OutputFormat | None, typer.Option(
        "--format", help="jsonl: one record per file; csv: one row per mention; duckdb: a "
        "database (the default for an -o named *.duckdb, else jsonl).", show_default=False)]
        = None,
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
    from .store import batch_into_store, output_format

    with guarded() as guard:
        kind = output_format(fmt and fmt.value, output)
        options = engine.Options(encoding, max_bytes, tokens, "csv" if kind == "csv" else "jsonl")
        check_encoding(encoding)
        names = batch_inputs(paths or [], files_from, glob, output)
        shown = sys.stderr.isatty() if progress is None else progress
        with connected(scheduler, workers) as cluster:  # before -o: a bad address costs nothing
            where = cluster.describe if cluster else None

            def results(todo: list[str]) -> Iterator[engine.Result]:
                if cluster:
                    return cluster.run(todo, options)
                return engine.run(todo, options, workers or engine.default_workers())

            if kind == "duckdb" and output is not None:
                tally, plan = batch_into_store(output, names, resume, max_bytes, results, guard,
                                               shown, where)
            else:
                with claim_output(output, resume, options) as claimed:
                    plan = batch_plan(names, claimed, resume, options)
                    out = output_stream(claimed)
                    with Report(shown, len(plan.todo), where) as report:
                        if kind == "csv":
                            out.write(csv_header().encode("utf-8"))
                        tally = write_records(results(plan.todo), out, guard, report.done,
                                              error_records=True)
                report.summary(tally, plan.skipped)
    if tally.failed or plan.failed:
        raise typer.Exit(EXIT_INPUT)


StoreArg = Annotated[Path, typer.Argument(help="The DuckDB store (a .duckdb file).",
                                          dir_okay=False, show_default=False)]


@app.command()
def load(
    files: Annotated[list[str], typer.Argument(
        help='JSON Lines records of batch or extract; "-" reads stdin.', show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The DuckDB store to load into (made if new).",
        dir_okay=False, show_default=False)],
) -> None:
    """Load JSON Lines records into a DuckDB store: unchanged articles are left as they are,
    changed ones (another sha256) replaced; loading the same file twice changes nothing."""
    from .store import load_files

    with guarded():
        failed = load_files(files, output)
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command()
def export(
    store: StoreArg,
    parquet: Annotated[Path, typer.Option(
        "--parquet", help="Write one TABLE.parquet per table and view into this folder.",
        file_okay=False, show_default=False)],
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite Parquet files an earlier export left there.")] = False,
) -> None:
    """Export a DuckDB store's tables and views as Parquet files."""
    from .store import export_store

    with guarded():
        export_store(store, parquet, force)


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
def show(
    file: Annotated[str, typer.Argument(help='The article; "-" reads stdin.', show_default=False)],
    html: Annotated[str | None, typer.Option(
        "--html", help='Write the view as a standalone page to this file ("-": stdout).',
        show_default=False)] = None,
    colour: Annotated[bool | None, typer.Option(
        "--color/--no-color", help="Colours, or plain text with [kind: ...] marks "
        "(default: colours on a terminal, unless NO_COLOR is set).")] = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Show an article with every fact highlighted by kind and its value beside it."""
    from ..load.loading import InputError
    from ..show import check_page_path, html_page, print_view, read_article, wants_colour

    with guarded():
        check_encoding(encoding)
        check_page_path(html, file)
        try:
            text, article = read_article(file, encoding, max_bytes)
        except InputError as exc:
            fail(file, exc.message)
            raise typer.Exit(EXIT_INPUT) from None
        if html is None:
            out = stdout()
            print_view(text, article, file, wants_colour(colour, out), out)
        elif html == "-":
            stdout().write(html_page(text, article, file).encode("utf-8"))
        else:
            try:
                Path(html).write_text(html_page(text, article, file), encoding="utf-8")
            except OSError as exc:
                fail(html, f"cannot write the page ({exc.strerror or exc})")
                raise typer.Exit(EXIT_INPUT) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of every record: an article, or an input's error record."""
    with guarded():
        _print_schema()


def _print_schema() -> None:
    out = stdout()
    out.write(SCHEMA_FILE.read_bytes())  # models.record_schema(), kept by a test
    out.flush()


MAX_ARTICLES = 2000  # report.build.MAX_ARTICLES, without importing the report


@app.command()
def report(
    store: Annotated[Path, typer.Argument(help="The DuckDB store (a .duckdb file).",
                                          show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The HTML file to write.", show_default=False)],
    no_pages: Annotated[bool, typer.Option(
        "--no-pages", help="Write no page per article (OUTPUT_files/ID.html) to link to.")]
        = False,
    title: Annotated[str | None, typer.Option("--title", help="The report's heading.")] = None,
    max_articles: Annotated[int, typer.Option(
        "--max-articles", min=1, help="Rows of the article table (newest first).")]
        = MAX_ARTICLES,
) -> None:
    """Write one self-contained HTML page of a store's facts, with charts; opens offline."""
    with guarded():
        from ..batch.run import default_workers
        from ..report.build import OutputError, write_report
        from ..report.pages import show_renderer

        try:
            written = write_report(store, output, title=title, max_articles=max_articles,
                                   render_page=None if no_pages else show_renderer(),
                                   workers=default_workers(),
                                   progress=lambda total: Report(sys.stderr.isatty(), total))
        except OutputError as exc:
            fail(str(exc.path), exc.message)
            raise typer.Exit(EXIT_INPUT) from None
    pages = (f", {written.pages} article pages in {written.folder}" if written.folder
             else ", no article pages")
    sys.stderr.write(f"vnextract: {written.path}: {written.size / 1024:.0f} KB, "
                     f"{written.listed} of {written.articles} articles listed{pages}\n")


def main() -> None:
    """The `vnextract` command. Click writes --help itself, outside every command's guard:
    a full or closed stdout there still ends in one line.

    A bare `vnextract schema` is answered before typer runs: typer converts a command's
    parameters (even --help) with pydantic, which costs the command 80 ms to import.
    """
    try:
        if sys.argv[1:] == ["schema"]:
            with guarded():
                _print_schema()
        else:
            app(prog_name="vnextract")
    except typer.Exit as done:  # raised by guarded() outside typer's app
        sys.exit(done.exit_code)
    except OSError as exc:
        cannot_write(exc)
        sys.exit(EXIT_INPUT)
