"""Golden pairs: `vnextract extract samples/NAME.txt` equals samples/NAME.expected.json.

Regenerate after an intended change with `pytest tests/test_golden.py --update-golden`,
then review the diff of samples/*.expected.json before committing it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

CLI = [sys.executable, "-m", "extractor"]


@pytest.mark.parametrize("article", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_sample_matches_expected_json(article: Path, update_golden: bool) -> None:
    relative = article.relative_to(ROOT).as_posix()
    run = subprocess.run([*CLI, "extract", relative], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", check=True, timeout=120)
    actual = json.loads(run.stdout)
    expected_path = article.with_suffix(".expected.json")
    if update_golden:
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
