"""What a number counts, and when a number is not a count at all (GUIDELINES.md §3).

The counted noun is a lexicon compound when one is written ("tổ chức đảng"), else the first
word of underthesea's segmentation. Context decides the rest: a number after an ordinal
word or inside a name ("lần thứ 8", "Quân khu 7", "Pleiku 2") counts nothing.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import regex

from ..engine import regexcache, rules
from ..segment.document import Doc
from ..segment.text import fold_key
from ..segment.tokens import word_spans

# The counted noun is looked for up to the next punctuation, within a few words.
_UNIT_WINDOW = regexcache.compile(r"[^,;.:!?()\[\]\"“”\n]{1,60}")
# Syllables segmented after a number to find its first word: on the 1,546 corpus articles six
# segment that word as the whole window does (four changed one).
_UNIT_SYLLABLES = regexcache.compile(r"[ ]*\S+(?:[ ]+\S+){0,5}")
_WORDS_BEFORE = regexcache.compile(r"(\p{L}+)(?:\s+(\p{L}+))?\s*$")
# Numbers listed before this one: "Điều 57, 58" and "khoản 1 và 2" share the word before
# (not a year: "năm 2016 và 10 điều" lists two things). A list goes up by small steps.
_LISTED_BEFORE = regexcache.compile(r"(?<![\d.,])\d{1,3}(?:\s*,\s*\d{1,3}){0,8}\s*(?:,|và)\s*$")
_NUMBER = regexcache.compile(r"\d+")
_TOKEN = regexcache.compile(r"\S+")
LIST_REACH = 60  # characters before a number searched for the list it goes on
LIST_STEP = 10  # most a listed number may exceed the one before it
_SENTENCE_PUNCT = '.!?:;…"“(\n-'
_ABBREVIATION = regexcache.compile(r"\p{Lu}{2,5}")
_SUPERSCRIPT = regexcache.compile(r"\s?([23])(?![\d\p{L}])")
_LEGAL_REFERENCE = regexcache.compile(r"\s+(?:\d|[IVXLC]+(?![\p{L}]))")
SLOGAN_REACH = 15  # a number this close to both quotes of a short quotation names a slogan
_OPEN_QUOTE = regexcache.compile(r"[“\"][^“”\"]*$")
_CLOSE_QUOTE = regexcache.compile(r"^[^“”\"]*[”\"]")


@cache
def _compound() -> regex.Pattern[str]:
    """A counted noun of several syllables from the lexicon ("tổ chức đảng")."""
    words = rules.load("counts").alternation("unit_compounds", fold=True)
    return regexcache.compile(rf"(?:{words})(?![\p{{L}}])", regex.I)


def unit_after(doc: Doc, pos: int) -> tuple[str, int] | None:
    """(unit, end) of the counted noun starting at `pos`, or None when none is written."""
    window = _UNIT_WINDOW.match(doc.view, pos)
    if not window:
        return None
    start = pos + len(window[0]) - len(window[0].lstrip())
    if start >= len(doc.view) or not doc.view[start].isalpha():
        return None  # no word follows: nothing to segment
    compound = _compound().match(doc.view, start, window.end())
    if compound:
        end = compound.end()
    elif _opens_with_time_unit(doc, start):
        return None  # "30 năm …": whatever word the tokenizer reads, a duration (`_acceptable`)
    else:
        syllables = _UNIT_SYLLABLES.match(doc.view, start, window.end())
        spans = word_spans(doc.view, start, syllables.end())
        if not spans or spans[0][0] != start:
            return None
        end = spans[0][1]
    if (dash := doc.view.find("-", start, end)) > start and doc.view[dash + 1 : dash + 2].isdigit():
        end = dash  # "0,3m-0,7m": the unit ends at the dash of a range
    unit = doc.text[start:end]
    if unit == "m" and (square := _SUPERSCRIPT.match(doc.view, end)):  # "13.000m 2" is m2
        unit, end = unit + square[1], square.end()
    return (unit.lower(), end) if _acceptable(doc, unit, end) else None


def _opens_with_time_unit(doc: Doc, start: int) -> bool:
    """Whether the syllable at `start` is a time unit: the word read there would open with it."""
    syllable = _TOKEN.match(doc.text, start)
    return syllable is not None and syllable[0].lower() in rules.load("counts").words("time_units")


def _acceptable(doc: Doc, unit: str, end: int) -> bool:
    """Whether a word read after a number can be what the number counts."""
    patterns = rules.load("counts")
    key = " ".join(unit.lower().split())
    first, last = (key.split()[0], key.split()[-1]) if key else ("", "")
    if not unit[:1].isalpha() or (len(unit) == 1 and key not in patterns.words("one_letter_units")):
        return False
    if unit[:1].isupper() and not _capitalised_unit(unit):
        return False
    time_units = patterns.words("time_units")
    if key in patterns.words("not_units") or first in time_units or last in time_units:
        return False  # a duration ("30 năm"), or a rate ("20 tỷ hàng năm")
    if key in patterns.words("legal_units") and _LEGAL_REFERENCE.match(doc.view, end):
        return False  # "3 khoản 2 Điều 5": a reference, not a count of clauses
    return not (key in patterns.words("currencies") and doc.view.startswith("/", end))


def _capitalised_unit(unit: str) -> bool:
    """An abbreviation ("DN", "CCN") or a title or body written with a capital ("Sở")."""
    patterns = rules.load("counts")
    if unit in patterns.words("currencies") or _ABBREVIATION.fullmatch(unit):
        return True
    known = patterns.words("capitalised_units")
    return unit.lower() in known or unit.split()[0].lower() in known


def counts_nothing(doc: Doc, start: int) -> bool:
    """A number at `start` that is an ordinal or part of a name ("lần thứ 8", "Pleiku 2"), or
    that goes on a list of such numbers ("Điều 57, 58")."""
    first = _list_start(doc.view, start)
    return (first is not None and _named_number(doc, first)) or _named_number(doc, start)


def _list_start(view: str, start: int) -> int | None:
    """Where the list of numbers that the number at `start` goes on begins: each one a little
    more than the one before ("tháng 4, 5", "Điều 57 và 58"; not "Trong tháng 9, 120 hộ")."""
    listed = _LISTED_BEFORE.search(view, max(0, start - LIST_REACH), start)
    number = _NUMBER.match(view, start)
    if listed is None or number is None:
        return None
    values = [int(n) for n in _NUMBER.findall(listed[0])] + [int(number[0])]
    rising = all(a < b <= a + LIST_STEP for a, b in pairwise(values))
    return listed.start() if rising else None


def _named_number(doc: Doc, start: int) -> bool:
    """A number at `start` right after an ordinal word or inside a name."""
    patterns = rules.load("counts")
    before = _WORDS_BEFORE.search(doc.view, max(0, start - 40), start)
    if not before:
        return False
    last = before[2] or before[1]
    pair = f"{before[1]} {before[2]}".lower() if before[2] else ""
    not_after = patterns.words("not_after")
    if pair in not_after:
        return True
    if pair in patterns.words("not_after_exempt"):
        return False
    last_start = before.start(2) if before[2] else before.start(1)
    if last[:1].isupper() and not _starts_sentence(doc.view, last_start):
        word = last.lower()
        countries = rules.load("people").folded("countries")
        return not (word in patterns.words("capitalised_common") or word in patterns.words(
            "qualifiers") or fold_key(last) in countries or fold_key(pair) in countries
            or (word in patterns.words("not_units") and word not in not_after))  # "Mau Có 39"
    if last.lower() in not_after:
        return _whole_word_before(doc, start).lower() in not_after
    return False


def _starts_sentence(view: str, pos: int) -> bool:
    """Whether the word at `pos` opens a sentence or an item; not the second half of a
    hyphenated name ("Al-Fatah 3")."""
    if view[pos - 1 : pos] == "-" and view[pos - 2 : pos - 1].isalpha():
        return False
    head = view[max(0, pos - 10) : pos].rstrip(" ")
    return not head or head[-1] in _SENTENCE_PUNCT


def _whole_word_before(doc: Doc, start: int) -> str:
    """The word that ends just before `start`, as underthesea segments it ("cung cấp")."""
    window_start = max(0, start - 25)
    spans = word_spans(doc.view, window_start, start)
    if not spans:
        return ""
    s, e = spans[-1]
    return " ".join(doc.view[s:e].split())


def in_slogan(doc: Doc, start: int, end: int) -> bool:
    """Inside a short quotation: a named slogan or movement ("4 an", "5 xây, 3 chống")."""
    before = doc.view[max(0, start - SLOGAN_REACH) : start]
    after = doc.view[end : end + SLOGAN_REACH]
    return bool(_OPEN_QUOTE.search(before) and _CLOSE_QUOTE.search(after))
