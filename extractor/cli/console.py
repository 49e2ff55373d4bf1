"""The terminal side of the CLI: one-line errors, the record writer, progress and summary.

Kept out of the library (which never prints) and out of cli.py (which stays a list of thin
commands). Ctrl-C, kill, a closed pipe and a full disk all end here in one line and an exit
code, never a traceback and never half a record.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import typer

if TYPE_CHECKING:

    from ..batch.outfile import Output
    from ..batch.resume import Plan
    from ..batch.run import Options, Result, Tally

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def error_text(name: str, message: str) -> str:
    """The one-line error for an input; a newline in a file name is shown escaped."""
    shown = name.replace("\n", "\\n").replace("\r", "\\r")
    return f"vnextract: error: {shown}: {message}"


def fail(name: str, message: str) -> None:
    sys.stderr.write(error_text(name, message) + "\n")


def check_encoding(name: str | None) -> None:
    """Refuse an unknown --encoding once, as a usage error, rather than once per file."""
    from ..batch.errors import BatchError
    from ..load.loading import known_encoding

    if name is not None and not known_encoding(name):
        raise BatchError(f"--encoding {name}: not a text codec; try utf-8, cp1258, tcvn3, vni")


def batch_inputs(paths: list[str], files_from: str | None, pattern: str,
                 output: Path | None = None) -> list[str]:
    """The sorted inputs: the paths given, folders expanded, plus the --files-from list;
    refused when `output` is one of them (writing it would destroy what is read)."""
    from ..batch.errors import BatchError
    from ..batch.run import discover, read_names

    if "-" in paths:
        raise BatchError('batch reads files, not stdin; for a list of paths use --files-from -')
    names = list(paths)
    if files_from == "-":
        if sys.stdin is None:
            raise BatchError("--files-from -: stdin is closed; pipe the list in, "
                             "or give --files-from FILE")
        names += read_names(sys.stdin.buffer)
    elif files_from is not None:
        try:
            with open(files_from, "rb") as listing:
                names += read_names(listing)
        except OSError as exc:
            raise BatchError(f"--files-from {files_from}: {exc.strerror or exc}") from None
    elif not names:
        raise BatchError("give folders or files to read, or --files-from FILE")
    found = discover(names, pattern)
    if not found:
        raise BatchError(_no_input(paths, files_from, pattern))
    if output is not None:
        refuse_output_among_inputs(output, found)
    return found


def _no_input(folders: list[str], files_from: str | None, pattern: str) -> str:
    """Why a batch found nothing to read (exit 2: an empty run is a mistake, not a success)."""
    why = [f"no file below {', '.join(folders)} matches --glob {pattern!r}"] if folders else []
    if files_from is not None:
        why.append(f"--files-from {files_from} lists no path")
    return f"no input: {' and '.join(why)}; check the folders, --glob or the list"


def refuse_output_among_inputs(output: Path, names: list[str]) -> None:
    """Refuse an -o that is an input by path (after links) or by inode (a hard link)."""
    from ..batch.errors import BatchError

    own = os.path.realpath(output)  # never raises, even on a symlink loop
    inode = _inode(str(output))
    for name in names:
        if os.path.realpath(name) == own or (inode is not None and _inode(name) == inode):
            raise BatchError(f"-o {output}: is also an input ({name}); write the output "
                             "to another file, or keep it out of the inputs (--glob)")


def _inode(name: str) -> tuple[int, int] | None:
    try:
        info = os.stat(name)
    except (OSError, ValueError):  # missing, unreadable, or a NUL byte in the name
        return None
    return info.st_dev, info.st_ino


def stdout(advice: str = "redirect it to a file (> FILE)") -> BinaryIO:
    """stdout's bytes; refused as a usage error when the shell closed it (`>&-`)."""
    from ..batch.errors import BatchError

    if sys.stdout is None:
        raise BatchError(f"stdout is closed; {advice}")
    return sys.stdout.buffer


@contextmanager
def claim_output(output: Path | None, resume: bool, options: Options) -> Iterator[Output | None]:
    """The -o file, locked for the whole run (None: stdout), after --resume's checks."""
    from ..batch.errors import BatchError
    from ..batch.outfile import Busy, Output

    if resume and output is None:
        raise BatchError("--resume needs -o FILE: the output to complete")
    if resume and options.format != "jsonl":
        raise BatchError("--resume works on JSON Lines output only, not --format csv")
    if output is None:
        yield None
        return
    try:
        claimed = Output(output, append=resume)
    except Busy as busy:
        holder = f"pid {busy.pid}" if busy.pid else "it holds the file's lock"
        raise BatchError(f"-o {output}: is being written by another vnextract ({holder}); "
                         "wait for it to end, or write to another file") from None
    except OSError as exc:
        raise BatchError(f"-o {output}: {exc.strerror or exc}") from None
    with closing(claimed):
        yield claimed


def batch_plan(names: list[str], claimed: Output | None, resume: bool,
               options: Options) -> Plan:
    """All the inputs, or with --resume those the locked -o file has no current record of."""
    from ..batch.errors import BatchError
    from ..batch.resume import Plan, plan_resume

    if not resume or claimed is None:
        return Plan(names)
    try:
        return plan_resume(claimed.path, names, options.max_bytes, claimed.replace)
    except OSError as exc:
        raise BatchError(f"--resume {claimed.path}: {exc.strerror or exc}") from None


def output_stream(claimed: Output | None) -> BinaryIO:
    """Where the records go: the -o file, unbuffered (see _write_whole), or stdout."""
    if claimed is None:
        return stdout("write to -o FILE, or redirect it (> FILE)")
    return claimed.stream()


class Guard:
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
def guarded() -> Iterator[Guard]:
    """Turn an interruption, a closed pipe or a bad batch into one line and an exit code."""
    import signal

    from ..batch.errors import BatchError

    guard = Guard()
    previous = {sig: signal.signal(sig, guard.handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield guard
    except KeyboardInterrupt:
        sys.stderr.write("vnextract: interrupted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:  # a full disk, a vanished output: what was written stays whole
        cannot_write(exc)
        raise typer.Exit(EXIT_INPUT) from None
    except BatchError as exc:
        sys.stderr.write(f"vnextract: usage error: {exc}\n")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def write_records(results: Iterator[Result], out: BinaryIO, guard: Guard,
                  on_result: Callable[[Result], None], error_records: bool) -> Tally:
    """The one streaming writer: each record written whole and flushed, in order."""
    from ..batch.run import Tally

    tally = Tally()
    with closing(results):
        for result in results:
            if result.error is None or error_records:
                with guard.record():
                    _write_whole(out, result.output.encode("utf-8"))
            tally.add(result)
            on_result(result)
    return tally


def _write_whole(out: BinaryIO, data: bytes) -> None:
    """Write one record; if the disk fills up, cut a file back to where the record began."""
    start = out.tell() if out.seekable() else None
    try:
        view = memoryview(data)
        while view:
            view = view[out.write(view) or 0 :]  # an unbuffered write may be partial
        out.flush()
    except OSError:
        if start is not None:
            with suppress(OSError):
                out.truncate(start)
        raise


def error_line(result: Result) -> None:
    if result.error is not None:
        fail(result.path, result.error[1])


def cannot_write(exc: OSError) -> None:
    """The one line for an output that could not be written; the caller exits with 1."""
    silence_stdout()
    sys.stderr.write(f"vnextract: error: cannot write the output: {exc.strerror or exc}\n")


def silence_stdout() -> None:
    """After the reader went away, point stdout at devnull so the final flush cannot fail."""
    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
