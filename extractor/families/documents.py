"""Documents: numbered Party and state documents, one entry per distinct document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.matching import Hit, find, select
from ..output.models import DateMention, Document, Mention, Span
from ..segment.document import Doc

_DIGITS = regexcache.compile(r"\d+$")
_SPACE_RUN = regexcache.compile(r"\s+")
_ISSUER_TAIL = regexcache.compile(r"(?:\s+(?:và|ban|thành|phố))+$")
_PLURAL_BEFORE = regexcache.compile(r"(?<![\p{L}])(?:các|những|hai|ba)\s+$", regex.I)
# A further number of a plural reference, followed by what may follow a document's number.
_NEXT_NUMBER = regexcache.compile(r"(?:\s*,\s*|\s+và\s+)(?P<num>\d{1,5})"
                             r"(?=\s*(?:[,;.)]|$)|\s+(?:và|của|về|ngày|do)(?![\p{L}]))")
FALLBACK_KIND = "Công văn"  # a numbered document of no known kind is most often a letter
# What may stand between a code and its date or issuer: ", ngày 18/2/2019 của Bộ Chính trị".
_AFTER_DATE = regexcache.compile(
    r"[ \t]*,?[ \t]*(?:được\s+)?(?:ban\s+hành\s+)?(?:ngày\s+)?$", regex.I)
_ISSUER_LEAD = regexcache.compile(
    r"\s*,?\s*(?:ngày\s+[\d/.-]+\s*,?\s*)?(?:\([^()]{0,40}\)\s*)?của\s+")


@dataclass
class _Entry:
    kind: str
    code: str
    number: str
    mentions: list[Span] = field(default_factory=list)
    issuer: str | None = None


def canonical_code(hit: Hit) -> tuple[str, str, str]:
    """(code, number, type letters) of a code match, spelled as GUIDELINES.md §2 says."""
    m, tables = hit.match, rules.load("documents").tables
    mixed, aliases = tables["mixed_case"], tables["issuer_aliases"]

    def part(text: str) -> str:
        upper = _SPACE_RUN.sub("", text).upper()
        upper = aliases.get(upper, upper)
        return "-".join(mixed.get(p, p) for p in upper.split("-"))

    g = m.groupdict()
    num, type_ = g["num"], part(g["type"]) if g.get("type") else ""
    issuer = part(g["issuer"]) if g.get("issuer") else None
    match hit.rule.kind:
        case "party":
            code = f"{num}-{type_}/{issuer}"
        case "state_year":
            code = f"{num}{g['ysep']}{g['year']}/{type_}" + (f"-{issuer}" if issuer else "")
        case "issuer_only":
            code = f"{num}/{issuer}"
        case "number_year":
            code = f"{num}/{g['year']}"
        case _:
            code = f"{num}/{type_}-{issuer}"
    return code, num, type_


def _kind_from_letters(type_letters: str) -> str | None:
    table = rules.load("documents").tables["code_kinds"]
    return table.get(type_letters) or table.get(_DIGITS.sub("", type_letters))


@cache
def _context_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """(kind word right before a code, kind word and a name before "số", issuer name)."""
    patterns = rules.load("documents")
    kinds, lower = patterns.alternation("kinds"), patterns.alternation("issuer_lower")
    any_case = patterns.alternation("kinds", fold=True)
    return (
        regexcache.compile(rf"(?<![\p{{L}}])({any_case})\s+(?:số\s*:?\s*)?$", regex.I),
        regexcache.compile(rf"(?<![\p{{L}}])({kinds})\s+\p{{Lu}}[^.;:()\n]{{0,70}}?\s+số\s*$"),
        regexcache.compile(rf"\p{{Lu}}\p{{L}}*(?:\s+(?:\p{{Lu}}\p{{L}}*|(?:{lower})(?![\p{{L}}])))*"
                      r"(?:\s+khóa\s+[IVXLC]+)?"),
    )


def _kind_before(doc: Doc, start: int, letters: str = "") -> str | None:
    """The kind word written just before a code: "Kết luận (số)", "Luật Tiếp công dân số"."""
    direct_kind, named_kind, _ = _context_patterns()
    window = doc.view[max(0, start - 90) : start]
    direct = direct_kind.search(window)
    if direct and not (direct[1].lower() == "luật" and direct[1][0].islower()):
        return _canonical_kind(direct[1], letters)  # "kết luật" is a typo, not a law
    named = named_kind.search(window)
    return _canonical_kind(named[1], letters) if named else None


def _canonical_kind(written: str, letters: str = "") -> str:
    """"kết luận" -> "Kết luận"; an alias ("Văn bản") becomes its kind ("Công văn"), unless
    the code's letters name a kind ("văn bản số 04/KH-UBND" is a Kế hoạch)."""
    words = " ".join(written.split()).lower()
    kind = words[:1].upper() + words[1:]
    aliases = rules.load("documents").tables["kind_aliases"]
    if kind in aliases:
        return _kind_from_letters(letters) or aliases[kind]
    return kind


