"""`vnextract eval` prints the same table as the gold scorer, also when results are imperfect."""

from __future__ import annotations

import functools
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.evaluate import ABBREVIATIONS, fold_name

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


def _with_entities(tmp_path: Path) -> Path:
    """Beside the perturbed article, one whose gold lists entities spelled otherwise than found.

    Case, tone marks, their place ("Uỷ"/"Ủy") and abbreviations ("HĐND") do not count; a
    title slightly reworded still matches; a missed person and a wrong body do count.
    """
    folder = _perturbed_gold(tmp_path)
    gold = json.loads((SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.gold.json").read_text("utf-8"))
    gold["people"] = [
        {"name": "NGUYÊN THANH TÂM",
         "titles": ["Bí thư Tỉnh ủy", "Chủ tịch Hội đồng nhân dân tỉnh", "Chủ tịch UBND tỉnh"]},
        {"name": "Lê Văn Hai", "titles": ["Phó Bí thư Tỉnh ủy"]},
    ]
    gold["organizations"] = [{"name": n} for n in (
        "Ủy ban nhân dân tỉnh", "Hội đồng nhân dân tỉnh", "Tỉnh ủy Tây Ninh", "Bộ Chính trị",
        "Sở Tư pháp", "UBND TP. HCM")]
    shutil.copy(SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt", folder / "b.txt")
    (folder / "b.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return folder


def _folder(which: str, tmp_path: Path) -> Path:
    if which == "perturbed":
        return _perturbed_gold(tmp_path)
    return _with_entities(tmp_path) if which == "entities" else SHARED_GOLD / "dev"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is absent")
@pytest.mark.parametrize("which", ["perturbed", "entities", "dev"])
def test_eval_table_equals_the_gold_scorer(which: str, tmp_path: Path) -> None:
    folder = _folder(which, tmp_path)
    ours = _table([sys.executable, "-m", "extractor", "eval", "--verbose", str(folder)])
    theirs = _table([sys.executable, str(SCORER), str(folder), "--verbose",
                     "--cmd", f"{sys.executable} -m extractor extract"])
    assert ours == theirs
    if which != "dev":
        assert "1.000  1.000  1.000" not in ours.splitlines()[-1]
    if which == "entities":
        rows = {line.split()[0]: line for line in ours.splitlines()}
        assert all(rows[f].endswith("(1 articles)") for f in ("people", "titles", "organizations"))
        assert "1.000  1.000  1.000" not in rows["titles"]


@functools.cache
def _reference_fold() -> Callable[[str], str]:
    """The gold scorer's own name folding, to compare ours with on any text."""
    spec = importlib.util.spec_from_file_location("gold_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.fold_entity


_NAME_PIECES = st.sampled_from([*ABBREVIATIONS, "Tư pháp", "Tỉnh uỷ", "Ủy ban", "ĐẢNG", "Đà",
                                "Thủy", "Thuỷ", " ", "  ", ".", "-", "–", ",", "(", "HCM",
                                "Uỷ", "ỹ", "Ư", "x", "ß", "İ", "e\u0301", "o\u031b\u0323"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/gold is absent")
@given(st.lists(_NAME_PIECES | st.text(max_size=4), max_size=8).map("".join))
def test_name_folding_equals_the_gold_scorer(name: str) -> None:
    assert fold_name(name) == _reference_fold()(name)


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
