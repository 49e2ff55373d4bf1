"""The shortcuts of the name grammar answer exactly as the patterns they stand before."""

from __future__ import annotations

import sys

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.engine import rules
from extractor.families import orgnames
from extractor.segment.text import match_view

from .conftest import SAMPLES

LISTS = [("name_words", "name_fields"), ("descriptive_heads", "name_fields", "company_types"),
         ("name_fields",)]


def _views() -> list[str]:
    return [match_view(path.read_text(encoding="utf-8")) for path in SAMPLES.glob("*.txt")]


@pytest.mark.parametrize("names", LISTS, ids="+".join)
def test_word_at_end_agrees_with_its_pattern_on_the_sample(names: tuple[str, ...]) -> None:
    test = orgnames._ends_in(*names)
    agreed = 0
    for view in _views():
        for end in range(1, len(view) + 1):
            start = max(0, end - 40)
            found = test.found(view, start, end)
            assert found == bool(test._pattern.search(view, start, end))
            agreed += found
    assert agreed > 0  # the sample does end stretches in these words


def test_every_letter_to_python_is_a_letter_to_regex() -> None:
    """What `_WordAtEnd` counts on: its walk over letters (`str.isalpha`) never stops later
    than the pattern's `\\p{L}` would."""
    letter = regex.compile(r"\p{L}")
    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if c.isalpha() and not letter.match(c)]


LEXICON = rules.load("organizations").lexicon
WORDS = st.sampled_from([*LEXICON["name_words"], *LEXICON["name_fields"]])
PIECES = st.one_of(WORDS, WORDS.map(str.capitalize),
                   st.sampled_from([" ", "  ", ".", "-", "\n", "Sở", "ban", "Ư", "T.", "TP.", "2",
                                    "\u0301", "ß", "ʼ", "日", "Ω", "_"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
@example("Sở 2tỉnh")  # a digit is no letter to the pattern's lookbehind
def test_word_at_end_agrees_with_its_pattern_on_any_joining(text: str) -> None:
    test = orgnames._ends_in("name_words", "name_fields")
    for end in range(len(text) + 1):
        for start in range(max(0, end - 40), end + 1):
            assert test.found(text, start, end) == bool(test._pattern.search(text, start, end))


# The clause as first written: read sign by sign, a full stop only inside "T.Ư" or after "TP".
SIGN_BY_SIGN = regex.compile(r"(?:[^;.:!?()\[\]“”\"\n]|\.(?=\S)|(?<=(?<![\p{L}])T[Pp])\.){0,160}")
SIGNS = st.sampled_from(["TP. Hồ", "Tp.", "TTP. ", "T.Ư", " a. b", "x.y", ".", ";", "(", "“",
                         "\n", " ", "Sở Nội vụ", "ab" * 40])


@settings(max_examples=300, deadline=None)
@given(st.lists(SIGNS, max_size=12).map("".join))
def test_clause_end_is_where_reading_sign_by_sign_stops(text: str) -> None:
    for pos in range(len(text) + 1):
        assert orgnames.clause_end(text, pos) == SIGN_BY_SIGN.match(text, pos).end()


def test_clause_end_on_the_sample() -> None:
    for view in _views():
        for pos in range(len(view)):
            assert orgnames.clause_end(view, pos) == SIGN_BY_SIGN.match(view, pos).end()
