"""The article as the extractors see it: NFC text, its match view, and roled paragraphs.

Paragraphs are lines; cleaning never deletes text (spans must index the input), it gives
each paragraph a role, and extractors read only the roles they trust.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from ..engine import regexcache
from .text import match_view
from .tokens import word_spans

Role = Literal[
    "title", "lead", "heading", "body", "caption", "byline",
    "meta", "dateline", "boilerplate", "related", "duplicate",
]

# Roles whose text is the article itself (facts are extracted from these).
CONTENT_ROLES: frozenset[str] = frozenset({"title", "lead", "heading", "body", "caption"})

# Syllables either side of a position segmented to find its word: on the 1,546 corpus
# articles 8 gives the same words as whole sentences (4 changed 6 articles, 6 one).
WORD_REACH = 8
_LINE = regexcache.compile(r"[^\n]+")
_SPACES = regexcache.compile(r"\s*")
# Sentence end: . ! ? … (with closing quotes/brackets) then space and a capital, digit or quote.
_SENTENCE_END = regexcache.compile(
    r"""(?<!\b(?:TP|Tp|TS|ThS|PGS|GS|BS|Th|St|Mr|Dr|tr|Tr))"""
    r"""[.!?…]+["”’»)\]]*(?=\s+["“‘«(\[]?[\p{Lu}\d])"""
)


@dataclass
class Paragraph:
    start: int
    end: int
    role: Role = "body"


@dataclass
class Doc:
    """One article: `text` is the NFC input, `view` the same-length form rules match on."""

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    _sentences: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False)
    _words: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    @cached_property
    def view(self) -> str:
        return match_view(self.text)

    def content(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role in CONTENT_ROLES]

    def of_role(self, *roles: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role in roles]

    def sentences(self, paragraph: Paragraph) -> list[tuple[int, int]]:
        """Sentence spans of one paragraph, split on end punctuation before a capital."""
        cached = self._sentences.get(paragraph.start)
        if cached is not None:
            return cached
        spans, start = [], paragraph.start
        for match in _SENTENCE_END.finditer(self.view, paragraph.start, paragraph.end):
            spans.append((start, match.end()))
            start = _SPACES.match(self.view, match.end()).end()
        if start < paragraph.end:
            spans.append((start, paragraph.end))
        self._sentences[paragraph.start] = spans
        return spans


    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence of a paragraph that holds `pos` (an empty span between paragraphs)."""
        index = bisect_right([p.start for p in self.paragraphs], pos) - 1
        if index < 0 or pos > self.paragraphs[index].end:
            return (pos, pos)
        sentences = self.sentences(self.paragraphs[index])
        return sentences[max(0, bisect_right([s for s, _ in sentences], pos) - 1)]

    def word_around(self, pos: int) -> tuple[int, int] | None:
        """underthesea's word holding position `pos`, segmented in a window of WORD_REACH
        syllables either side inside its sentence (the model's features reach a few syllables,
        so a wider window segments the same, at a fraction of a whole sentence's cost)."""
        start, end = self.sentence_at(pos)
        lo = hi = pos
        for _ in range(WORD_REACH):
            space = self.view.rfind(" ", start, lo)
            lo = start if space < 0 else space
            space = self.view.find(" ", hi + 1, end)
            hi = end if space < 0 else space
        lo = lo if lo == start else lo + 1
        key = (lo, hi)
        if key not in self._words:
            self._words[key] = word_spans(self.view, lo, hi)
        return next(((s, e) for s, e in self._words[key] if s <= pos < e), None)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every non-blank line, stripped of surrounding white space, as a paragraph."""
    paragraphs = []
    for match in _LINE.finditer(text):
        line = match[0]
        stripped = line.strip(" \t\u00a0\u200b\ufeff\u3000")
        if not stripped.strip():
            continue
        start = match.start() + line.index(stripped)
        paragraphs.append(Paragraph(start, start + len(stripped)))
    return paragraphs
