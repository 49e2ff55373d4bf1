"""Many articles in, one record per input out, in input order: the engine of `vnextract batch`.

`batch` and `extract` with several files both stream `run()`'s results through one writer.
Work goes to persistent worker processes (patterns and underthesea load once per worker)
in small chunks with a bounded number in flight, and results come back in input order, so
the output is the same bytes for any number of workers and memory stays flat. An input that
cannot be read becomes an error record, never an exception. This module never prints.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from ..load.loading import DEFAULT_MAX_BYTES, InputError, Loaded, decode, read_path, read_stream
from ..load.remote import is_url
from ..output.records import render, rows
from .errors import BatchError

Format = Literal["jsonl", "csv"]
CHUNK = 4  # files per task: amortizes the IPC round trip, keeps the ordered tail short
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: enough to never idle, bounded memory
TRANSIENT = "transient"  # the kind of a failure of the machine, not of the input: --resume retries
WORKER_DIED = ("the worker process extracting it died (out of memory, or killed), also when it "
               "ran alone; run again with --resume to retry it, with fewer --workers")


@dataclass(frozen=True)
class Options:
    """How each input is read and rendered; the same in every worker."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    tokens: bool = False
    format: Format = "jsonl"
    indent: bool = False


@dataclass(frozen=True)
class Result:
    """One input's record, already rendered, with what a summary needs (picklable)."""

    path: str
    output: str
    error: tuple[str, str] | None  # (kind, message) of the InputError
    mentions: dict[str, int]


@dataclass
class Tally:
    """Running totals over the results written, for the summary."""

    files: int = 0
    failed: int = 0
    mentions: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> int:
        return self.files - self.failed

    def add(self, result: Result) -> None:
        self.files += 1
        self.failed += result.error is not None
        self.mentions.update(result.mentions)


def discover(paths: Iterable[str], pattern: str = "**/*.txt") -> list[str]:
    """Every input once, sorted by path: folders expand to what `pattern` matches below them,
    and so do folder URLs; a URL with glob characters expands to its matches.

    Anything else is kept as given, so a missing path still gets its (error) record.
    """
    found: set[str] = set()
    for name in paths:
        if is_url(name):
            found.update(_expand_url(name, pattern))
            continue
        root = Path(name)
        if not root.is_dir():
            found.add(str(root))
            continue
        try:
            found.update(str(p) for p in root.glob(pattern))
        except (ValueError, NotImplementedError) as exc:
            raise BatchError(f"--glob {pattern!r}: {exc}") from None
    return sorted(found)


def _expand_url(url: str, pattern: str) -> list[str]:
    """A URL glob's matches, a folder URL's files, or the URL (see `remote.expand`)."""
    from ..load.remote import expand

    try:
        return expand(url, pattern)
    except ValueError as exc:
        raise BatchError(f"{url}: {exc}") from None
    except Exception as exc:  # the storage refused the listing: nothing can be read
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise BatchError(f"{url}: cannot list it ({detail})") from None


def read_names(stream: IO[bytes]) -> list[str]:
    """Paths one a line (as `find` prints them); blank lines are ignored."""
    names = (os.fsdecode(line.rstrip(b"\r\n")) for line in stream)
    return [name for name in names if name]


def shown(name: str) -> str:
    """The path as a record writes it: undecodable bytes of a file name become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_digest(name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 of a regular file's bytes, or None when they would not be read."""
    if is_url(name):
        from ..load.remote import url_digest

        return url_digest(name, max_bytes)
    path = Path(name)
    try:
        if name == "-" or not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def process(name: str, options: Options, data: bytes | None = None) -> Result:
    """Read and extract one input ("-" is stdin) into its rendered record; `data`, when
    given, are the input's bytes (a text of a DataFrame), not read from `name`."""
    from ..output.emit import to_dict
    from ..pipeline import extract

    try:
        loaded = _load(name, options) if data is None else decode(data, options.encoding)
        article = extract(loaded.text, path=shown(name), sha256=loaded.sha256,
                          encoding=loaded.encoding, with_tokens=options.tokens,
                          warnings=loaded.warnings)
    except InputError as exc:
        return failure(name, options, exc.kind, exc.message)
    except MemoryError:
        return failure(name, options, TRANSIENT, "ran out of memory reading or extracting it; "
                        "run again with --resume to retry it, with fewer --workers")
    except OSError as exc:  # the system failed us (EIO on the model's disk), not the input
        return failure(name, options, TRANSIENT, f"a system error while extracting it "
                        f"({exc.strerror or exc}); run again with --resume to retry it")
    except Exception as exc:  # a bug on one article must not end a run over thousands
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return failure(name, options, "internal",
                        f"extraction failed ({detail}); please report this file")
    record = to_dict(article)
    mentions = dict(Counter(row[0] for row in rows(record)))
    return Result(name, render(record, options.format, options.indent), None, mentions)


def failure(name: str, options: Options, kind: str, message: str) -> Result:
    """The error record of an input; `sha256` only when its bytes can be read, and never
    for a transient failure (retried whatever the bytes; reading them may fail again)."""
    from ..output.models import ErrorRecord, ErrorSource, Failure

    digest = None if kind == TRANSIENT else file_digest(name, options.max_bytes)
    record = ErrorRecord(source=ErrorSource(path=shown(name), sha256=digest),
                         error=Failure(kind=kind, message=message))
    return Result(name, render(record.model_dump(exclude_none=True), options.format,
                               options.indent), (kind, message), {})


def _load(name: str, options: Options) -> Loaded:
    if name == "-":
        if sys.stdin is None:
            raise InputError("unreadable", "stdin is closed; pipe the article in, "
                                           "or give its path")
        return decode(read_stream(sys.stdin.buffer, options.max_bytes), options.encoding)
    if is_url(name):
        from ..load.remote import read_url

        return read_url(name, options.encoding, options.max_bytes)
    return read_path(Path(name), options.encoding, options.max_bytes)


def process_chunk(names: list[str], options: Options) -> list[Result]:
    """A worker's task: several inputs per round trip."""
    return [process(name, options) for name in names]


def run(names: list[str], options: Options, workers: int = 1) -> Iterator[Result]:
    """Results for `names` in the same order; `workers` > 1 extracts in that many processes."""
    if workers <= 1 or len(names) <= CHUNK:
        for name in names:
            yield process(name, options)
        return
    from .pool import ordered  # the process pool's imports cost a one-file run 30 ms

    yield from ordered(names, options, workers)


def default_workers() -> int:
    """One worker per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
