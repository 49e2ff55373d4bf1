"""Clean and structure: give every paragraph a role (title, lead, heading, boilerplate …).

Web pages repeat the lead under the photo and the caption twice, and end in menus; the
rules in `patterns/layout.toml` and the heuristics here keep facts out of that furniture.
"""

from __future__ import annotations

import difflib
from collections import Counter
from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.alternation import tree
from .document import Doc, Paragraph
from .text import fold_key

DUPLICATE_RATIO = 0.9
DUPLICATE_ENDS = 1_000  # characters of each end that difflib compares in a long paragraph
HEADING_MAX_WORDS = 20
BYLINE_MAX_WORDS = 5

_SENTENCE_PUNCT = regexcache.compile(r"[.!?…;:]\W*$")
# A paragraph opening with its day ("Sáng 2-11, …", "Ngày 3/11, …"): of two copies of the lead,
# the one that carries the date is kept.
_DATELINE = regexcache.compile(r"(?:\p{L}+[ ]+){0,2}\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?[ ]*,")
_SENTENCE_END = regexcache.compile(r"[.!?…][\"”’)]*[ ]*\p{Lu}")
_CAPITALISED_WORDS = regexcache.compile(r"^(?:\p{Lu}\p{Ll}*\.?\s*){1,5}$")


def _line_role(line: str) -> str | None:
    """The role that a rule or the boilerplate list gives one line on its own, if any."""
    patterns = rules.load("layout")
    if fold_key(line).rstrip(" :") in patterns.folded("boilerplate"):
        return "boilerplate"
    for rule in patterns.rules:
        if rule.pattern.search(line):
            return rule.kind
    return None


def _ends(key: str) -> str:
    """A long paragraph's first and last `DUPLICATE_ENDS` characters: difflib's time grows
    with the square of the length (two 32,000-character lines took 25 s)."""
    if len(key) <= 2 * DUPLICATE_ENDS:
        return key
    return key[:DUPLICATE_ENDS] + key[-DUPLICATE_ENDS:]


def _is_duplicate(a: str, b: str) -> bool:
    ka, kb = fold_key(a), fold_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 20 or abs(len(ka) - len(kb)) > 0.2 * max(len(ka), len(kb)):
        return False
    # The characters in common bound ratio() from above (difflib's quick_ratio), far cheaper.
    common = sum((Counter(ka) & Counter(kb)).values())
    if 2.0 * common / (len(ka) + len(kb)) < DUPLICATE_RATIO:
        return False
    matcher = difflib.SequenceMatcher(None, _ends(ka), _ends(kb), autojunk=False)
    return matcher.ratio() >= DUPLICATE_RATIO


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= HEADING_MAX_WORDS
        and line[:1].isupper()
        and not _SENTENCE_PUNCT.search(line)
        and not any(rule.pattern.match(line) for rule in rules.load("lists").rules)
    )


def _split_glued_related(doc: Doc) -> set[int]:
    """Split off a related-articles block glued to the end of a line ("… Thu Hằng  TIN LIÊN
    QUAN  headline headline"), its marker in capitals and no sentence after it (a block
    followed by the article's text stays: its headlines cannot be told from the text); the
    starts of those blocks."""
    starts: set[int] = set()
    paragraphs: list[Paragraph] = []
    for para in doc.paragraphs:
        marker = _glued_marker().search(doc.view, para.start + 1, para.end)
        if marker is None or _SENTENCE_END.search(doc.view, marker.end(), para.end):
            paragraphs.append(para)
            continue
        end = len(doc.view[para.start : marker.start()].rstrip()) + para.start
        paragraphs += [Paragraph(para.start, end), Paragraph(marker.start(), para.end)]
        starts.add(marker.start())
    doc.paragraphs = paragraphs
    return starts


@cache
def _glued_marker() -> regex.Pattern[str]:
    """A related-articles marker in capitals with two spaces or more either side."""
    markers = [m.upper() for m in rules.load("layout").lexicon["related_markers"]]
    return regexcache.compile(rf"(?<=\S[ ]{{2,}})(?:{tree(markers)})(?=[ ]{{2,}})")


def assign_roles(doc: Doc) -> None:
    """Set the role of every paragraph of `doc` in place."""
    related = rules.load("layout").folded("related_markers")
    glued = _split_glued_related(doc)
    in_related = False
    previous: Paragraph | None = None
    for para in doc.paragraphs:
        line = doc.view[para.start : para.end]
        if para.start in glued:
            para.role = "related"
            continue
        role = _line_role(line)
        if role is not None:
            para.role = role  # type: ignore[assignment]
            in_related = in_related or fold_key(line).rstrip(" :") in related
            continue
        if in_related and not _SENTENCE_PUNCT.search(line):
            para.role = "related"
            continue
        in_related = False
        if previous is not None and _is_duplicate(before := doc.view[previous.start : previous.end],
                                                  line):
            if not (_DATELINE.match(line) and not _DATELINE.match(before)):
                para.role = "duplicate"
                continue
            previous.role = "duplicate"  # the lead again, opening with its date ("Sáng 2-11, …")
        previous = para
    _assign_structure(doc)


def _assign_structure(doc: Doc) -> None:
    """Title is the first content line, lead the next; short unpunctuated lines are headings."""
    body = [p for p in doc.paragraphs if p.role == "body"]
    if not body:
        return
    body[0].role = "title"
    if len(body) > 1 and not _is_heading(doc.view[body[1].start : body[1].end]):
        body[1].role = "lead"
    for para in body[2:]:
        line = doc.view[para.start : para.end]
        if _is_heading(line):
            para.role = "heading"
    last = body[-1]
    line = doc.view[last.start : last.end]
    if len(body) > 2 and len(line.split()) <= BYLINE_MAX_WORDS and _CAPITALISED_WORDS.match(line):
        last.role = "byline"
