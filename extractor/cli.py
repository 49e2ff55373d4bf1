"""The `vnextract` command: a thin typer app over the `extractor` library.

Every command reads, calls the library, writes. stdout carries only JSON; errors are one
line on stderr. Exit codes: 0 success, 1 an input could not be read, 2 usage error,
130 interrupted. Heavy imports happen inside commands so `--help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="vnextract",
    help="Turn Vietnamese Party and state news articles into validated, structured JSON.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_INPUT = 1
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
    """Extract one article to a JSON object (several files: one JSON line each)."""
    from .emit import dumps
    from .loading import InputError, decode, read_path
    from .pipeline import extract as run

    indent = (sys.stdout.isatty() and len(files) == 1) if pretty is None else pretty
    failed = False
    for name in files:
        try:
            if name == "-":
                loaded = decode(sys.stdin.buffer.read(), encoding)
            else:
                loaded = read_path(Path(name), encoding, max_bytes)
        except InputError as exc:
            _fail(name, exc.message)
            failed = True
            continue
        article = run(loaded.text, path=name, sha256=loaded.sha256, encoding=loaded.encoding,
                      with_tokens=tokens)
        sys.stdout.write(dumps(article, indent=indent) + "\n")
        sys.stdout.flush()
    if failed:
        raise typer.Exit(EXIT_INPUT)


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
