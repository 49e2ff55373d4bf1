"""Lists: numbered enumerations, their items and the kind their intro gives them (§4)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

import regex

from ..engine import regexcache, rules
from ..output.models import Enumeration, ListItem, Mention
from ..segment.document import Doc, Paragraph

ITEM_ROLES = ("title", "lead", "body", "heading")
MAX_PARAGRAPH_GAP = 3  # paragraphs an item may run over before the next marker

_SENTENCE_END = regexcache.compile(r"[.!?]\W*$")
_AFTER_BREAK = regexcache.compile(r"(?<=[.:;!?][ ]+)")  # looks back from the marker only
_CLAUSE_BREAK = regexcache.compile(r"[,;]\s")
_TRAILING = regexcache.compile(r"(?:[\s;,]|\s(?:và|hoặc)\s*$)+$")
_SPAN_START, _SPAN_END = itemgetter(0), itemgetter(1)  # to bisect (start, end) sentences


@dataclass
class _Marker:
    style: str
    ordinal: int
    start: int
    marker_end: int
    body: int  # where the item's text begins
    para: int  # index into doc.paragraphs
    opens_paragraph: bool
    opener: bool = False  # "Trước hết": starts a list as its first item, but is no marker


@dataclass
class _List:
    markers: list[_Marker] = field(default_factory=list)


def _ordinal(m: regex.Match[str], style: str) -> int | None:
    tables = rules.load("lists").tables
    if style == "word":
        return int(tables["word_ordinals"][m["word"].lower()])
    if style == "ordinal":
        return 1 if m["first"] else int(tables["ordinal_words"][m["ord"].lower()])
    value = int(m["num"])
    return value if value > 0 else None


def _markers(doc: Doc) -> list[_Marker]:
    patterns = rules.load("lists")
    found: list[_Marker] = []
    for index, para in enumerate(doc.paragraphs):
        if para.role not in ITEM_ROLES:
            continue
        for rule in patterns.rules:
            for m in rule.pattern.finditer(doc.view, para.start, para.end):
                opens = m.start() == para.start
                if (rule.kind == "number" and not m["marker"].startswith("(") and not opens
                        and not _AFTER_BREAK.match(doc.view, m.start())):
                    continue  # "1." inside a paragraph only after ":" or a sentence's end
                ordinal = _ordinal(m, rule.kind)
                if ordinal is not None and m.end() < para.end:
                    found.append(_Marker(rule.kind, ordinal, m.start(), m.end("marker"), m.end(),
                                          index, opens, bool(m.groupdict().get("first"))))
    return sorted(found, key=lambda k: k.start)


def _group(markers: list[_Marker]) -> list[_List]:
    """Chain markers of one style that count up from 1 into lists of two items or more."""
    lists: list[_List] = []
    open_by_style: dict[str, _List] = {}
    for marker in markers:
        current = open_by_style.get(marker.style)
        if marker.opener and current is not None:
            continue  # "Trước hết" inside an item of an open list opens nothing
        if marker.ordinal == 1:
            open_by_style[marker.style] = _List([marker])
            lists.append(open_by_style[marker.style])
        elif current is not None:
            last = current.markers[-1]
            same_layout = marker.opens_paragraph == last.opens_paragraph or (
                marker.para == last.para
            )
            near = marker.para - last.para <= MAX_PARAGRAPH_GAP
            if marker.ordinal == last.ordinal + 1 and same_layout and near:
                current.markers.append(marker)
            else:
                open_by_style.pop(marker.style)
    return [lst for lst in lists if len(lst.markers) >= 2]


def _item_end(doc: Doc, lst: _List, i: int) -> int:
    marker = lst.markers[i]
    para = doc.paragraphs[marker.para]
    if i + 1 < len(lst.markers) and lst.markers[i + 1].para == marker.para:
        return lst.markers[i + 1].start
    inline = i > 0 and lst.markers[i - 1].para == marker.para
    if inline and i + 1 == len(lst.markers):
        return _last_inline_end(doc, lst, para)
    return para.end


def _last_inline_end(doc: Doc, lst: _List, para: Paragraph) -> int:
    """The last item of a list inside one paragraph: its first sentence, and as many more as
    the earlier items had room for when they ran over several sentences themselves.
    Sentences are found by bisection, so a paragraph of many lists is not rescanned per list."""
    last = lst.markers[-1]
    earlier = [(m.body, n.start) for m, n in zip(lst.markers, lst.markers[1:], strict=False)]
    sentences = doc.sentences(para)
    first = bisect_right(sentences, last.body, key=_SPAN_END)  # the first ending after the body
    multi = any(_holds_sentence(sentences, a, b) for a, b in earlier)
    room = max(b - a for a, b in earlier)
    end = sentences[first][1]
    for index in range(first + 1, len(sentences)) if multi else ():
        start, stop = sentences[index]
        sentence = doc.view[start:stop]
        if (stop - last.body > room or not _SENTENCE_END.search(sentence)
                or sentence[:1] == "…" or _closer().match(sentence)):
            break
        end = stop
    return end


def _holds_sentence(sentences: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a whole sentence lies after `start` and ends by `end` (sentences are in order,
    so the first one starting after `start` is the one to look at)."""
    index = bisect_right(sentences, start, key=_SPAN_START)
    return index < len(sentences) and sentences[index][1] <= end


