"""Compiled patterns and parsed data kept between runs, so that a cold `extract` does not
parse them again.

The `regex` module parses a pattern in Python: the rule files and the lexicons of names and
titles take about 0.3 s to compile, a third of a cold start. A compiled pattern pickles as
its compiled program, which loads in a fraction of a millisecond; each is kept pickled on its
own and loaded when a rule asks for it, and an entry no run has used in `KEPT_WRITES` writes
of the file leaves it (the patterns of edited rules). Texts are kept too: the lexicons'
prefix trees and the parsed rule files (`text`, `keep_text`, `source`). Everything one run
used is kept in one file of the user's cache directory (`$VNEXTRACT_CACHE_DIR`, else
`$XDG_CACHE_HOME/vnextract`, else `~/.cache/vnextract`; an empty `VNEXTRACT_CACHE_DIR` turns
the cache off), named for the `regex` and Python versions, and read only when this user owns
it and no one else may write it. A pattern is looked up by its source and flags, so an
edited rule simply compiles anew. A cache that cannot be read or written, or an entry that
does not load, is ignored: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

_Key = tuple[str, int]
_TEXT = -1  # the flags of a key whose value is a text (see `text`)
_WRITES = ("", -2)  # the key of the file's record of when each entry was last used
# An entry no run has used in this many writes of the file is dropped: the patterns of rules
# since edited, or of an earlier release, go; one a rare article needs is compiled again.
KEPT_WRITES = 20


@dataclass
class _Store:
    path: Path | None
    loaded: dict[_Key, bytes | str]  # a pattern pickled, or a text
    last_used: dict[_Key, int] = field(default_factory=dict)  # the write that last used it
    used: dict[_Key, regex.Pattern[str] | str] = field(default_factory=dict)
    missed: bool = False

    @property
    def write(self) -> int:
        """The number of the next write of the file (writes are counted over every run)."""
        return max(self.last_used.values(), default=0) + 1


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile`, from the cache when this pattern was compiled by an earlier run."""
    store = _store()
    key = (pattern, flags)
    found = store.used.get(key)
    if not isinstance(found, regex.Pattern):
        found = _unpickled(store.loaded.get(key))
    if found is None:
        found = regex.compile(pattern, flags)
        store.missed = True
    store.used[key] = found
    return found


def _unpickled(data: bytes | str | None) -> regex.Pattern[str] | None:
    """A pattern the cache file kept, or None (absent, or not a pattern: compile it anew)."""
    if not isinstance(data, bytes):
        return None
    try:
        found = pickle.loads(data)
    except Exception:  # a damaged entry: compile anew
        return None
    return found if isinstance(found, regex.Pattern) else None


def text(key: str) -> str | None:
    """The text kept for `key` by this run or an earlier one, or None."""
    store = _store()
    found = store.used.get((key, _TEXT), store.loaded.get((key, _TEXT)))
    if not isinstance(found, str):
        return None
    store.used[(key, _TEXT)] = found
    return found


def keep_text(key: str, value: str) -> None:
    """Keep `value` for `key` (a former version under another key ages out, `KEPT_WRITES`)."""
    store = _store()
    store.used[(key, _TEXT)] = value
    store.missed = True


def source(key: str, build: Callable[[], str]) -> str:
    """The text `build` returns for `key`, from the cache when an earlier run built it (the
    prefix trees of the lexicons take a tenth of a cold start to build)."""
    found = text(key)
    if found is None:
        found = build()
        keep_text(key, found)
    return found


def save() -> None:
    """Write the patterns this process compiled, if any were new, beside those read (so runs
    on different articles add to one another) and not out of use (`KEPT_WRITES`);
    atomically, errors ignored."""
    store = _store()
    if not store.missed or store.path is None:
        return
    store.missed = False
    # copies first: another thread may compile a pattern meanwhile
    used, loaded = dict(store.used), dict(store.loaded)
    write = store.write
    last_used = {**dict.fromkeys(loaded, write), **store.last_used, **dict.fromkeys(used, write)}
    entries = {key: value for key, value in loaded.items()
               if last_used[key] > write - KEPT_WRITES}
    entries.update(_packed(used))
    store.last_used = {key: last_used[key] for key in entries}
    temporary: str | None = None
    try:
        store.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=store.path.parent, delete=False,
                                         prefix=store.path.name, suffix=".tmp") as out:
            temporary = out.name
            pickle.dump({**entries, _WRITES: store.last_used}, out,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, store.path)
    except (OSError, pickle.PicklingError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _packed(used: dict[_Key, regex.Pattern[str] | str]) -> dict[_Key, bytes | str]:
    """The store's entries as the file keeps them: each pattern pickled by itself."""
    return {key: value if isinstance(value, str) else
            pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for key, value in used.items()}


def directory() -> Path | None:
    """Where the cache lives, or None when `VNEXTRACT_CACHE_DIR` is set empty or no absolute
    home for it is known."""
    chosen = os.environ.get("VNEXTRACT_CACHE_DIR")
    if chosen is not None:
        folder = Path(chosen) if chosen else None
    else:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        folder = Path(base) / "vnextract"
    return folder if folder is not None and folder.is_absolute() else None


def _trusted(path: Path) -> bool:
    """Only a file of ours is unpickled: owned by this user, in a folder owned by this user,
    neither writable by anyone else (unpickling runs what the file says)."""
    if not hasattr(os, "geteuid"):
        return True
    for item in (path.parent, path):
        info = item.stat()
        if info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


@cache
def _store() -> _Store:
    folder = directory()
    if folder is None:
        return _Store(None, {})
    version = f"{sys.version_info.major}{sys.version_info.minor}"
    path = folder / f"patterns-regex{regex.__version__}-py{version}.pickle"
    loaded: dict[_Key, bytes | str] = {}
    last_used: dict[_Key, int] = {}
    try:
        if _trusted(path):
            with path.open("rb") as f:
                found = pickle.load(f)
            if isinstance(found, dict):
                loaded = {k: v for k, v in found.items() if isinstance(v, bytes | str)}
                writes = found.get(_WRITES)
                if isinstance(writes, dict):
                    last_used = {k: n for k, n in writes.items()
                                 if k in loaded and isinstance(n, int)}
    except Exception:  # missing, unreadable, truncated, from another version: compile anew
        loaded, last_used = {}, {}
    return _Store(path, loaded, last_used)
