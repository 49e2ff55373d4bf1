"""The peer for people and organizations: underthesea's `ner` as a command the gold scorer runs.

    python ../shared/gold/score.py ../shared/gold/dev --cmd "python bench/peer_ner.py"

Prints, for one article file, the JSON fields the scorer reads: `people` from the PER spans
(no titles: the model has none) and `organizations` from the ORG spans, one entry per
distinct name; the other fields empty. underthesea's CRF `ner` is run per line, since it
grows with the square of the sentence length (../shared/UNDERTHESEA.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _entities(tagged: list[tuple[str, ...]], kind: str) -> list[str]:
    """Joined tokens of each B-/I- run of one entity kind, in order."""
    names: list[str] = []
    current: list[str] = []
    for token, *_, tag in tagged:
        if tag == f"B-{kind}" or (tag == f"I-{kind}" and not current):
            if current:
                names.append(" ".join(current))
            current = [token.replace("_", " ")]
        elif tag == f"I-{kind}":
            current.append(token.replace("_", " "))
        elif current:
            names.append(" ".join(current))
            current = []
    if current:
        names.append(" ".join(current))
    return names


def main(path: str) -> None:
    from underthesea import ner

    people: dict[str, None] = {}
    organizations: dict[str, None] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            tagged = ner(line)
            people.update(dict.fromkeys(_entities(tagged, "PER")))
            organizations.update(dict.fromkeys(_entities(tagged, "ORG")))
    record = {"dates": [], "documents": [], "counts": [], "lessons": [], "tasks": [],
              "people": [{"name": n, "titles": []} for n in people],
              "organizations": [{"name": n} for n in organizations]}
    print(json.dumps(record, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
