"""`vnextract eval` prints the same table as the gold scorer, also when results are imperfect."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES, SHARED_GOLD

SCORER = SHARED_GOLD / "score.py"


def _table(args: list[str]) -> str:
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, timeout=300)
    return proc.stdout.strip()


def _perturbed_gold(tmp_path: Path) -> Path:
    """The sample with a gold file that misses some facts and holds some wrong ones."""
    gold = json.loads((SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.gold.json").read_text("utf-8"))
    gold["dates"] = [*gold["dates"][1:], "1999-01-01"]
    gold["documents"][0]["code"] = "001-kl/tw"  # same document: case and zeros ignored
    gold["documents"].append({"type": "Chỉ thị", "code": "05-CT/TW"})
    gold["counts"][0]["unit"] = "tổ chức"  # only the first syllable is compared
    gold["counts"].pop()
    gold["lessons"][0]["text"] = gold["lessons"][0]["text"][:40]
    gold["tasks"] = gold["tasks"][:2]
    shutil.copy(SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt", tmp_path / "a.txt")
    (tmp_path / "a.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return tmp_path


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is absent")
@pytest.mark.parametrize("which", ["perturbed", "dev"])
def test_eval_table_equals_the_gold_scorer(which: str, tmp_path: Path) -> None:
    folder = _perturbed_gold(tmp_path) if which == "perturbed" else SHARED_GOLD / "dev"
    ours = _table([sys.executable, "-m", "extractor", "eval", str(folder)])
    theirs = _table([sys.executable, str(SCORER), str(folder),
                     "--cmd", f"{sys.executable} -m extractor extract"])
    assert ours == theirs
    if which == "perturbed":
        assert "1.000  1.000  1.000" not in ours.splitlines()[-1]


def test_a_broken_gold_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt", tmp_path / "a.txt")
    (tmp_path / "a.gold.json").write_text("{not json", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "eval", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "a.gold.json" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_folder_without_gold_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "extractor", "eval", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "no NAME.txt" in proc.stderr
