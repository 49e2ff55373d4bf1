"""Shared fixtures: paths of the project and of the gold material beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

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
