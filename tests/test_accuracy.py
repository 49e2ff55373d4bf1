"""Accuracy floors on annotated articles, scored by `vnextract eval`'s own scorer.

tests/data/synthetic holds 24 articles written and annotated for this project from the
guidelines alone, by annotators who never saw the rules: a held-out check that the rules
generalize. The dev set beside the checkout is scored too when it is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.evaluate import FIELDS, Tally, gold_pairs, score_article
from extractor.output.emit import to_dict

from .conftest import ROOT, SHARED_GOLD

FLOOR = 0.97  # per-field F1 the issue asks for on dev


def _totals(folder: Path) -> dict[str, Tally]:
    totals = {name: Tally() for name in FIELDS}
    for text_path, gold_path in gold_pairs(folder):
        out = to_dict(extract(text_path.read_text(encoding="utf-8")))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for name, tally in score_article(out, gold).items():
            totals[name].add(tally)
    return totals


FOLDERS = [ROOT / "tests" / "data" / "synthetic"]
if (SHARED_GOLD / "dev").is_dir():
    FOLDERS.append(SHARED_GOLD / "dev")


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_field_keeps_its_f1_floor(folder: Path) -> None:
    totals = _totals(folder)
    assert sum(t.gold for t in totals.values()) > 0
    for name, tally in totals.items():
        assert tally.prf()[2] >= FLOOR, (name, tally.tp, tally.predicted, tally.gold)