def _issuer_after(doc: Doc, end: int) -> str | None:
    lead = _ISSUER_LEAD.match(doc.view, end, min(len(doc.view), end + 60))
    if not lead:
        return None
    name = _context_patterns()[2].match(doc.view, lead.end())
    if not name:
        return None
    text = doc.text[name.start() : name.end()]
    return _ISSUER_TAIL.sub("", text) or None


def extract(doc: Doc) -> list[Document]:
    """Every distinct document referred to by code or by kind word and number."""
    patterns = rules.load("documents")
    found = list(find(doc, patterns, doc.content()))
    codes = select(h for h in found if h.rule.kind != "bare")
    bare = select((h for h in found if h.rule.kind == "bare"),
                  blocked=[(h.start, h.end) for h in codes])  # a code wins over "số 961"
    entries: dict[str, _Entry] = {}
    by_number: dict[tuple[str, str], _Entry] = {}  # (kind, number): what "Chỉ thị 05" names
    for hit in codes:
        code, num, letters = canonical_code(hit)
        key = _key(code)
        kind = _kind_before(doc, hit.start, letters) or _kind_from_letters(letters) or FALLBACK_KIND
        entry = entries.setdefault(key, _Entry(kind, code, num))
        by_number.setdefault((kind, num.lstrip("0")), entry)
        entry.mentions.append((hit.start, hit.end))
        entry.issuer = entry.issuer or _issuer_after(doc, hit.end)
    for hit in bare:
        kind = _canonical_kind(hit.match["kind"])
        for num, span in [(hit.match["num"], (hit.start, hit.end)), *_more_numbers(doc, hit)]:
            target = by_number.get((kind, num.lstrip("0"))) or entries.setdefault(
                _key(f"{kind}:{num}"), _Entry(kind, num, num))
            target.mentions.append(span)
            target.issuer = target.issuer or _issuer_after(doc, span[1])
    ordered = sorted(entries.values(), key=lambda e: min(e.mentions))
    return [
        Document(type=e.kind, code=e.code, number=e.number, issuer=e.issuer,
                 mentions=[Mention(text=doc.text[s:t], span=(s, t)) for s, t in sorted(e.mentions)])
        for e in ordered
    ]


def _more_numbers(doc: Doc, hit: Hit) -> list[tuple[str, Span]]:
    """The other numbers of a plural reference: "các quyết định số 218, 45" names two."""
    if not _PLURAL_BEFORE.search(doc.view, max(0, hit.start - 12), hit.start):
        return []
    more, end = [], hit.end
    while found := _NEXT_NUMBER.match(doc.view, end):
        more.append((found["num"], found.span("num")))
        end = found.end()
    return more


def _key(code: str) -> str:
    """Codes differing only in case or leading zeros are one document."""
    return code.casefold().lstrip("0")


def attach_dates(documents: list[Document], dates: list[DateMention], doc: Doc) -> None:
    """Give each document the day written right after one of its code mentions."""
    days = sorted((d for d in dates if d.granularity == "day"), key=lambda d: d.span[0])
    starts = [d.span[0] for d in days]
    for document in documents:
        for mention in document.mentions:
            i = bisect.bisect_left(starts, mention.span[1])
            if i == len(days) or document.date:
                continue
            date = days[i]
            gap = doc.view[mention.span[1] : date.span[0]]
            written_after = len(gap) <= 20 and _AFTER_DATE.fullmatch(gap)
            if written_after and not date.value.startswith("--"):
                document.date = date.value
