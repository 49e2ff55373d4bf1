"""The facts of an Article as a view of its text: paragraphs of non-overlapping segments.

Both renderers (terminal.py, html.py) draw this one view, so how overlapping mentions are
shown is decided once, here:

- a mention inside another is absorbed by the outer one and listed with it (the date of
  "Nghị định 100/2019/NĐ-CP" belongs to the document; "UBND" in "25/KH-UBND" too);
  on the very same span the kind that comes first in KINDS wins;
- mentions that cross keep their order in KINDS (documents before dates, dates before
  counts): the first is drawn whole, the other only where it is not covered;
- title, lead and headings are paragraph roles, and list intros and items are parts of
  paragraphs (several items often share one), never inline marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

from ..output.models import Article

Kind = Literal["document", "date", "person", "organization", "count", "campaign"]
KINDS: tuple[Kind, ...] = ("document", "date", "person", "organization", "count", "campaign")
# One palette for the terminal and the page: light fills that keep black text readable.
COLOURS: dict[Kind, str] = {
    "document": "#ffb3a7",
    "date": "#a8d8ff",
    "person": "#ffd98e",
    "organization": "#b9e8a5",
    "count": "#e2c6ff",
    "campaign": "#ffc2e2",
}
Role = Literal["title", "lead", "heading", "body"]
MARKER_GAP = 3  # characters between a list marker and its item's text: "Một là, " or "1. "


@dataclass(frozen=True)
class Mark:
    """One mention of a fact, with the value to show beside it."""

    kind: Kind
    start: int
    end: int
    text: str
    value: str
    inner: tuple[Mark, ...] = ()  # mentions inside this one, drawn as part of it


@dataclass(frozen=True)
class Part:
    """A list intro or item: a stretch of a paragraph with a label (tasks 2)."""

    kind: Literal["intro", "item"]
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Segment:
    """A run of text with at most one mark, inside at most one part."""

    start: int
    end: int
    text: str
    mark: Mark | None = None
    part: Part | None = None
    opens: bool = False  # the first segment of its part: where its label goes


@dataclass(frozen=True)
class Paragraph:
    role: Role
    segments: tuple[Segment, ...]
    notes: tuple[Mark, ...]  # the facts first drawn in it, one per kind and value


@dataclass(frozen=True)
class View:
    paragraphs: tuple[Paragraph, ...]
    drawn: dict[Kind, int]  # marks drawn per kind, in KINDS order: the legend


def build(text: str, article: Article) -> View:
    """The view of `text`, the NFC text the article's spans index into."""
    placed = place(marks(text, article))
    parts = list_parts(text, article)
    roles = paragraph_roles(article)
    paragraphs = []
    for start, end in lines(text):
        segments = tuple(cut(text, start, end, placed, parts))
        paragraphs.append(Paragraph(roles.get(start, "body"), segments, notes(segments)))
    drawn = {kind: 0 for kind in KINDS}
    for mark in {s.mark for p in paragraphs for s in p.segments if s.mark is not None}:
        drawn[mark.kind] += 1
    return View(tuple(paragraphs), {k: n for k, n in drawn.items() if n})


def marks(text: str, article: Article) -> list[Mark]:
    """Every inline mention of the article with its side value."""
    found: list[Mark] = []

    def add(kind: Kind, span: tuple[int, int], value: str) -> None:
        found.append(Mark(kind, span[0], span[1], text[span[0]:span[1]], value))

    for doc in article.documents:
        value = " · ".join(v for v in (f"{doc.type} {doc.code}", doc.issuer, doc.date) if v)
        for mention in doc.mentions:
            add("document", mention.span, value)
    for date in article.dates:
        add("date", date.span, date.value)
    for person in article.people:
        value = " — ".join([person.name, "; ".join(person.titles)]) if person.titles \
            else person.name
        for mention in person.mentions:
            add("person", mention.span, value)
    for org in article.organizations:
        for mention in org.mentions:
            name = "" if org.canonical == mention.text else f"{org.canonical} "
            add("organization", mention.span, f"{name}({org.kind}, {org.level})")
    for count in article.counts:
        number = _number(count.value) + (f"–{_number(count.max)}" if count.max is not None
                                         else "")
        qualifier = f" ({count.qualifier})" if count.qualifier else ""
        add("count", count.span, f"{number} {count.unit}{qualifier}")
    for campaign in article.campaigns:
        add("campaign", campaign.span, campaign.kind)  # its name is the text, quoted
    return found


def _number(value: float) -> str:
    """Digits only (2396, 1.5): written Vietnamese uses the dot and comma the other way."""
    return str(int(value)) if value.is_integer() else str(value)