def _intro(doc: Doc, first: _Marker) -> tuple[int, int] | None:
    """The words before the first marker in its sentence, else the sentence before it."""
    para = doc.paragraphs[first.para]
    if not first.opens_paragraph:
        sentences = doc.sentences(para)
        index = bisect_right(sentences, first.start, key=_SPAN_START) - 1
        if index >= 0 and first.start < sentences[index][1]:
            start = sentences[index][0]
            if doc.view[start : first.start].strip():
                return (start, first.start)
            return sentences[index - 1] if index > 0 else None
    for index in range(first.para - 1, -1, -1):
        earlier = doc.paragraphs[index]
        if earlier.role in ("title", "lead", "heading", "body"):
            return doc.sentences(earlier)[-1]
    return None


def classify(intro: str) -> str:
    """The list kind an intro announces: its last clause decides, else its whole text."""
    last_clause = _CLAUSE_BREAK.split(intro)[-1]
    kind = _kind_of(last_clause)
    return kind if kind != "other" else _kind_of(intro)


@cache
def _closer() -> regex.Pattern[str]:
    """A sentence that opens one more, unnumbered point ("Cuối cùng, …"): not the last item's."""
    words = rules.load("lists").alternation("closers", fold=True)
    return regexcache.compile(rf"(?:{words})(?![\p{{L}}])", regex.IGNORECASE)


@cache
def _keyword_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """(any kind keyword, any weak task word outside a remark, an intro that announces a list)."""
    patterns = rules.load("lists")
    return (
        regexcache.compile(rf"(?<![\p{{L}}])(?:{patterns.alternation('kind_keywords')})(?![\p{{L}}])"),
        regexcache.compile(rf"(?<![\p{{L}}])(?!(?:{patterns.alternation('not_weak')})(?![\p{{L}}]))"
                      rf"(?:{patterns.alternation('weak_keywords')})(?![\p{{L}}])"),
        regexcache.compile(rf"(?::|(?<![\p{{L}}])(?:{patterns.alternation('announcers')}))"
                      r"\s*[:.]?\s*$"),
    )


def _kind_of(intro: str) -> str:
    """The kind of the keyword written last; weak task words only when a list is announced."""
    tables = rules.load("lists").tables
    keyword, weak, announced = _keyword_patterns()
    text = intro.lower()
    last = max(keyword.finditer(text, overlapped=True), key=lambda m: m.end(), default=None)
    kind = tables["kind_keywords"][" ".join(last[0].split())] if last is not None else None
    if last is not None and kind == "topics":  # "nhiệm vụ về các vấn đề sau": its clause's
        clause = _CLAUSE_BREAK.split(text[: last.start()])[-1]
        earlier = [tables["kind_keywords"][" ".join(m[0].split())]
                   for m in keyword.finditer(clause, overlapped=True)]
        kind = next((k for k in reversed(earlier) if k != "topics"), kind)
    if kind not in (None, "topics"):
        return kind
    if announced.search(text) and (task := weak.search(text)):
        return tables["weak_keywords"][" ".join(task[0].split())]
    return "other"


@cache
def _asking() -> regex.Pattern[str]:
    """An item that opens by saying what must be done, in lower case ("cần làm rõ …", "phải
    bổ sung …"); not "Cần Thơ", not a remark ("phải chăng", see `not_weak`)."""
    patterns = rules.load("lists")
    return regexcache.compile(
        rf"(?!(?:{patterns.alternation('not_weak')})(?![\p{{L}}]))"
        rf"(?:{patterns.alternation('item_task_words')})[ ]+\p{{Ll}}")


def extract(doc: Doc) -> list[Enumeration]:
    """Every enumeration of two or more items, with its intro and kind."""
    out: list[Enumeration] = []
    for lst in _group(_markers(doc)):
        items = []
        for i, marker in enumerate(lst.markers):
            if marker.opener:
                continue  # the guidelines' markers are "Một là", "Thứ nhất", "1.", "(1)"
            end = _item_end(doc, lst, i)
            text = doc.text[marker.body : end]
            end = marker.body + len(_TRAILING.sub("", text))
            if end <= marker.body:
                break  # an empty item ends the list: what follows is not an enumeration
            items.append(ListItem(text=doc.text[marker.body : end], span=(marker.body, end),
                                  ordinal=marker.ordinal,
                                  marker=doc.text[marker.start : marker.marker_end]))
        if len(items) < 2:
            continue
        intro_span = _intro(doc, lst.markers[0])
        intro = None
        if intro_span:
            s, e = intro_span
            raw = doc.text[s:e]
            e = s + len(raw.rstrip())
            intro = Mention(text=doc.text[s:e], span=(s, e))
        kind = classify(doc.view[intro.span[0] : intro.span[1]]) if intro else "other"
        if kind == "other" and all(_asking().match(doc.view, item.span[0]) for item in items):
            kind = "tasks"  # every item says what must be done: "1. cần …", "2. phải …"
        out.append(Enumeration(kind=kind, intro=intro, items=items))  # type: ignore[arg-type]
    return out
