"""Shared fixtures: paths of the project and of the gold material beside it, and a headless
browser (tests/browser.py)."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import browser_page, chromium  # noqa: F401  (fixtures for the browser tests)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED_GOLD = ROOT.parent / "shared" / "gold"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite samples/*.expected.json from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def articles() -> list[Path]:
    """Sample and synthetic articles, and the dev articles when ../shared is beside us."""
    found = sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests/data/synthetic").glob("*.txt"))
    if (SHARED_GOLD / "dev").is_dir():
        found += sorted((SHARED_GOLD / "dev").glob("*.txt"))
    return found


def cli_timed(*args: str | Path) -> tuple[subprocess.CompletedProcess[bytes], float]:
    """One run of the real CLI, `vnextract ARGS`, and its CPU seconds (user and system): a
    measure of work that a busy machine disturbs less than wall time. Only ratios of it are
    asserted; the timeout only turns a runaway into a failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], cwd=ROOT,
                          capture_output=True, timeout=900)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return proc, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
