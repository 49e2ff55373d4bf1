"""The gold scorer from ../shared agrees that the sample is extracted perfectly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES, SHARED_GOLD


@pytest.mark.skipif(not (SHARED_GOLD / "score.py").exists(), reason="../shared/gold is absent")
def test_sample_scores_f1_one_on_every_field() -> None:
    proc = subprocess.run(
        [sys.executable, str(SHARED_GOLD / "score.py"), str(SAMPLES), "--json",
         "--cmd", f"{sys.executable} -m extractor extract"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=300,
    )
    summary = json.loads(proc.stdout)
    assert summary["failures"] == []
    for field in ("dates", "documents", "counts", "lessons", "tasks"):
        assert summary[field]["f1"] == 1.0, (field, summary[field])
