"""People: persons named in the article, with the titles written next to their names.

underthesea's NER misses most names and titles in party news (see UNDERTHESEA.md), so a name
is read from the family-name lexicon and confirmed by its context; titles are read with the
organization grammar (`titles.py`). A given name after an honorific ("ông Lợi") is a later
mention of the person named in full whose name ends with it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.matching import Taken, find, select
from ..load import vietnamese
from ..output.models import Mention, Person, Post, Span
from ..segment.document import Doc
from ..segment.text import fold_key
from . import orgnames, titles

_SPACES_AFTER = regexcache.compile(r"[ ]*")
_DAY_REACH = 12  # characters after a name in which a day word shows a part of the day
_CONTEXT = 40  # characters before a name searched for a place word, credit or honorific
_WORD_BEFORE = regexcache.compile(r"(\p{L}+)[ ]+$")
_WORD_AFTER = regexcache.compile(r"[ ]+(\p{L}+)")
# A house number before a name, and what comes before a place after it: a comma, or one
# part of an address between two.
_HOUSE_NUMBER = regexcache.compile(r"(?<![\p{L}])số[ ]+\d{1,4}[A-Z]?[ ]+$")
_COMMA = regexcache.compile(r",[ ]*")
_ADDRESS_PART = regexcache.compile(r",[ ]*[^,;.\n]{1,25},[ ]*")
# A heading's word; "ĐB" before a name is a title.
_TITLE_CASE = regexcache.compile(r"\p{Lu}\p{Ll}+")
_SHORT = regexcache.compile(r"\p{Lu}\p{Ll}*(?:[ ]+\p{Lu}\p{Ll}*)?(?![\p{L}])")


@dataclass
class _Entry:
    name: str
    posts: list[Post] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@cache
def _context() -> tuple[regex.Pattern[str], ...]:
    """(admin word, honorific, place word, credit), each ending right before a name."""
    p = rules.load("people")
    return (
        regexcache.compile(rf"(?<![\p{{L}}])(?:{p.alternation('admin_words')})[ ]+$"),
        regexcache.compile(rf"(?<![\p{{L}}])(?:{p.alternation('honorifics')})[ ]*:?[ ]+$"),
        regexcache.compile(rf"(?<![\p{{L}}])(?<!(?:{p.alternation('place_word_not_after')})[ ])"
                           rf"(?:{p.alternation('place_words')})[ ]*$"),
        regexcache.compile(rf"(?<![\p{{L}}])(?:{p.alternation('credit_words')})[ ]*[:\-]+[ ]*$"),
    )


@cache
def _city_word() -> regex.Pattern[str]:
    """A city word right before a name: "TP", "thành phố" (organizations.toml `city_words`)."""
    return regexcache.compile(
        rf"(?<![\p{{L}}])(?:{rules.load('organizations').alternation('city_words')})[ ]*$")


def _city(name: str, before: str) -> bool:
    """After a city word, a run that is a city ("TP Hồ Chí Minh", the city named after a
    person) or opens or ends with a province ("TP Hà Nội Trong …", "TP Phan Thiết Bình
    Thuận") is a place, not a person."""
    if not _city_word().search(before):
        return False
    words = name.split()
    return (fold_key(name) in rules.load("organizations").folded("places")
            or orgnames.is_place(" ".join(words[:2])) or orgnames.is_place(" ".join(words[-2:])))


def _place_name(name: str, before: str, honorific: regex.Pattern[str]) -> bool:
    """A place, unless an honorific calls it a person: "ông Phí Thái Bình" is a man whose
    given names are a province's, while "Đoàn Bình Dương" is a delegation."""
    if not orgnames.is_place(name):
        return False
    return not (honorific.search(before) and len(name.split()) > 2
                and fold_key(name) not in rules.load("people").folded("places"))


def extract(doc: Doc, taken: list[Span]) -> list[Person]:
    """Every person named in the content, in order of first mention.

    `taken` are the spans of organization names: a name inside one ("Đoàn Thanh niên Cộng
    sản Hồ Chí Minh") names the body, not a person.
    """
    admin, honorific, place, credit = _context()
    entries: dict[str, _Entry] = {}
    inside, bodies = Taken(taken), sorted(taken)
    for hit in select(find(doc, rules.load("people"), doc.content())):
        run_start, run_end = hit.match.span("name")
        run_end = _before_day_part(doc.view, run_start, run_end)
        run_start = _after_body(doc.view, bodies, run_start, run_end)
        run_before = doc.view[max(0, run_start - _CONTEXT) : run_start]
        after_place_word = bool(admin.search(run_before) or _city_word().search(run_before))
        run_start += orgnames.name_start(doc.view[run_start:run_end],
                                         after_place_word=after_place_word)
        for start, end in _split_at_honorifics(doc.view, run_start, run_end):
            name = doc.text[start:end]
            foreign = hit.rule.kind == "foreign"
            if foreign:
                span = orgnames.foreign_span(doc.view, start, end)
                if span is None:
                    continue  # "Lan Anh": Vietnamese words without their marks
                start, end = span
                name = doc.text[start:end]
            before = doc.view[max(0, start - _CONTEXT) : start]
            if (inside.overlaps((start, start + 1)) or _place_name(name, before, honorific)
                    or place.search(before) or credit.search(before) or _city(name, before)):
                continue
            if len(name.split()) == 2 and admin.search(before):
                continue  # "huyện Châu Thành"
            if _byline(doc, start, end):
                continue  # "… trong tháng tới.Trần Văn Bút": the author, glued to the last line
            if _street(doc.view, start, end):
                continue  # "số 69 Phan Đình Phùng, Ba Đình, Hà Nội": an address
            posts = titles.around(doc, start, end)
            key = fold_key(name)
            called = posts or honorific.search(before)
            if not called and orgnames.place_then_stop(name):
                continue  # "Hà Nội Hiện nay …"; but "chị Hoàng Mai Anh" is a woman
            confirmed = called or (not foreign and _bare_name(doc, start, end))
            if not confirmed and key not in entries:
                continue
            entry = entries.setdefault(key, _Entry(name))
            entry.mentions.append((start, end))
            entry.posts.extend(p for p in posts if p.text not in {q.text for q in entry.posts})
    _cut_names(entries)
    _short_mentions(doc, entries)
    for entry in entries.values():
        entry.posts = _fullest(entry.posts)
    return [Person(name=e.name, titles=[p.text for p in e.posts], posts=e.posts,
                   mentions=[Mention(text=doc.text[s:t], span=(s, t))
                             for s, t in sorted(e.mentions)])
            for e in entries.values()]


def _street(view: str, start: int, end: int) -> bool:
    """A street named after a person in an address: a house number before the name and a
    known place after it, one part of the address at most between ("số 5 Trần Thánh Tông,
    Hà Nội"). Not "Bị cáo số 2 Trần Văn Bình, 35 tuổi": a number, then the person."""
    if not _HOUSE_NUMBER.search(view, max(0, start - 12), start):
        return False
    return any(rest and orgnames.place_at(view, rest.end())
               for rest in (_COMMA.match(view, end), _ADDRESS_PART.match(view, end)))


def _split_at_honorifics(view: str, start: int, end: int) -> list[Span]:
    """A capitalised run cut where an honorific opens another name: "Đinh La Thăng Ông Đinh
    La Thăng", a heading glued to the line after it, is two mentions; a given name alone
    after the honorific ("… Ông Khoa") is a later mention, read as one by `_short_mentions`.
    A sentence opener ends a name the same way ("Lê Văn Tùng Theo báo cáo …"), unless it
    follows a family name and a middle name: then it is the given name ("Sùng A Khi")."""
    spans, pos = [], start
    middle = rules.load("people").words("middle_names")
    for inner in _inner_break().finditer(view, start, end):
        before = view[pos : inner.start()].split()
        if inner["opener"] and len(before) == 2 and before[-1] in middle:
            continue
        spans.append((pos, inner.start()))
        pos = inner.end()
    spans.append((pos, end))
    return [(s, e) for s, e in spans if len(view[s:e].split()) > 1]


@cache
def _inner_break() -> regex.Pattern[str]:
    """An honorific inside a capitalised run, or a sentence opener (at the run's end too)."""
    openers = rules.load("people").alternation("sentence_openers")
    return regexcache.compile(
        rf"[ ]+(?:(?:Ông|Bà|Đồng chí)[ ]+|(?P<opener>{openers})(?:[ ]+|$))")


def _after_body(view: str, bodies: list[Span], start: int, end: int) -> int:
    """Where a capitalised run starts once the body's name it opens inside is left out: the
    person after a school named after someone ("Trường ĐH Y khoa Phạm Ngọc Thạch| Ngô Minh
    Xuân"); `bodies` are the organizations' spans, sorted."""
    index = bisect_right(bodies, (start, len(view))) - 1
    if index < 0 or not bodies[index][0] <= start < bodies[index][1] < end:
        return start
    return _SPACES_AFTER.match(view, bodies[index][1]).end()


def _before_day_part(view: str, start: int, end: int) -> int:
    """Where a capitalised run ends before a part of the day that opens the next sentence
    ("Ông Kim Cự| Chiều nay …"), unless a family name and a middle name come before it: then
    it is the given name ("Trần Văn Sáng 5/3")."""
    day_part = _day_part().search(view, start, end + _DAY_REACH)
    if day_part is None or day_part.start() >= end:
        return end
    before = view[start : day_part.start()].split()
    middle = rules.load("people").words("middle_names")
    if len(before) < 2 or (len(before) == 2 and before[-1] in middle):
        return end  # "Ông Trần Sáng hôm qua …": a name is never cut to one word
    return day_part.start()


@cache
def _day_part() -> regex.Pattern[str]:
    """A part of the day before a day word ("Chiều nay", "Sáng 5/3"): the next sentence's
    first words, glued to a name at a lost line break; "Chiều" alone may be a given name."""
    p = rules.load("people")
    return regexcache.compile(
        rf"(?<=\S)[ ]+(?:(?:{p.alternation('day_parts')})"
        rf"(?=[ ]+(?:(?:{p.alternation('day_words')})(?![\p{{L}}])|\d))"
        r"|Năm(?=[ ]+(?:1[89]|20)\d\d(?!\d))|Tháng(?=[ ]+\d{1,2}[/.-]\d{4}))")


def _byline(doc: Doc, start: int, end: int) -> bool:
    """A name in the last sentence of the article when that sentence is only its authors'
    names, joined by dashes or commas, and their agency in brackets ("Trần Văn Bút", "Hoàng
    Thị Hoa (TTXVN)", "Lê Văn Mai - Trần Duy"): the byline."""
    content = doc.content()
    if not content or not content[-1].start <= start < content[-1].end:
        return False
    last_start, last_end = doc.sentences(content[-1])[-1]
    return last_start <= start and bool(_byline_sentence().fullmatch(doc.view, last_start,
                                                                      last_end))


@cache
def _byline_sentence() -> regex.Pattern[str]:
    """Authors' names and a news agency in brackets; an office is no author ("Nguyễn Văn Hai -
    Trưởng Ban Tổ chức." is a person, "Trần Văn Nam (ĐBQH)." too)."""
    agencies = rules.load("people").alternation("news_agencies")
    office = orgnames.office_words()
    name = rf"(?!(?:{office})(?![\p{{L}}]))\p{{Lu}}\p{{Ll}}*(?:[ ]+\p{{Lu}}\p{{Ll}}*){{1,3}}"
    return regexcache.compile(rf"{name}(?:[ ]*[-–,][ ]*{name})*(?:[ ]*[-–])?[ ]*"
                              rf"(?:\((?:{agencies})\))?[ .]*")


def _cut_names(entries: dict[str, _Entry]) -> None:
    """A two-word Vietnamese name that is the start or the end of exactly one longer name
    ("Cao Đức", cut at a lost tag, and "Cao Đức Phát"; "Thứ trưởng Kim Thoa", called by her
    last two names, and "Hồ Thị Kim Thoa", unless the two open with a common family name, as
    "Lê Minh" beside "Trần Lê Minh") is that person: its mentions and titles go to the full
    name (a foreign "Donald Trump" beside "Donald Trump Jr" stays who it is)."""
    common = rules.load("people").folded("common_surnames")
    for key in [k for k, e in entries.items()
                if len(k.split()) == 2 and all(map(vietnamese.is_syllable, e.name.split()))]:
        ends = key.split()[0] not in common  # "Lê Minh" is a name of its own, "Kim Thoa" no
        longer = [k for k in entries
                  if k.startswith(key + " ") or (ends and k.endswith(" " + key))]
        if len(longer) == 1:
            cut, full = entries.pop(key), entries[longer[0]]
            full.mentions.extend(cut.mentions)
            full.posts.extend(p for p in cut.posts if p.text not in {q.text for q in full.posts})


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """A full name without a title or honorific: three or four Vietnamese syllables in
    running text ("phong cách Hồ Chí Minh"), not a run of capitals in a title-case heading."""
    words = doc.view[start:end].split()
    if not 3 <= len(words) <= 4 or not all(map(vietnamese.is_syllable, words)):
        return False
    before = _WORD_BEFORE.search(doc.view, max(0, start - 20), start)
    after = _WORD_AFTER.match(doc.view, end)
    return not (before and _TITLE_CASE.fullmatch(before[1])) and not (
        after and _TITLE_CASE.fullmatch(after[1]))


def _fullest(posts: list[Post]) -> list[Post]:
    """Without a title that another of the person's titles writes out in full: "Bộ trưởng"
    beside "Bộ trưởng Bộ Công an" is the same office."""
    return [p for p in posts if not any(
        q.text.startswith(p.text + " ") and q.office == p.office for q in posts)]


@cache
def _honorific_before_name() -> regex.Pattern[str]:
    """An honorific right before a given name: "ông Lợi", "đồng chí Tâm"."""
    honorifics = rules.load("people").alternation("honorifics")
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{honorifics})[ ]+")


def _short_mentions(doc: Doc, entries: dict[str, _Entry]) -> None:
    """ "ông Lợi", "đồng chí Tâm": the given name of exactly one person named in full."""
    by_given: dict[str, list[_Entry]] = {}
    for entry in entries.values():
        words = fold_key(entry.name).split()
        for n in (1, 2):
            if len(words) > n:
                by_given.setdefault(" ".join(words[-n:]), []).append(entry)
    if not by_given:
        return
    honorific = _honorific_before_name()
    full = {s for e in entries.values() for s, _ in e.mentions}
    for para in doc.content():
        for match in honorific.finditer(doc.view, para.start, para.end):
            short = _SHORT.match(doc.view, match.end(), para.end)
            if not short or short.start() in full:
                continue
            for text in (short[0], short[0].split()[0]):
                owners = by_given.get(fold_key(text), [])
                if len(owners) == 1:
                    owners[0].mentions.append((short.start(), short.start() + len(text)))
                    break
