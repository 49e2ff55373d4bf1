"""The compiled-pattern cache: a second run reads the patterns the first one wrote, gives the
same bytes, and a missing, corrupt or unwritable cache only costs time."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

from extractor.engine import regexcache

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
CLI = [sys.executable, "-m", "extractor", "extract", "--compact", str(SAMPLE)]


def _extract(cache: str) -> bytes:
    env = {**os.environ, "VNEXTRACT_CACHE_DIR": cache}
    return subprocess.run(CLI, cwd=ROOT, env=env, capture_output=True, check=True,
                          timeout=120).stdout


def test_second_run_loads_the_cache_and_gives_the_same_bytes(tmp_path: Path) -> None:
    uncached = _extract("")
    first = _extract(str(tmp_path))
    [written] = tmp_path.glob("patterns-*.pickle")
    stamp = written.stat().st_mtime_ns
    second = _extract(str(tmp_path))
    assert first == second == uncached
    assert written.stat().st_mtime_ns == stamp  # nothing new to compile, nothing rewritten


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    reference = _extract("")
    _extract(str(tmp_path))
    [written] = tmp_path.glob("patterns-*.pickle")
    written.write_bytes(b"not a pickle")
    assert _extract(str(tmp_path)) == reference
    assert written.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_directory_costs_nothing_but_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert _extract(str(blocked / "cache")) == _extract("")


def test_a_cache_others_may_write_is_not_read_but_replaced(tmp_path: Path) -> None:
    reference = _extract("")
    _extract(str(tmp_path))
    [written] = tmp_path.glob("patterns-*.pickle")
    written.chmod(0o666)
    assert _extract(str(tmp_path)) == reference
    assert not written.stat().st_mode & 0o022
    assert not list(tmp_path.glob("*.tmp"))


def test_a_damaged_pattern_in_the_cache_is_compiled_anew(tmp_path: Path) -> None:
    """Patterns are kept pickled one by one and loaded when asked for: one that no longer
    loads costs its compilation, not the run."""
    reference = _extract("")
    _extract(str(tmp_path))
    [written] = tmp_path.glob("patterns-*.pickle")
    entries = pickle.loads(written.read_bytes())
    patterns = [key for key, value in entries.items() if isinstance(value, bytes)]
    assert patterns, "the cache keeps each pattern as its own pickle"
    written.write_bytes(pickle.dumps({**entries, **{key: b"damaged" for key in patterns}}))
    assert _extract(str(tmp_path)) == reference
    repaired = pickle.loads(written.read_bytes())
    assert all(repaired[key] != b"damaged" for key in patterns)


def test_a_damaged_rule_file_entry_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    """The rule files are kept parsed in the cache, keyed by their digest: an entry that no
    longer loads is parsed from the file again, and the file keeps one entry per rule file."""
    reference = _extract("")
    _extract(str(tmp_path))
    [written] = tmp_path.glob("patterns-*.pickle")
    entries = pickle.loads(written.read_bytes())
    parsed = [key for key in entries if key[0].startswith("toml:")]
    assert len(parsed) == len({key[0].split(":")[1] for key in parsed}) > 0
    written.write_bytes(pickle.dumps({**entries, **{key: '{"family": ' for key in parsed}}))
    assert _extract(str(tmp_path)) == reference
    repaired = pickle.loads(written.read_bytes())
    assert sorted(k for k in repaired if k[0].startswith("toml:")) == sorted(parsed)
    assert all(repaired[key] != '{"family": ' for key in parsed)


def test_saving_while_another_thread_compiles(tmp_path: Path, monkeypatch) -> None:
    """`save` runs after each extraction; in a worker with several threads another thread may
    be compiling meanwhile: what `save` writes is copied first, so it never fails for that."""
    monkeypatch.setenv("VNEXTRACT_CACHE_DIR", str(tmp_path))
    regexcache._store.cache_clear()  # a store of its own in tmp_path, for this test only
    stop = threading.Event()

    def compile_many() -> None:
        for i in range(5_000):
            if stop.is_set():
                return
            regexcache.compile(f"(?:thread {i})+")

    switching = sys.getswitchinterval()
    worker = threading.Thread(target=compile_many)
    try:
        sys.setswitchinterval(1e-6)  # switch threads as often as possible
        worker.start()
        while worker.is_alive():
            regexcache.save()  # the other thread has compiled something new meanwhile
    finally:
        sys.setswitchinterval(switching)
        stop.set()
        worker.join()
        regexcache._store.cache_clear()
    assert list(tmp_path.glob("patterns-*.pickle"))


def test_an_entry_no_run_uses_any_more_leaves_the_file(tmp_path: Path, monkeypatch) -> None:
    """The patterns of an edited rule stay in the file only until `KEPT_WRITES` writes have
    gone by without a run using them; a pattern every run uses stays."""
    monkeypatch.setenv("VNEXTRACT_CACHE_DIR", str(tmp_path))

    def run(*patterns: str) -> dict:
        regexcache._store.cache_clear()  # a new run: the file is read again
        for pattern in patterns:
            regexcache.compile(pattern)
        regexcache.save()
        [written] = tmp_path.glob("patterns-*.pickle")
        return pickle.loads(written.read_bytes())

    try:
        run("(?:edited)+", "(?:kept)+")
        for write in range(regexcache.KEPT_WRITES):
            entries = run("(?:kept)+", f"(?:new {write})+")  # each run compiles something new
            assert (("(?:edited)+", 0) in entries) == (write < regexcache.KEPT_WRITES - 1)
        assert ("(?:kept)+", 0) in entries
    finally:
        regexcache._store.cache_clear()
