"""Organizations: named bodies, one entry per distinct written name (GUIDELINES.md §6).

A head from the lexicon opens a name and `orgnames.extend` decides where it ends; a term
written after it ("khóa XIII") is not part of it. Each entry gets what an analyst filters
by, from the data tables of patterns/organizations.toml: `kind`, `level` and `canonical`.
"""

from __future__ import annotations

from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.alternation import tree
from ..engine.matching import Hit, find, select_spans
from ..load import vietnamese
from ..output.models import Mention, Organization, Span
from ..segment.document import Doc
from ..segment.text import fold_key, fold_tones
from . import orgnames

# What makes a head a name: a capital, a number, or a lower-case name of the lexicon.
_NAMED = regexcache.compile(r"\p{Lu}|\d|(?<=\S)[ ]+\p{Ll}+[ ]+\p{Ll}")
ACRONYM_REACH = 20  # " (NHCSXH)": bounded, so a long paragraph is not scanned per name
# A head glued by "/" or "-" to a word with a digit: inside a document's code, not a name
# ("12/2024/QĐ-UBND"; but "HĐND-UBND tỉnh" names two bodies).
CODE_REACH = 30  # characters of the code before the head
_IN_CODE = regexcache.compile(r"(?<!\S)\S*\d\S*[/-]$")
_NEXT_WORD = regexcache.compile(r"[ ]+(?P<word>[\p{L}\p{N}&-]+)")
_ACRONYM = regexcache.compile(r"[ ]*\((?P<acronym>\p{Lu}[\p{Lu}\p{N}&.-]{1,11})\)")


def extract(doc: Doc) -> list[Organization]:
    """Every organization named in the content paragraphs, in order of first mention."""
    candidates: list[Span] = []
    lexicon = rules.load("organizations")
    for hit in find(doc, lexicon, doc.content()):
        if orgnames.place_at(doc.view, hit.start) or _in_lower_head(doc, hit.start):
            continue  # "Trường Sa", "Hội An": places; "đoàn đại biểu Quốc hội": no name
        if doc.view[hit.start - 1 : hit.start] in ("/", "-") and _IN_CODE.search(
                doc.view, max(0, hit.start - CODE_REACH), hit.start):
            continue  # "Thông tư 02/2023/TT-NHNN", "Công văn 3445/UBND-VX": a document's code
        person = orgnames.person_at(doc.view, hit.start)
        if (person and (len(person[0].split()) > 2 or fold_key(person[0]) in rules.load(
                "people").folded("pen_names"))) or _office_before(doc, hit):
            continue  # "Đoàn Văn Việt", "Trường Chinh" are people; "Phó Bí thư Thường trực" an
            # office
        if hit.rule.kind == "agency" and _credit().search(doc.view, max(0, hit.start - 45),
                                                         hit.start):
            continue  # "Nguồn: TTXVN", "Ảnh: Nhan Sáng TTXVN": a credit
        end = name_end(doc, hit.match["head"], hit.match.end("head"))
        if hit.rule.kind == "office_body" and not _office_body_named(doc, hit.match.end("head"),
                                                                      end):
            continue  # "Trưởng ban Ban Tuyên giáo", "Trưởng ban Tiếp| công dân"
        if end is not None:
            candidates.append((hit.start, end))
            acronym = _ACRONYM.match(doc.view, end, end + ACRONYM_REACH)
            if acronym and acronym["acronym"] not in lexicon.words("place_acronyms"):
                candidates.append(acronym.span("acronym"))  # not "Trường … (TP.HCM)"
    entries: dict[str, tuple[str, list[Span]]] = {}
    for start, end in select_spans(candidates):
        name = " ".join(doc.text[start:end].split())
        name = name[0].upper() + name[1:]  # "Trưởng ban| Tuyên giáo" names "Ban Tuyên giáo"
        entries.setdefault(fold_key(name), (name, []))[1].append((start, end))
    return [_organization(doc, name, spans) for name, spans in entries.values()]


def _office_body_named(doc: Doc, head_end: int, end: int | None) -> bool:
    """Whether the lower-case last word of an office ("Trưởng ban| Tuyên giáo") opens a body
    whose name can be read: not before a head, which opens it instead ("Trưởng ban Ban Tuyên
    giáo"), nor a name of one syllable, a given name ("Trưởng ban Tám") or one that runs on in
    lower case ("ban Tiếp| công dân")."""
    word = _NEXT_WORD.match(doc.view, head_end)
    assert word is not None  # the rule reads a capitalised word after the head
    if end is None or orgnames.head_at(doc.view, word.start("word")):
        return False
    return not (end == word.end("word") and vietnamese.is_syllable(word["word"]))


def _in_lower_head(doc: Doc, pos: int) -> bool:
    """Inside a head written in lower case on the same line ("đoàn Đại biểu Quốc hội"): the
    kind of body is named, not a body, and no head inside it opens a name. (The head found
    at `pos` has been passed over by then: one that starts inside it is not looked for, so
    "ban cán sự Đảng Bộ Y tế" names no "Bộ Y tế".)"""
    line_start = doc.view.rfind("\n", 0, pos) + 1
    line_end = doc.view.find("\n", pos)
    if line_end == -1:
        line_end = len(doc.view)
    lower = _lower_head()
    for word in _lower_first_word().finditer(doc.view, max(line_start, pos - _head_reach()), pos):
        head = lower.match(doc.view, word.start(), line_end)
        if head is not None and head.end() > pos:
            return True
    return False


