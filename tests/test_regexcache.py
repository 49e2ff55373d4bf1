"""The compiled-pattern cache: a second run reads the patterns the first one wrote, gives the
same bytes, and a missing, corrupt or unwritable cache only costs time."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

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
    assert all(repaired[key] != b"damaged" for key in patterns if key in repaired)
