"""`--resume`: make an interrupted JSON Lines output whole and find what is left to do."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..load.loading import DEFAULT_MAX_BYTES
from .run import TRANSIENT, BatchError, file_digest, shown


@dataclass(frozen=True)
class Plan:
    """What a resumed run still has to do; `failed` counts the error records kept."""

    todo: list[str]
    skipped: int = 0
    failed: int = 0


Replace = Callable[[Path, Path], None]


def plan_resume(output: Path, names: list[str], max_bytes: int = DEFAULT_MAX_BYTES,
                replace: Replace = os.replace) -> Plan:
    """Make `output` whole JSON lines again and return the inputs it has no current record of.

    A record is current when its path is an input, its sha256 is that of the file's bytes
    now (both absent for a file that still cannot be read), and it is no transient failure.
    The first current record of each path is kept; records of inputs that changed, of paths
    that are no longer inputs, transient failures and duplicates are removed: each input
    ends up with at most one record and the file holds nothing else. A rewrite of `output`
    is renamed over it with `replace` (the CLI's keeps the file locked).
    """
    if not output.exists():
        return Plan(names)
    _cut_torn_line(output)
    wanted = {shown(name): name for name in names}
    kept: dict[str, bool] = {}  # path -> whether its record is an error record
    dropped: set[int] = set()
    for number, (path, sha, error) in enumerate(_keys(output), 1):
        if (path in kept or path not in wanted or error == TRANSIENT
                or sha != file_digest(wanted[path], max_bytes)):
            dropped.add(number)
        else:
            kept[path] = error is not None
    if dropped:
        _drop_lines(output, dropped, replace)
    todo = [name for name in names if shown(name) not in kept]
    return Plan(todo, len(kept), sum(kept.values()))


def _cut_torn_line(output: Path) -> None:
    """Truncate after the last newline: a hard kill can leave half a record at the end."""
    with output.open("rb+") as f:
        end = f.seek(0, os.SEEK_END)
        keep = end
        while keep > 0:
            start = max(0, keep - 65536)
            f.seek(start)
            block = f.read(keep - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            keep = start
        if keep < end:
            f.truncate(keep)


def _keys(output: Path) -> Iterator[tuple[str, str | None, str | None]]:
    """(path, sha256, error kind) of every record, streaming: a big output costs no memory."""
    with output.open("rb") as f:
        for number, line in enumerate(f, 1):
            yield _key(line, output, number)


def _key(line: bytes, output: Path, number: int) -> tuple[str, str | None, str | None]:
    try:
        record = json.loads(line)
        error = record["error"]["kind"] if "error" in record else None
        return record["source"]["path"], record["source"].get("sha256"), error
    except (ValueError, TypeError, KeyError):
        raise BatchError(f"{output}: line {number} is not a vnextract record; "
                         "write to a new file instead of --resume") from None


def _drop_lines(output: Path, numbers: set[int], replace: Replace) -> None:
    """Rewrite `output` without the lines `numbers` (from 1); the rename is atomic."""
    temporary = output.with_name(output.name + ".resume-tmp")
    with output.open("rb") as source, temporary.open("wb") as target:
        for number, line in enumerate(source, 1):
            if number not in numbers:
                target.write(line)
    replace(temporary, output)