@cache
def _credit() -> regex.Pattern[str]:
    """A credit's label (people.toml `credit_words`, then up to two lower-case words: "Ảnh tư
    liệu") and what it credits so far, in one clause ("Ảnh: Nhan Sáng ")."""
    labels = rules.load("people").alternation("credit_words")
    return regexcache.compile(
        rf"(?<![\p{{L}}])(?:{labels})(?:[ ]\p{{Ll}}+){{0,2}}[ ]*:[^.;:\n]{{0,30}}$")


@cache
def _heads() -> tuple[str, ...]:
    """The words that open a name in `org.name`: its `@heads` and `@standalone_heads`."""
    lexicon = rules.load("organizations").lexicon
    return (*lexicon["heads"], *lexicon["standalone_heads"])


@cache
def _head_reach() -> int:
    """The longest head: how far before a head a lower-case head holding it may start."""
    return max(len(head) for head in _heads())


@cache
def _lower_first_word() -> regex.Pattern[str]:
    """The first word of a head in lower case: where a lower-case head may start."""
    words = sorted({head.split()[0].lower() for head in _heads()})
    return regexcache.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{tree(words)})(?![\p{{L}}])")


@cache
def _lower_head() -> regex.Pattern[str]:
    """The heads of `org.name` (any letter case after the first) opening in lower case."""
    lexicon = rules.load("organizations")
    heads = (f"{lexicon.alternation('heads', fold=True)}|"
             f"{lexicon.alternation('standalone_heads', fold=True)}")
    return regexcache.compile(rf"(?-f)(?-i:(?=\p{{Ll}}))(?<![\p{{L}}\p{{N}}])(?:{heads})"
                              r"(?![\p{L}])", regex.IGNORECASE | regex.V1)


def name_end(doc: Doc, head: str, head_end: int) -> int | None:
    """Where a name that opens with `head` ends, or None when the head alone names nothing."""
    lexicon, key = rules.load("organizations"), fold_key(head)
    if key in lexicon.folded("standalone_heads") or key in lexicon.folded("agencies"):
        return head_end  # "UNESCO", "TTXVN"
    limit = orgnames.clause_end(doc.view, head_end)
    end = orgnames.extend(doc, head_end, limit, head_end - len(head))
    if key not in lexicon.folded("needs_name"):
        return end
    if end == head_end or (key not in lexicon.folded("place_named")
                           and not _NAMED.search(doc.view, head_end, end)):
        return None  # "Bộ hồ sơ", "Trung tâm tỉnh": no name after the head
    return end


def _office_before(doc: Doc, hit: Hit) -> bool:
    """A head that is part of an office: "Phó Bí thư Thường trực", "Thường trực Ban Bí thư"."""
    office = orgnames.title_at(doc.view, hit.start)
    if office and office.end() > hit.match.end("head"):
        return True
    modifier = fold_key(hit.match["head"]) in rules.load("organizations").folded("office_modifiers")
    return modifier and bool(_office_end().search(doc.view, max(0, hit.start - 30), hit.start))


@cache
def _office_end() -> regex.Pattern[str]:
    """An office right before a position, in any letter case ("Phó trưởng ban| Thường trực")."""
    offices = rules.load("people").alternation("offices")
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{offices})[ ]+$", regex.IGNORECASE)


# A place word after the first word of a name, before the place's own capitalised name.
_INNER_PLACE_WORD = regexcache.compile(
    r"(?<=\S[ ])(?:Thành[ ]phố|Tỉnh|Huyện|Quận|Thị[ ]xã|Thị[ ]trấn|Xã|Phường)(?=[ ]\p{Lu})")


def _organization(doc: Doc, name: str, spans: list[Span]) -> Organization:
    canonical = canonical_name(name)
    return Organization(
        name=name, canonical=canonical, kind=_first_keyword("kinds", canonical) or "other",
        level=_first_keyword("levels", canonical) or "unknown",
        mentions=[Mention(text=doc.text[s:e], span=(s, e)) for s, e in spans])


def canonical_name(name: str) -> str:
    """Abbreviations expanded, new tone placement, and a place word inside the name in lower
    case: "UBND tỉnh" → "Ủy ban nhân dân tỉnh", "Thành ủy Thành phố Hồ Chí Minh" → "Thành ủy
    thành phố Hồ Chí Minh" (one body however the article capitalised it)."""
    table = rules.load("organizations").tables["abbreviations"]
    expanded = _abbreviations().sub(lambda m: table[m[0]], name)
    lowered = _INNER_PLACE_WORD.sub(lambda m: m[0].lower(), " ".join(expanded.split()))
    return fold_tones(lowered)


@cache
def _abbreviations() -> regex.Pattern[str]:
    table = rules.load("organizations").alternation("abbreviations")
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{table})"
                         r"(?![\p{L}])")


@cache
def _keywords(table: str) -> regex.Pattern[str]:
    words = rules.load("organizations").alternation(table)
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}])")


def _first_keyword(table: str, canonical: str) -> str | None:
    """The value of the first keyword in the name that has one (an empty value passes)."""
    values = rules.load("organizations").tables[table]
    for found in _keywords(table).finditer(fold_key(canonical)):
        if values[found[0]]:
            return values[found[0]]
    return None
