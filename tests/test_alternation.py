"""A word list compiled as a prefix tree matches what the flat longest-first list matches."""

from __future__ import annotations

import pytest
import regex

from extractor.engine import rules
from extractor.engine.alternation import tree

from .conftest import articles


# The flat form the tree replaced: longest first, so that a prefix never wins.
def _flat(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _lists() -> list[tuple[str, str, list[str]]]:
    found = []
    for family in rules.families():
        patterns = rules.load(family)
        lists = {**patterns.lexicon, **{name: list(t) for name, t in patterns.tables.items()}}
        for name, words in lists.items():
            if words and all(isinstance(w, str) and w for w in words):
                found.append((family, name, words))
    return found


@pytest.fixture(scope="module")
def text() -> str:
    written = "\n".join(path.read_text("utf-8") for path in articles())
    return written + "\n" + written.lower()


@pytest.mark.parametrize("fold", [False, True])
def test_every_lexicon_list_matches_the_same_as_a_tree(text: str, fold: bool) -> None:
    flags = regex.IGNORECASE if fold else 0
    checked = 0
    for family, name, words in _lists():
        flat = regex.compile(rf"(?-f)(?<![\p{{L}}])(?:{_flat(words)})", flags)
        trie = regex.compile(rf"(?-f)(?<![\p{{L}}])(?:{tree(words, fold=fold)})", flags)
        expected = [m.span() for m in flat.finditer(text)]
        assert [m.span() for m in trie.finditer(text)] == expected, (family, name)
        checked += len(expected)
    assert checked > 1000


def test_a_longer_word_wins_over_its_prefix() -> None:
    pattern = regex.compile(f"(?:{tree(['Ban', 'Ban Chấp hành', 'Ban Chấp hành Trung ương'])})")
    assert pattern.match("Ban Chấp hành Trung ương Đảng")[0] == "Ban Chấp hành Trung ương"
    assert pattern.match("Ban Chấp  hành tỉnh")[0] == "Ban Chấp  hành"
    assert pattern.match("Ban Tổ chức")[0] == "Ban"
