"""Titles written next to a person's name, one office each, with the body it belongs to.

A title is an office or rank ("nguyên" kept), the body after it read with the organization
grammar, and a written term: "Phó Bí thư Thường trực Huyện ủy", "Bí thư Tỉnh uỷ khoá XX".
Titles before a name run up to it ("Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Nguyễn Thành Tâm");
titles after it follow a comma, a dash or a bracket. Titles are split at commas, dashes,
";" (which, in lists of people, opens the next person) and "kiêm".
"""

from __future__ import annotations

from functools import cache

import regex

from ..engine import regexcache, rules
from ..load import vietnamese
from ..output.models import Post
from ..segment.document import Doc
from ..segment.text import fold_key
from . import orgnames

_REACH = 240  # characters before a name in which a title chain may start
_FIRST = regexcache.compile(r"[ ]*(?:,|-|\()[ ]*")
_NEXT = regexcache.compile(r"[ ]*(?:,|-|kiêm(?![\p{L}]))[ ]*")
# A title's parent body or its body's acronym in brackets before the next title: "Vụ trưởng
# Vụ Thị trường trong nước (Bộ Công Thương), Phó Ban soạn thảo", "… (Eximbank), Chủ tịch …"
_PARENT = regexcache.compile(
    r"[ ]*\((?:(?P<acronym>\p{Lu}[\p{L}\p{N}&.-]{1,15})|(?P<body>[^()\n]{1,60}))\)")
# A dot between the last title and the name only after an abbreviation ("TS. Nguyễn Văn A");
# a dash as in a caption ("Chủ tịch UBND tỉnh - Nguyễn Văn A").
_BEFORE_NAME = regexcache.compile(
    r"(?:(?<=(?<![\p{L}])(?:\p{Lu}{2,5}|ThS))\.)?[ ]*"
    r"(?:,[ ]*(?:đồng chí|ông|bà)[ ]+|(?:đồng chí|ông|bà)[ ]+|[-–][ ]+)?")
_SPACES = regexcache.compile(r"[ ]*")
_CAPITAL = regexcache.compile(r"(?<![\p{L}])\p{Lu}")
# A capitalised word after a lower-case one: a bare office starting here may be inside a name.
_IN_NAME = regexcache.compile(r"(?<=[\p{Ll}][ ]+)\p{Lu}\p{Ll}*[ ]+$")
# A name opening an item of a list of people after a colon: ": A", ": A, B", ": A, …; B".
_ITEM_START = regexcache.compile(r"(?P<colon>[ ]*:)[ ]*(?:[^:.!?;,\n]*[,;][ ]*)*$")
_ITEM_OPENS = regexcache.compile(r"[:;][ ]*$")  # a rank that opens an item of such a list
# A preposition before a title: the office is the object of the clause, not the people's.
_GOVERNED = regexcache.compile(r"(?<![\p{L}])(?:của|theo|cho|với|tới)[ ]+$")
_IN_CHARGE = regexcache.compile(r"[ ]+phụ[ ]trách[ ]+(?=\p{Lu})")  # "Phó Giám đốc phụ trách …"


@cache
def _needs_body() -> frozenset[str]:
    return rules.load("people").folded("needs_body")


@cache
def _generic_body() -> regex.Pattern[str]:
    words = rules.load("people").alternation("generic_bodies")
    return regexcache.compile(rf"[ ]+(?:{words})(?![\p{{L}}])")


def title_at(doc: Doc, pos: int, *, any_case: bool = False,
             limit: int | None = None) -> tuple[int, Post] | None:
    """The title starting at `pos` and where it ends (at most `limit`: the name it stands
    before), or None when none starts there."""
    office = orgnames.title_at(doc.view, pos, any_case=any_case)
    if not office:
        return None
    clause = orgnames.clause_end(doc.view, office.end())
    limit = clause if limit is None else min(limit, clause)
    body_start = office.end()
    if (charge := _IN_CHARGE.match(doc.view, body_start, limit)) and (
            orgnames.head_at(doc.view, charge.end())):
        body_start = charge.end() - 1  # the body is read from the space before its head
    body_end = orgnames.extend(doc, body_start, limit)
    if body_end == body_start and (generic := _generic_body().match(doc.view, body_start, limit)):
        body_end = orgnames.extend(doc, generic.end(), limit)  # "Bí thư chi bộ thôn 3"
    if body_end == body_start:
        body_end = office.end()
        if fold_key(office[0]) in _needs_body():
            return None
    elif _given_name(doc, body_start, body_end):
        return None  # "Bí thư Thăng, Chủ tịch UBND quận 2 …": the person, then a title
    end = orgnames.term_end(doc.view, body_end)
    people, prefix = rules.load("people"), fold_key(office["prefix"] or "")
    if fold_key(office["office"]) in people.folded("posted_offices"):
        end = orgnames.posted_end(doc.view, end, limit)  # "Đại sứ Việt Nam tại Lào"
    if prefix in people.folded("new_prefixes"):
        pos = office.start("office")  # "tân Bí thư": the office is the title
    return end, Post(text=doc.text[pos:end], office=doc.text[office.start("office") : office.end()],
                     body=_body(doc, office.end(), body_end),
                     former=prefix in people.folded("former_prefixes"))


