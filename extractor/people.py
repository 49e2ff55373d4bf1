"""People: Vietnamese names written with a title or an honorific, one entry per person.

underthesea's NER misses most names and titles in party news (see UNDERTHESEA.md), so a name
is read from the family-name lexicon and confirmed by its context instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from . import rules
from .document import Doc
from .matching import find, select
from .models import Mention, Person
from .text import fold_key

CONTEXT = 160  # characters around a name searched for its titles


@dataclass
class _Entry:
    name: str
    titles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@cache
def _patterns() -> tuple[regex.Pattern[str], ...]:
    """(title before a name, title after it, honorific, place word, admin word before it)."""
    p = rules.load("people")
    chain = (rf"(?:{p.alternation('titles')})(?![\p{{L}}])"
             rf"(?:(?:\s+|\s*,\s*)(?:(?:{p.alternation('titles')})(?![\p{{L}}])"
             rf"|\p{{Lu}}\p{{L}}*(?:\.\p{{Lu}}\p{{L}}*)*"
             rf"|(?:{p.alternation('org_lower')})(?![\p{{L}}])))*")
    return (
        regex.compile(rf"(?<![\p{{L}}])(?P<title>{chain})\s+$"),
        regex.compile(rf"\s*,\s*(?P<title>{chain})"),
        regex.compile(rf"(?<![\p{{L}}])(?:{p.alternation('honorifics')})\s+$"),
        regex.compile(rf"(?<![\p{{L}}])(?:{p.alternation('place_words')})\s+$"),
        regex.compile(rf"(?<![\p{{L}}])(?:{p.alternation('admin_words')})\s+$"),
    )


def _is_place(name: str) -> bool:
    """"Hà Giang", "Cao Bằng": provinces that start like a family name."""
    words, places = fold_key(name).split(), rules.load("people").folded("not_people")
    return any(" ".join(words[:n]) in places for n in range(2, len(words) + 1))


def _titles(doc: Doc, start: int, end: int) -> list[str] | None:
    """Titles written around the name at [start, end), or None if it is not a person."""
    before_title, after_title, honorific, place, admin = _patterns()
    window = doc.view[max(0, start - CONTEXT) : start]
    if place.search(window) or _is_place(doc.view[start:end]):
        return None
    if len(doc.view[start:end].split()) == 2 and admin.search(window):
        return None  # "huyện Châu Thành": a two-syllable name after an admin word is a place
    found = []
    if before := before_title.search(window):
        s = start - len(window) + before.start("title")
        title_start = _after_last_name(doc, s, start)
        if title_start < start:
            found.append(doc.text[title_start:start].strip(" ,"))
    if after := after_title.match(doc.view, end, min(len(doc.view), end + CONTEXT)):
        title_end = _before_first_name(doc, after.start("title"), after.end("title"))
        if title_end == after.end("title"):  # else the title belongs to the next name
            found.append(doc.text[after.start("title") : title_end].rstrip(" ,"))
    found = [t for t in found if t]
    if found or honorific.search(window):
        return found
    return None


def name_pattern() -> regex.Pattern[str]:
    """The pattern of a person's name (also what ends an organization's name)."""
    return next(r for r in rules.load("people").rules if r.kind == "name").pattern


def _names(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span("name") for m in name_pattern().finditer(doc.view, start, end)]


def _after_last_name(doc: Doc, start: int, end: int) -> int:
    """A title before a name starts after any other name written inside it."""
    names = _names(doc, start, end)
    return names[-1][1] if names else start


def _before_first_name(doc: Doc, start: int, end: int) -> int:
    """A title after a name stops where the next person's name begins."""
    names = _names(doc, start, end)
    return names[0][0] if names else end


def extract(doc: Doc) -> list[Person]:
    """Every person named with a title or honorific, in order of first mention."""
    entries: dict[str, _Entry] = {}
    for hit in select(find(doc, rules.load("people"), doc.content())):
        start, end = hit.match.span("name")
        titles = _titles(doc, start, end)
        key = fold_key(doc.text[start:end])
        if titles is None and key not in entries:
            continue
        entry = entries.setdefault(key, _Entry(doc.text[start:end]))
        entry.mentions.append((start, end))
        entry.titles.extend(t for t in titles or [] if t not in entry.titles)
    return [Person(name=e.name, titles=e.titles,
                   mentions=[Mention(text=doc.text[s:t], span=(s, t)) for s, t in e.mentions])
            for e in entries.values()]
