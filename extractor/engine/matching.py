"""Run the rules of one family over paragraphs and keep the best non-overlapping matches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from ..output.models import Span
from ..segment.document import Doc, Paragraph
from .rules import PatternFile, Rule


@dataclass(frozen=True)
class Hit:
    rule: Rule
    match: regex.Match[str]
    lead_start: int | None = None  # where the rule's lead words start, when it has some

    @property
    def start(self) -> int:
        return self.match.start() if self.lead_start is None else self.lead_start

    @property
    def end(self) -> int:
        return self.match.end()


LEAD_REACH = 40  # characters before a match searched for its lead words (a longer lead is lost)


def find(doc: Doc, patterns: PatternFile, paragraphs: Iterable[Paragraph]) -> Iterator[Hit]:
    """Every match of every rule inside each paragraph (offsets into the whole text)."""
    for para in paragraphs:
        for rule in patterns.rules:
            if rule.needs is not None and not rule.needs.search(doc.view, para.start, para.end):
                continue
            if rule.lead is not None:
                yield from _led(doc.view, rule, rule.lead, para)
                continue
            for match in rule.pattern.finditer(doc.view, para.start, para.end):
                if match.end() > match.start():
                    yield Hit(rule, match)


def _led(view: str, rule: Rule, lead_words: regex.Pattern[str],
         para: Paragraph) -> Iterator[Hit]:
    """The matches of a rule with lead words: what `(?:lead)?regex` (or `(?:lead)regex`)
    would match, found from `regex` alone and then the leftmost lead ending where it starts.
    A lead with groups is matched again with `regex` as one (`rule.whole`), for its groups."""
    pos = para.start
    while (match := rule.pattern.search(view, pos, para.end)) is not None:
        window = max(pos, match.start() - LEAD_REACH)
        leads = lead_words if window < match.start() else rule.lead_here or lead_words
        lead = leads.search(view, window, match.start())
        if lead is None and rule.lead_required:
            pos = match.start() + 1
            continue
        start = match.start() if lead is None else lead.start()
        if rule.whole is not None:
            whole = rule.whole.match(view, start, para.end)
            assert whole is not None, (rule.id, start)  # the lead and `regex` matched there
            match = whole
        if match.end() > start:
            yield Hit(rule, match, None if rule.whole else start)
        pos = max(match.end(), match.start() + 1)


class Taken:
    """Claimed character positions: an overlap test costs the span's length, not the number
    of spans taken, so selection stays linear in the article's length."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self._cells: set[int] = set()
        self._points: set[int] = set()  # empty spans block what strictly contains them
        for span in spans:
            self.add(span)

    def add(self, span: Span) -> None:
        start, end = span
        if start < end:
            self._cells.update(range(start, end))
        else:
            self._points.add(start)

    def overlaps(self, span: Span) -> bool:
        """Whether a non-empty `span` shares a position with a span taken before."""
        start, end = span
        return any(i in self._cells for i in range(start, end)) or any(
            i in self._points for i in range(start + 1, end))


def select(hits: Iterable[Hit], blocked: Iterable[Span] = ()) -> list[Hit]:
    """Longest first, then higher priority, then earlier; drop overlaps; return in text order.

    Hits are non-empty (`find` drops empty matches)."""
    taken = Taken(blocked)
    chosen: list[Hit] = []
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), -h.rule.priority, h.start))
    for hit in ranked:
        if not taken.overlaps((hit.start, hit.end)):
            taken.add((hit.start, hit.end))
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def select_spans(spans: Iterable[Span]) -> list[Span]:
    """Longest first, then earlier; drop overlaps; return in text order."""
    taken = Taken(())
    chosen = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not taken.overlaps(span):
            taken.add(span)
            chosen.append(span)
    return sorted(chosen)
