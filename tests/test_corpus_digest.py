"""The output on real text, pinned: a fixed sample of `../shared/corpus` (every 10th file of
each set) extracts to the SHA-256 digests in tests/data/corpus_digests.json.

A change meant to keep the output (speed work, refactors) must keep these digests. A change
of the rules changes them: rerun with `--update-golden`, and say in the commit what moved.
Skipped where the corpus is not beside the repository (third-party text is never copied in).
"""

from __future__ import annotations

import hashlib
import json

import pytest

from extractor import extract

from .conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
DIGESTS = ROOT / "tests" / "data" / "corpus_digests.json"
EVERY = 10


def _sets() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} not found (the shared corpus)")
@pytest.mark.parametrize("name", _sets())
def test_corpus_output_is_unchanged(name: str, update_golden: bool) -> None:
    digest = hashlib.sha256()
    for path in sorted((CORPUS / name).glob("*.txt"))[::EVERY]:
        article = extract(path.read_text(encoding="utf-8"))
        digest.update(article.model_dump_json().encode("utf-8"))
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
    if update_golden:
        pinned[name] = digest.hexdigest()
        DIGESTS.write_text(json.dumps(pinned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert pinned.get(name) == digest.hexdigest(), f"output on {name} changed"
