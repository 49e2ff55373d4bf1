"""Organizations: Party, state and mass bodies, one entry per distinct name.

The pattern finds a head ("Ủy ban", "Tỉnh ủy"); underthesea's word boundaries then decide
where the name ends, because Vietnamese capitalises only the first syllable of a compound
("Ban Chỉ đạo" is a name, "Tỉnh ủy Tây Ninh chỉ đạo" is a name and a verb).
"""

from __future__ import annotations

from functools import cache

import regex

from . import rules
from .document import Doc
from .matching import find, select_spans
from .models import Mention, Organization, Span
from .people import name_pattern
from .text import fold_key
from .tokens import word_spans

_CLAUSE = regex.compile(r"(?:[^,;.:!?()\[\]“”\"\n]|\.(?=\S)){0,100}")  # "T.Ư" stays


@cache
def _continuations() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(a word that may go on a name after its head, what may follow a joining "và")."""
    lexicon = rules.load("organizations")
    inner, heads = lexicon.alternation("inner_words"), lexicon.alternation("heads")
    titles = rules.load("people").alternation("titles")
    return (
        regex.compile(rf"[ ]+(?:\p{{Lu}}|(?:{inner})(?![\p{{L}}]))"),
        # "Bộ Giáo dục và Đào tạo" is one name; "Sở Tư pháp và Công an tỉnh" is two, and
        # "Bộ Quốc phòng và Ủy viên …" goes on with a title
        regex.compile(rf"[ ]+(?!(?:{heads}|{titles})(?![\p{{L}}]))\p{{Lu}}"),
    )


def _name_end(doc: Doc, head: str, head_end: int) -> int | None:
    """Where a name that opens with `head` ends, or None when the head alone names nothing."""
    limit = _CLAUSE.match(doc.view, head_end).end()
    person = name_pattern().search(doc.view, head_end, limit)
    limit = person.start() if person else limit  # "Chủ tịch Quốc hội Nguyễn Thị Kim Ngân"
    lexicon = rules.load("organizations")
    goes_on, joins = _continuations()
    if not goes_on.match(doc.view, head_end, limit):  # no tokenizer call needed
        return None if fold_key(head) in lexicon.folded("needs_name") else head_end
    end, named = head_end, False
    for start, stop in word_spans(doc.view, head_end, limit):
        word = doc.view[start:stop]
        if word in ".&-" and start == end and doc.view[stop : stop + 1].isupper():
            continue  # "T.Ư", "KH&CN", "VH-TT": one abbreviation split by the tokenizer
        inner = fold_key(word) in lexicon.folded("inner_words") or (
            fold_key(word) in lexicon.folded("name_joiners") and joins.match(doc.view, stop))
        stop_word = fold_key(word) in lexicon.folded("stop_words")
        if stop_word or not (word[:1].isupper() or inner):
            break
        end, named = stop, named or word[:1].isupper() or inner
    return None if fold_key(head) in lexicon.folded("needs_name") and not named else end


def extract(doc: Doc) -> list[Organization]:
    """Every organization named in the content paragraphs, in order of first mention."""
    candidates: list[Span] = []
    for hit in find(doc, rules.load("organizations"), doc.content()):
        end = _name_end(doc, hit.match["head"], hit.match.end("head"))
        if end is not None:
            candidates.append((hit.start, end))
    entries: dict[str, tuple[str, list[Span]]] = {}
    for start, end in select_spans(candidates):
        name = " ".join(doc.text[start:end].split())
        entries.setdefault(fold_key(name), (name, []))[1].append((start, end))
    return [Organization(name=name, mentions=[Mention(text=doc.text[s:e], span=(s, e))
                                              for s, e in spans])
            for name, spans in entries.values()]