def _given_name(doc: Doc, start: int, end: int) -> bool:
    """A "body" of one Vietnamese syllable that names no body, place or country: the person,
    called by the given name after the office ("Thủ tướng Phúc"); not a village after a place
    word ("Trưởng thôn Đoài") nor a body of one word ("Chủ tịch Đảng")."""
    words = doc.view[start:end].split()
    if len(words) != 1 or not words[0][:1].isupper() or not vietnamese.is_syllable(words[0]):
        return False
    word_start = doc.view.index(words[0], start)
    return not (orgnames.head_at(doc.view, word_start) or orgnames.is_country(words[0])
                or orgnames.after_place_word(doc.view, word_start)
                or fold_key(words[0]) in rules.load("people").folded("one_word_bodies"))


def _body(doc: Doc, start: int, end: int) -> str | None:
    """The body named in a title: from the first head after the office to the body's end."""
    for match in _CAPITAL.finditer(doc.view, start, end):
        if orgnames.head_at(doc.view, match.start()):
            return " ".join(doc.text[match.start() : end].split())
    return None


def _chain(doc: Doc, pos: int, limit: int, *, after_name: bool = False) -> tuple[int, list[Post]]:
    """Titles one after another from `pos`; (end of the last, the titles).

    After a name, a title right before another name is that person's: "Chủ tịch Hồ Chí Minh,
    Đại tướng Võ Nguyên Giáp"."""
    posts: list[Post] = []
    end = pos
    while found := title_at(doc, pos, any_case=after_name, limit=limit):
        if after_name and orgnames.person_at(doc.view, _SPACES.match(doc.view, found[0]).end()):
            break
        end, post = found
        posts.append(post)
        sep = _NEXT.match(doc.view, end, limit)
        if not sep and (parent := _PARENT.match(doc.view, end, limit)) and (
                parent["acronym"] or orgnames.head_at(doc.view, parent.start("body"))):
            sep = _NEXT.match(doc.view, parent.end(), limit)  # not "(Đào Thị Lan)": a person
        if not sep and post.text in _ranks():
            sep = _SPACES.match(doc.view, end, limit)  # "Thượng tướng GS.TS Tô Lâm"
        if not sep:
            break
        pos = sep.end()
    return end, posts


@cache
def _ranks() -> frozenset[str]:
    """Ranks and degrees, which may stand before another title with only a space between."""
    return rules.load("people").words("ranks")


def around(doc: Doc, start: int, end: int) -> list[Post]:
    """The titles written before the name at [start, end) and after it."""
    return _before(doc, start) + _after(doc, end)


def _after(doc: Doc, end: int) -> list[Post]:
    sep = _FIRST.match(doc.view, end)
    if not sep:
        return []
    return _chain(doc, sep.end(), len(doc.view), after_name=True)[1]


def _before(doc: Doc, start: int) -> list[Post]:
    window = max(doc.sentence_at(start)[0], start - _REACH)
    for match in orgnames.title_starts().finditer(doc.view, window, start):
        chain_end, posts = _chain(doc, match.start(), start)
        if not posts or not _BEFORE_NAME.fullmatch(doc.view, chain_end, start):
            continue
        if len(posts) > 1 and posts[0].body is None and _IN_NAME.search(
                doc.view, max(window, match.start() - 30), match.start()):
            continue  # "tại Phủ Chủ tịch, Chủ tịch nước X": a venue's name, then the title
        if all(post.text in _ranks() for post in posts) and _ITEM_OPENS.search(
                doc.view, max(window, match.start() - 4), match.start()):
            return posts + _shared(doc, window, match.start())  # "…: A, …; Trung tướng B, …"
        return posts
    return _shared(doc, window, start)


def _shared(doc: Doc, window: int, start: int) -> list[Post]:
    """The titles before a colon that opens a list of people, for a name that opens one of
    its items: "các Ủy viên Trung ương Đảng: A, Chánh Văn phòng …; B, Phó Chủ tịch …". Not a
    title after a preposition: "Bằng khen của Chủ tịch UBND tỉnh: A, B" lists who got it."""
    item = _ITEM_START.search(doc.view, window, start)
    if item is None:
        return []
    colon = item.start("colon")
    for match in orgnames.title_starts().finditer(doc.view, window, colon):
        chain_end, posts = _chain(doc, match.start(), colon)
        if posts and chain_end == colon and not _GOVERNED.search(doc.view, window, match.start()):
            return posts
    return []