def place(found: Iterable[Mark]) -> list[tuple[Mark, int, int]]:
    """The pieces drawn: (mark, start, end), in text order, never overlapping.

    A mark inside another (on the same span: a later kind in KINDS) goes into the outer
    one's `inner`; of two that cross, the one earlier in KINDS keeps its whole span, and a
    mark left with nothing to draw goes into the `inner` of the one that covers its start.
    """
    rank = {kind: i for i, kind in enumerate(KINDS)}
    outer: list[Mark] = []
    inner: list[list[Mark]] = []
    for mark in sorted(found, key=lambda m: (m.start, -m.end, rank[m.kind])):
        host = next((i for i, o in enumerate(outer)
                     if o.start <= mark.start and mark.end <= o.end), None)
        if host is None:
            outer.append(mark)
            inner.append([])
        else:
            inner[host].append(mark)
    owner: dict[int, int] = {}  # character -> index in `outer` of the mark drawn there
    for i in sorted(range(len(outer)), key=lambda i: (rank[outer[i].kind], outer[i].start)):
        for c in range(outer[i].start, outer[i].end):
            owner.setdefault(c, i)
    spans: list[list[tuple[int, int]]] = []
    for i, mark in enumerate(outer):
        kept = [_trim(mark, s, e) for s, e in
                _runs([c for c in range(mark.start, mark.end) if owner[c] == i])]
        spans.append([(s, e) for s, e in kept if s < e])
        if not spans[i]:
            inner[owner[mark.start]] += [mark, *inner[i]]
    final = [replace(o, inner=tuple(inner[i])) for i, o in enumerate(outer)]
    return sorted(((final[i], s, e) for i in range(len(outer)) for s, e in spans[i]),
                  key=lambda piece: piece[1])


def _trim(mark: Mark, start: int, end: int) -> tuple[int, int]:
    """A piece cut out of a mark keeps no blank at its edges."""
    piece = mark.text[start - mark.start:end - mark.start]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def _runs(positions: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive positions as half-open spans."""
    start = prev = None
    for i in positions:
        if start is None:
            start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            yield start, prev + 1
            start = prev = i
    if start is not None:
        yield start, prev + 1


def list_parts(text: str, article: Article) -> list[Part]:
    """List intros and items, labelled with the list's kind and ordinal; an item begins at
    its marker (Một là, 2.) when the marker is written just before its text."""
    parts = []
    for enum in article.lists:
        if enum.intro is not None:
            parts.append(Part("intro", *enum.intro.span, f"{enum.kind}: intro"))
        for item in enum.items:
            start, end = item.span
            near = max(0, start - len(item.marker) - MARKER_GAP)
            at = text.rfind(item.marker, near, start)
            parts.append(Part("item", start if at < 0 else at, end,
                              f"{enum.kind} {item.ordinal}"))
    return sorted(parts, key=lambda p: p.start)


def paragraph_roles(article: Article) -> dict[int, Role]:
    """Title, lead and headings by the start of their paragraph."""
    roles: dict[int, Role] = {m.span[0]: "heading" for m in article.headings}
    if article.lead is not None:
        roles[article.lead.span[0]] = "lead"
    if article.title is not None:
        roles[article.title.span[0]] = "title"
    return roles


def lines(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the text's non-blank lines, as paragraphs."""
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, start + len(line)
        start += len(line) + 1


def cut(text: str, start: int, end: int, pieces: list[tuple[Mark, int, int]],
        parts: list[Part]) -> Iterator[Segment]:
    """The segments of one paragraph: cut wherever a mark or a part begins or ends."""
    bounds = {start, end}
    for _, s, e in pieces:
        bounds.update(b for b in (s, e) if start < b < end)
    for part in parts:
        bounds.update(b for b in (part.start, part.end) if start < b < end)
    opened: set[Part] = set()
    edges = sorted(bounds)
    for s, e in pairwise(edges):
        mark = next((m for m, ms, me in pieces if ms <= s and e <= me), None)
        part = next((p for p in parts if p.start <= s and e <= p.end), None)
        opens = part is not None and part not in opened
        if part is not None:
            opened.add(part)
        yield Segment(s, e, text[s:e], mark, part, opens)


def notes(segments: Iterable[Segment]) -> tuple[Mark, ...]:
    """The marks of a paragraph, one per kind and value, in the order they are drawn."""
    seen: dict[tuple[Kind, str], Mark] = {}
    for segment in segments:
        if segment.mark is not None:
            seen.setdefault((segment.mark.kind, segment.mark.value), segment.mark)
    return tuple(seen.values())
