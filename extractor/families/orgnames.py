"""Where the name of a body ends: the grammar shared by organizations and titles.

Vietnamese capitalises only the first syllable of a compound, and official names carry
lower-case words ("Sở Giao thông vận tải", "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực
tỉnh"). A name therefore goes on, step by step, over: an official tail or lower-case name
word from the lexicon, a capitalised word, a number after a unit word ("Quân khu 7"), and
"và" before a capitalised word that opens no new body. A capitalised syllable followed by
lower-case syllables that the lexicon does not know keeps the rest of its compound, as
underthesea segments the sentence (one tokenizer call per sentence, cached on the Doc).
"""

from __future__ import annotations

from functools import cache

import regex

from ..engine import regexcache, rules
from ..engine.alternation import tree
from ..load import vietnamese
from ..segment.document import Doc
from ..segment.text import fold_key

# T.Ư, TP.HCM, LĐ-TB&XH, Sang-ri; not "TVQH.Minh", two words glued at a lost space
_CAP = (r"\p{Lu}[\p{L}\p{M}]*"
        r"(?:\.\p{Lu}+(?!\p{Ll})|-\p{Lu}\p{L}*|-\p{Ll}+(?=[ ]\p{Lu})|[ ]?&[ ]?\p{Lu}+)*")
# A name stays inside its clause, which ends at a sign or a full stop; "T.Ư" and "TP. Hồ Chí
# Minh" are one. Found as the first stop (3x faster than reading the clause sign by sign).
_CLAUSE_STOP = regexcache.compile(r'[;:!?()\[\]“”"\n]|(?<!(?<![\p{L}])T[Pp])\.(?!\S)')
_CLAUSE_REACH = 160  # characters: the longest clause a name or title is read in
_CAP_WORD = regexcache.compile(rf"(?P<cap>{_CAP})(?![\p{{L}}\p{{N}}])")
_COUNTRYSIDE = "(?<![Nn]ông[ ])"  # "nông thôn" is the countryside, not a village
LONGEST_NAME = 4  # syllables of a Vietnamese personal name
_WORD = regexcache.compile(r"\S+")
_SPACE_RUN = regexcache.compile(r"[ ]*")
_COUNTRY_REACH = 30  # characters before a word that hold the two words of a country's name
_SYLLABLE = regexcache.compile(r"\p{Lu}\p{Ll}*")  # a capitalised syllable, no abbreviation
_LAST_LETTERS = regexcache.compile(r"\p{L}+$")
# Where an office held abroad is held: "tại Nhật Bản", "tại Vương quốc Campuchia".
_POSTED_AT = regexcache.compile(
    r"[ ]+tại[ ]+(?:(?:nước|Vương[ ]quốc|Liên[ ]bang|Cộng[ ]hòa|TP|thành[ ]phố)[ ]+|TP\.[ ]*)?")
_POSTED_END = regexcache.compile(r"[ ]*(?:[,;)–-]|$)")  # what may follow the country
_CAPITALISED_RUN = regexcache.compile(
    r"\p{Lu}[\p{L}\p{M}]*(?:[ -]\p{Lu}[\p{L}\p{M}]*){0,3}(?![\p{L}])")
# A name read so far that ends in a capitalised word, not an abbreviation ("… Minh Phát")
_PROPER_END = regexcache.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}+$")
_PLACE_REACH = 20  # characters before a word that hold the words of a place it may be part of
# each of the one or two capitalised words right before a position
_LAST_TWO_WORDS = regexcache.compile(r"(?<![\p{L}])\p{Lu}\p{L}*[ ](?=(?:\p{Lu}\p{L}*[ ])?$)")


def _backwards(pattern: str) -> regex.Pattern[str]:
    """A pattern anchored at "$", tested on the text before a position, searched backwards
    (`(?r)`): one try at the end instead of one at every start in the window, 2-8x faster for
    a long word list. Only whether it matches may be read: a backwards search can start its
    match elsewhere than a forward one."""
    return regexcache.compile(f"(?r){pattern}")


class _WordAtEnd:
    """Whether a stretch of text ends in a word of a list ("does the name read so far end in
    a field?"). Most stretches end in letters no word of the list ends in: a set lookup of
    those letters rejects them before the pattern runs.
    Exact while every character `str.isalpha` calls a letter is a letter to `regex` (\\p{L}),
    which a test checks over all of Unicode."""

    def __init__(self, words: list[str]) -> None:
        self._pattern = _backwards(rf"(?<![\p{{L}}])(?:{_lexicon_alternation(words)})$")
        # A word that ends in letters matches only where the text ends in just those letters:
        # before them is a space, a sign, or (the lookbehind) no letter.
        self._last_letters = frozenset(
            m[0] for w in _with_capitals(words) if (m := _LAST_LETTERS.search(w)))

    def found(self, view: str, start: int, end: int) -> bool:
        """Whether `view[start:end]` ends in a word of the list (a whole word)."""
        letters = end
        while letters > start and view[letters - 1].isalpha():
            letters -= 1
        if letters < end and view[letters:end] not in self._last_letters:
            return False
        return self._pattern.search(view, start, end) is not None


# A name whose last word is a field, a capitalised syllable and a lower-case one ("Giám sát",
# "Mua bán"), not a proper name ("Bạch Mai", "Samsung").
_FIELD_END = _backwards(r"(?<![\p{L}])\p{Lu}\p{Ll}*[ ]+\p{Ll}+$")
_TWO_WORDS = regexcache.compile(r"\p{Lu}\p{Ll}+[ ]+\p{Lu}\p{Ll}+(?![\p{L}])")
_PLURAL = regexcache.compile(r"(?<![\p{L}])(?:các|những)[ ]+\p{Lu}[^,;.]*$")
_CAP_END = regexcache.compile(r"(?<![\p{L}])\p{Lu}[\p{L}]*$")
_TERM = regexcache.compile(
    r"[ ]+(?:kh[oó]a|khoá|nhiệm[ ]kỳ)[ ]+(?:[IVXLC]+|\d{1,2}|\d{4}[ ]*-[ ]*\d{4})(?![\p{L}\p{N}])")


def _with_capitals(words: list[str]) -> list[str]:
    """The words, and each written in lower case again with a capital first."""
    return [*words, *(word[0].upper() + word[1:] for word in words if word[:1].islower())]


def _lexicon_alternation(words: list[str]) -> str:
    """Longer words first; an entry written in lower case also matches with a capital first."""
    return tree(_with_capitals(words), space="[ ]+")


@cache
def _step() -> regex.Pattern[str]:
    lexicon = rules.load("organizations")
    # any letter case after the first: "Sở Nông Nghiệp và Môi trường" is the ministry's name
    words = office_alternation(_with_capitals(lexicon.lexicon["name_words"]))
    return regexcache.compile(
        rf"""[ ]+(?:(?P<words>{words}|{_COUNTRYSIDE}(?:{_villages()})(?=[ ]+(?:\p{{Lu}}|\d)))
        |(?P<numbered>[Ss]ố[ ]+\d{{1,4}}[A-Z]?(?![/-]\w|[ ]+(?:\p{{Lu}}|ngày(?![\p{{L}}]))))
        |(?P<cap>{_CAP})|(?P<num>\d{{1,4}}[A-Z]?))
        (?![\p{{L}}\p{{N}}]|[.,]\d)
        |[ ]+(?P<joiner>và)[ ]+(?=\p{{Lu}})""",
        regex.VERBOSE | regex.V1,
    )


def _described(view: str, end: int, limit: int, start: int) -> int | None:
    """Past a run of lower-case words that a name goes on with (the space before what ends
    it), or None: in a `descriptive_heads` body up to a capitalised word; in a name whose last
    word is a field ("Ủy ban Giám sát| tài chính quốc gia") up to a word of `national_words`."""
    before = max(start, end - 40)
    if _descriptive_head().match(view, start) and _ends_in(
            "descriptive_heads", "name_fields", "company_types").found(view, before, end):
        run = _lower_run(r"\p{Lu}", 4).match(view, end, limit)
    elif (_ends_in("name_words", "name_fields").found(view, before, end)
          or not _FIELD_END.search(view, before, end)
          or sum(word[:1].isupper() for word in view[start:end].split()) < 2):
        return None  # "Bộ Công an| bảo vệ …" is whole; "Công ty Samsung| đầu tư vào Việt Nam"
    else:
        run = _lower_run(_national(), 3).match(view, end, limit)
        if run and _word_list("not_before_national").search(run["words"]):
            return None  # "Chính phủ hai nước Việt Nam"
    if run is None or _word_list("not_in_names").search(run["words"]):
        return None
    return run.end() - 1


@cache
def _ends_in(*names: str) -> _WordAtEnd:
    """A name that ends in a word of these lexicon lists (a capital first or not)."""
    lexicon = rules.load("organizations").lexicon
    return _WordAtEnd([word for name in names for word in lexicon[name]])


@cache
def _national() -> str:
    words = _lexicon_alternation(rules.load("organizations").lexicon["national_words"])
    return rf"(?:{words})(?![\p{{L}}])"


@cache
def _lower_run(ended_by: str, more: int) -> regex.Pattern[str]:
    """One to `more` + 1 lower-case words, then a space before what `ended_by` matches."""
    return regexcache.compile(
        rf"[ ]+(?P<words>\p{{Ll}}+(?:[ ]+\p{{Ll}}+){{0,{more}}})[ ]+(?={ended_by})")


@cache
def _descriptive_head() -> regex.Pattern[str]:
    heads = _lexicon_alternation(rules.load("organizations").lexicon["descriptive_heads"])
    return regexcache.compile(rf"(?:{heads})(?![\p{{L}}])")


def after_place_word(view: str, pos: int) -> bool:
    """Whether a word of administration or a village ends right before `pos` ("thôn ")."""
    return bool(_place_word_end().search(view, max(0, pos - 20), pos))


def _place_name_at(view: str, pos: int) -> bool:
    """A two-word place name after a place word, even one opening with a stop word:
    "huyện Tuy Đức", "thôn Đồng Bưng"."""
    return after_place_word(view, pos) and bool(_TWO_WORDS.match(view, pos))


@cache
def _villages() -> str:
    return _lexicon_alternation(rules.load("organizations").lexicon["village_words"])


@cache
def _counting() -> regex.Pattern[str]:
    """A word after a number that makes it a count ("phường 3 lần mời"), not before a date
    ("phường 5 ngày 3/5")."""
    words = rules.load("organizations").alternation("counting_words")
    return regexcache.compile(rf"[ ]+(?:{words})(?![\p{{L}}])(?![ ]+\d)")


@cache
def _numbered_place_end() -> regex.Pattern[str]:
    """A village or urban quarter whose name is the number after it: "ấp 3", "quận 2"."""
    quarters = _lexicon_alternation(rules.load("organizations").lexicon["numbered_places"])
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{_villages()}|{quarters})$")


@cache
def _admin_words() -> str:
    return tree(rules.load("organizations").lexicon["admin_words"], space="[ ]")


@cache
def _admin_before() -> regex.Pattern[str]:
    """A word of administration or a city's right before `pos` ("huyện ", "TP. ")."""
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{_admin_words()}|TP\.?|Tp\.?)[ ]+$")


@cache
def _place_word_end(words: int = 0) -> regex.Pattern[str]:
    """A word of administration or a village, then up to `words` capitalised words, right
    before `pos` ("huyện ", "thôn "; with one word, a place's name not finished yet: "quận
    Nam ")."""
    return regexcache.compile(rf"(?<![\p{{L}}]){_COUNTRYSIDE}(?:{_admin_words()}|{_villages()})"
                              rf"[ ]+(?:\p{{Lu}}\p{{Ll}}*[ ]+){{0,{words}}}$")


@cache
def _admin_end() -> regex.Pattern[str]:
    """A capitalised word after these is a place's: "huyện Quỳnh Lưu", "thôn Làng Tát"."""
    return regexcache.compile(
        rf"(?<![\p{{L}}]){_COUNTRYSIDE}(?:{_admin_words()}|TP\.?|{_villages()})"
        r"[ ]+(?:\p{Lu}\p{Ll}*[ ]+){0,3}$")


@cache
def _person() -> regex.Pattern[str]:
    """The name rule of patterns/people.toml: one pattern for a person's name everywhere."""
    return next(r for r in rules.load("people").rules if r.kind == "name").pattern


@cache
def _generic() -> regex.Pattern[str]:
    words = _lexicon_alternation(rules.load("organizations").lexicon["generic_names"])
    return regexcache.compile(rf"[ ]+(?:{words})(?![\p{{L}}])")


def _owner_end(view: str, start: int, end: int, limit: int) -> int | None:
    """Past "của" and the body a name at [start, end) belongs to: a committee's owner ("Ủy ban
    Kinh tế của Quốc hội"), whom a delegation comes from ("Đoàn công tác của Trung ương")."""
    if (owner := _owner().match(view, end, limit)) and _owned(view[start:end]):
        return owner.end()
    if (owner := _delegation_owner().match(view, end, limit)) and _delegation().fullmatch(
            view, start, end):
        return owner.end()
    return None


def _owned(name: str) -> bool:
    """A committee named after its owner: "Ủy ban Kinh tế" of "Ủy ban Kinh tế của Quốc hội";
    not a head alone ("các Ủy ban của Quốc hội") nor a ministry ("Bộ Tài chính")."""
    key = f" {fold_key(name)}"
    return any(f" {head} " in key and not key.endswith(f" {head}")
               for head in rules.load("organizations").folded("owned_heads"))


@cache
def _owner() -> regex.Pattern[str]:
    """"của Quốc hội" after a committee's name; not "của Quốc hội Lào" (another country's)."""
    lexicon = rules.load("organizations")
    return regexcache.compile(
        rf"[ ]+của[ ]+(?:{lexicon.alternation('owners')})(?![\p{{L}}])"
        rf"(?![ ]+(?:{lexicon.alternation('other_countries')})(?![\p{{L}}]))")


@cache
def _delegation() -> regex.Pattern[str]:
    delegations = rules.load("organizations").lexicon["delegations"]
    return regexcache.compile(rf"(?:{_lexicon_alternation(delegations)})")


@cache
def _delegation_owner() -> regex.Pattern[str]:
    """" của Trung ương", " của tỉnh": whom a delegation comes from."""
    owners = _lexicon_alternation(rules.load("organizations").lexicon["delegation_owners"])
    return regexcache.compile(rf"[ ]+của[ ]+(?:{owners})(?![\p{{L}}])")


@cache
def _purpose() -> regex.Pattern[str]:
    """What a steering body carries out, after its head: a verb, a document, its owner."""
    lexicon = rules.load("organizations")
    return regexcache.compile(
        rf"""(?<=(?<![\p{{L}}])(?:{lexicon.alternation('purpose_heads')}))
        (?:[ ]+(?:{lexicon.alternation('purpose_verbs')}))?
        [ ]+(?:{lexicon.alternation('document_kinds')})
        (?:[ ]+số)?[ ]+\d[\p{{L}}\p{{N}}/.\-]*(?<![.\-])
        (?:[ ]+của[ ]+(?:tỉnh|huyện|thành[ ]phố|thị[ ]xã|xã|phường
                       |Tỉnh[ ]ủy|Thành[ ]ủy|Huyện[ ]ủy))?""",
        regex.VERBOSE | regex.V1)


@cache
def _place() -> regex.Pattern[str]:
    people, bodies = rules.load("people"), rules.load("organizations")
    places = [*people.lexicon["places"], *people.lexicon["countries"], *bodies.lexicon["places"]]
    return regexcache.compile(rf"(?:{_lexicon_alternation(places)})(?![\p{{L}}])")


@cache
def title_starts() -> regex.Pattern[str]:
    """Where a title may start: an office or rank word (group `office`), and "nguyên", "cựu"
    or "tân" before one (group `prefix`: `former_prefixes`, `new_prefixes`)."""
    people = rules.load("people")
    prefixes = tree([*people.lexicon["former_prefixes"], *people.lexicon["new_prefixes"]])
    return regexcache.compile(
        rf"(?<![\p{{L}}])(?:(?P<prefix>{prefixes})[ ]+)?(?P<office>{office_words()})"
        r"(?![\p{L}])")


@cache
def office_words() -> str:
    """The offices and ranks of people.toml, in any letter case after the first."""
    people = rules.load("people")
    return office_alternation(people.lexicon["offices"] + people.lexicon["ranks"])


def clause_end(view: str, pos: int) -> int:
    """How far a name or title after `pos` may reach: the end of its clause."""
    # one more character, so that a stop's lookahead reads the text and not the window's end
    stop = _CLAUSE_STOP.search(view, pos, pos + _CLAUSE_REACH + 1)
    return min(stop.start() if stop else len(view), pos + _CLAUSE_REACH)


def office_alternation(words: list[str]) -> str:
    """Offices as written, and with any letter after the first in either case: "Phó chủ tịch",
    "Phó bí thư" and "Tổng giám đốc" are written too."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{regex.escape(first)}(?i:{tree(rest, fold=True, space='[ ]+')})"
                    for first, rest in rests.items())


@cache
def _word_list(name: str, suffix: str = "") -> regex.Pattern[str]:
    """A lexicon list of organizations.toml as a pattern ending in a whole word."""
    words = rules.load("organizations").alternation(name)
    return regexcache.compile(rf"(?<![\p{{L}}])(?:{words})(?![\p{{L}}]){suffix}")


@cache
def _head_start() -> regex.Pattern[str]:
    """Heads as written, and with any letter after the first in either case ("Văn Phòng")."""
    heads = office_alternation(rules.load("organizations").lexicon["heads"])
    return regexcache.compile(rf"(?:{heads})(?![\p{{L}}])")


def is_place(name: str) -> bool:
    """A province or city written like a person's name ("Hà Tĩnh", "Cao Bằng"), or a place
    after a word that is no common family name ("Đoàn Bình Dương": a delegation); "Hoàng Mai
    Anh" and "Nguyễn Hòa Bình" are people."""
    people = rules.load("people")
    words, places = fold_key(name).split(), people.folded("places")
    return " ".join(words) in places or (
        words[0] not in people.folded("common_surnames") and " ".join(words[1:]) in places)


def person_at(view: str, pos: int) -> regex.Match[str] | None:
    """A person's name starting at `pos` (not a place that looks like one), or a foreign
    name in its own spelling ("Pete Hegseth")."""
    found = _person().match(view, pos)
    if found and not is_place(found["name"]) and name_start(found["name"]) == 0 and not (
            place_then_stop(found["name"])):
        return found
    foreign = foreign_at(view, pos)
    return _foreign().match(view, pos) if foreign and foreign[0] == pos else None


def place_then_stop(name: str) -> bool:
    """A place glued to the next sentence's first word, read as one capitalised run: "Hà
    Tĩnh Trong …", "Hà Nội Theo …" (places that open with a family name)."""
    stop_words = _word_list("stop_words")
    for word in _WORD.finditer(name):
        if word.start() and stop_words.match(name, word.start()):
            return is_place(name[: word.start()].strip())
    return False


def foreign_at(view: str, pos: int) -> tuple[int, int] | None:
    """The span of a foreign name in the capitalised run starting at `pos`, if one is there."""
    found = _foreign().match(view, pos)
    return foreign_span(view, *found.span("name")) if found else None


def foreign_span(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The foreign name in the capitalised run at [start, end): without a country or an
    honorific around it ("Ireland Keir Starmer", "Ông Kevin Rudd"); None for a company's name
    ("Trung Nam Group") or Vietnamese words written without their marks ("Lan Anh"). A run
    that opens inside a known place starts after it."""
    people = rules.load("people")
    honorifics = people.folded("honorifics")
    words = [(m.start(), m.end()) for m in _WORD.finditer(view, start, end)]
    if (place_end := _place_around(view, start)) is not None:
        words = [word for word in words if word[0] >= place_end]  # "Việt Nam| Marc Knapper"
    if len(words) < 2:
        return None
    while len(words) > 2 and (fold_key(view[slice(*words[0])]) in honorifics
                              or is_country(view[slice(*words[0])])):
        words.pop(0)
    while len(words) > 2 and is_country(view[slice(*words[-1])]):
        words.pop()
    texts = [view[a:b] for a, b in words]
    companies = people.folded("company_words")
    if any(fold_key(word) in companies for word in texts) or all(
            vietnamese.is_syllable(part) for word in texts for part in word.split("-")):
        return None
    return words[0][0], words[-1][1]


def is_country(word: str) -> bool:
    """A country or place named in one word, as foreign names are written beside them."""
    return is_place(word) or fold_key(word) in rules.load("people").folded("countries")


@cache
def _foreign() -> regex.Pattern[str]:
    return next(r for r in rules.load("people").rules if r.kind == "foreign").pattern


def name_start(name: str, *, after_place_word: bool = False) -> int:
    """Where a person's name starts in a capitalised run: "Đức Giang Nguyễn Minh Vinh" is a
    place and a name, since a common family name after an uncommon one opens the name. After
    a place word a run too long for one name is a place and a name even when both open with
    a common family name ("UBND TP. Phan Thiết Đỗ Ngọc Điệp"; but "bà Huỳnh Vũ Thị Minh Loan")."""
    words = [(m.start(), m[0]) for m in _WORD.finditer(name)]
    place = _place().match(name)
    if place and len(name[place.end():].split()) >= 2:
        return words[len(name[: place.end()].split())][0]  # "TP. Hồ Chí Minh Nguyễn Văn Nên"
    common = rules.load("people").folded("common_surnames")
    if fold_key(words[0][1]) in common:
        if not after_place_word or len(words) <= LONGEST_NAME:
            return 0
        return next((words[i][0] for i in range(2, len(words) - 2)
                     if fold_key(words[i][1]) in common), 0)
    for i in range(1, len(words) - 2):
        if fold_key(words[i][1]) in common:
            return words[i][0]
    return 0


def place_at(view: str, pos: int) -> regex.Match[str] | None:
    """A known place starting at `pos` ("Tây Ninh", "Trường Sa")."""
    return _place().match(view, pos)


def _place_around(view: str, pos: int) -> int | None:
    """The end of a known place that opens a word or two before `pos` and holds it, or None:
    the "Nam" of "Việt Nam" opens no foreign name."""
    for word in _LAST_TWO_WORDS.finditer(view, max(0, pos - _PLACE_REACH), pos):
        if (place := _place().match(view, word.start())) and place.end() > pos:
            return place.end()
    return None


def posted_end(view: str, pos: int, limit: int) -> int:
    """Past the country an office or a mission abroad is in ("Đại sứ Việt Nam tại Liên bang
    Nga", "Đại sứ quán Việt Nam tại Lào"), or `pos`. A known place is read whole and must end
    by `limit` (a name cut out of "Việt Nam" is no name); other capitalised words are read up
    to a person's name that follows them, or to the end of the title or name: not into
    lower-case words ("tại Liên| hợp quốc", "tại Lễ| kỷ niệm")."""
    at = _POSTED_AT.match(view, pos, limit)
    if at is None:
        return pos
    if place := place_at(view, at.end()):
        return place.end() if place.end() <= limit else pos
    run = _CAPITALISED_RUN.match(view, at.end(), limit)
    if run is None:
        return pos
    if cut := name_start(run[0]):
        return at.end() + len(run[0][:cut].rstrip())
    return run.end() if _POSTED_END.match(view, run.end(), limit) else pos


def title_at(view: str, pos: int, *, any_case: bool = False) -> regex.Match[str] | None:
    """An office or rank word starting at `pos` ("Phó Bí thư", "Thiếu tướng"); with
    `any_case`, also written in lower case ("…, phó giám đốc Công an tỉnh")."""
    return (_title_any_case() if any_case else title_starts()).match(view, pos)


@cache
def _title_any_case() -> regex.Pattern[str]:
    return regexcache.compile(title_starts().pattern, regex.IGNORECASE)


def head_at(view: str, pos: int) -> regex.Match[str] | None:
    """The head of a body's name starting at `pos`."""
    return _head_start().match(view, pos)


def extend(doc: Doc, pos: int, limit: int, start: int | None = None) -> int:
    """Where a name that has reached `pos` ends (at most `limit`); `pos` when nothing follows.

    `start` is where the name began: a unit word anywhere in it takes a number at its end
    ("Sư đoàn Không quân 372")."""
    view = doc.view
    # a title's body begins after the space that follows its office
    start = _SPACE_RUN.match(view, pos).end() if start is None else start
    numbered, stop_words = _word_list("numbered"), _word_list("stop_words")
    named_after, generic_head = _word_list("named_after", "$"), _word_list("generic_heads", "$")
    city = _word_list("city_words", "[ ]*$")
    # where the last known place read ends, the last country, and the namesake being read
    end, placed, nation, namesake = pos, -1, -1, -1
    while True:
        if generic_head.search(view, max(0, end - 12), end) and (
                generic := _generic().match(view, end, limit)):
            end = generic.end()  # "Hội đồng giám khảo", "Chủ tịch Hội đồng thành viên"
            continue
        if owner_end := _owner_end(view, start, end, limit):
            end = owner_end  # "Ủy ban Kinh tế của Quốc hội", "Đoàn công tác của Trung ương"
            continue
        if purpose := _purpose().match(view, end, limit):
            end = purpose.end()  # "Ban Chỉ đạo thực hiện Kết luận 01-KL/TW của tỉnh"
            continue
        if listed := _listed(doc, end, limit):
            end = listed  # "Bộ Văn hóa, Thể thao và Du lịch"
            continue
        if not (step := _step().match(view, end, limit)):
            if (run := _described(view, end, limit, start)) is None:
                break
            end = run  # "Viện Khoa học Công nghệ thủy lợi| Việt Nam": the name goes on
            continue
        if end - start <= 2 * _national_longest() and _word_list("national_bodies").fullmatch(
                view, start, end) and _province_after(view, step):
            break  # "đại biểu Quốc hội| tỉnh Đồng Nai": a province's deputy, not its body
        if step["words"] and not person_at(view, step.start("words")) and (
                head := head_at(view, step.start("words"))) and step.end() < head.end() <= limit:
            end = head.end()  # a nested body: "Phó Chủ tịch Ủy ban nhân dân tỉnh"
            continue
        if step["numbered"]:
            if not _told_by_number(view, start, end):
                break  # "Tạp chí Tài chính| số 5", an issue; "Công ty Minh Phát| số 1 về …"
            end = step.end()  # "Đoàn kiểm tra số 471", "Trường Dạy nghề số 8"
            continue
        if step["words"]:
            end = step.end()
            if _is_nation(step["words"]):
                placed = nation = end  # "MTTQ Việt Nam| Theo …"
            continue
        before = view[max(0, end - 40) : end]
        if step["num"]:
            if not (numbered.search(view, start, end)
                    or (_numbered_place_end().search(view, max(0, end - 12), end)
                        and not _counting().match(view, step.end(), limit))):
                break  # "Quân khu 7", "Mặt trận khu phố 12"; not "Tỉnh ủy 2", "phường 3 lần"
            end = step.end()
            continue
        cap = step if step["cap"] else _CAP_WORD.match(view, step.end(), limit)
        if not cap:
            break
        word_start = cap.start("cap")
        person = person_at(view, word_start)
        place = _place().match(view, word_start, limit)
        if place and _place_lookalike().match(view, word_start):
            place = None  # "Vụ Pháp chế": no France
        if step["joiner"] and (place or is_country(cap["cap"]) or nation == end):
            break  # "Bộ Quốc phòng Mỹ và Việt Nam", "… Việt Nam và Nhà nước …": two names
        if place and (not person or named_after.search(before) or city.search(before)):
            # "tỉnh Tây Ninh", "TP. Hồ Chí Minh"; not "Chủ tịch Hồ Chí Minh"
            end = placed = place.end()
            if _is_nation(place[0]) and not after_place_word(view, word_start):
                nation = end  # not "huyện Mỹ Đức": a district named like a country
            continue
        if not person and not step["joiner"] and (head := head_at(view, word_start)) and (
                head.end() <= limit) and not _word_list("head_lookalikes").match(view, word_start):
            end = head.end()  # a nested body: "Ban Thường vụ Tỉnh ủy"; not the field "Báo chí"
            continue
        if step["joiner"] and (head_at(view, word_start) or title_at(view, word_start)):
            break  # "Sở Tư pháp và Công an tỉnh": two names
        if nation == end and _ends_at_country(view, word_start, cap["cap"]):
            break  # "Đảng Cộng sản Trung Quốc| Tập Cận Bình": a country ends a body's name
        if end == pos and _stop_word_alone(doc, word_start, stop_words):
            break  # "Hội| Với …", "Bộ| Luật Hình sự": the head names nothing; not "Đoàn Luật sư"
        in_place = bool(_admin_end().search(view, max(0, word_start - 40), word_start))
        stop = stop_words.match(view, word_start) and not _place_name_at(view, word_start) and (
            step["joiner"] or not _CAP_END.search(before) or placed == end)
        if stop or title_at(view, word_start):
            break  # a stop word after a capitalised word is a place's ("xã Tùng Ảnh"), not
            # after a known place: "tỉnh Yên Bái| Theo …" opens a sentence glued to a heading
        admin_before = _admin_before().search(view, max(0, word_start - 12), word_start)
        if person and admin_before and (split := name_start(person[0], after_place_word=True)):
            end = word_start + len(person[0][:split].rstrip())  # "TP. Phan Thiết| Đỗ Ngọc Điệp"
            continue
        if person and not named_after.search(before) and not (
                len(person[0].split()) == 2 and (admin_before or (placed != end and (
                    _place_word_end(1).search(view, max(0, word_start - 30), word_start))))):
            break  # "Chủ tịch UBND tỉnh Nguyễn Văn A"; but "Đoàn phường Võ Cường", "thôn Đồng
            # Bưng" and "quận Nam Từ Liêm" are places (not after a place of two words or more,
            # "xã Thanh Xuân| Lê Hùng", nor after a known one, "tỉnh Hà Nam| Lê Hùng")
        if person:
            namesake = person.end()
        # a place's or a namesake's word keeps no lower-case rest ("… Phạm Ngọc Thạch| phát"),
        # nor does an abbreviation ("HĐND TP.HCM| khóa IX")
        plain = in_place or cap.end("cap") <= namesake or not _SYLLABLE.fullmatch(cap["cap"])
        end = cap.end("cap") if plain else _compound_end(doc, cap.end("cap"), limit)
    if _POSTED_AT.match(view, end, limit) and _word_list("missions").search(view, start, end):
        end = posted_end(view, end, limit)  # "Đảng bộ Đại sứ quán Việt Nam tại Lào"
    return end


def _told_by_number(view: str, start: int, end: int) -> bool:
    """Whether "số N" after the name at [start, end) is part of it: a body of
    `numbered_by_so` whose name so far ends in a lower-case word, an abbreviation or a field
    ("Đoàn kiểm tra số 471", "Đội TTGT số 5", "Tổng công ty Xây dựng số 1"), not in a proper
    name ("Công ty Minh Phát số 1 về …" ranks it)."""
    if not _word_list("numbered_by_so").match(view, start):
        return False
    before = max(start, end - 30)
    return not _PROPER_END.search(view, before, end) or _listed_fields()[0].found(
        view, before, end)


@cache
def _place_lookalike() -> regex.Pattern[str]:
    """A word opening with a place's name that is no place (`place_lookalikes`)."""
    words = _lexicon_alternation(rules.load("organizations").lexicon["place_lookalikes"])
    return regexcache.compile(rf"(?:{words})(?![\p{{L}}])")


def _ends_at_country(view: str, pos: int, word: str) -> bool:
    """Whether a body's name that has reached a country ends before the capitalised `word` at
    `pos`: not before a city ("Ủy ban MTTQ Việt Nam TP Hồ Chí Minh"), nor, after a country of
    one syllable, before a Vietnamese syllable ("Liên doanh Đức Bình")."""
    if (_word_list("city_words").match(view, pos) or _admin_start().match(view, pos)
            or word in rules.load("organizations").words("place_acronyms")):
        return False
    country = view[max(0, pos - _COUNTRY_REACH) : pos].split()[-2:]  # its last two words
    return not (vietnamese.is_syllable(country[-1]) and vietnamese.is_syllable(word)
                and not _is_nation(" ".join(country)))


def _is_nation(name: str) -> bool:
    """A country ("Trung Quốc", "Cuba"), not a province: organizations.toml `home_country` and
    `other_countries`, people.toml `countries`."""
    key, bodies = fold_key(name), rules.load("organizations")
    return (key in bodies.folded("home_country") or key in bodies.folded("other_countries")
            or key in rules.load("people").folded("countries"))


def _province_after(view: str, step: regex.Match[str]) -> bool:
    """Whether a step of a name opens a province or a city: a word of administration in any
    case ("tỉnh", "Thành phố"), a city word ("TP.HCM"), or a known place that is no country."""
    pos = step.start(step.lastgroup or 0)
    if _admin_start_any_case().match(view, pos) or _word_list("city_words").match(view, pos):
        return True
    place = _place().match(view, pos)
    return bool(place) and not _is_nation(place[0])


@cache
def _national_longest() -> int:
    """The longest of `national_bodies`: a name read so far of twice its length (spaces
    doubled at most) is none of them."""
    return max(map(len, rules.load("organizations").lexicon["national_bodies"]))


@cache
def _admin_start_any_case() -> regex.Pattern[str]:
    """A word of administration, in any letter case ("tỉnh", "Thành phố")."""
    return regexcache.compile(rf"(?:{_admin_words()})(?![\p{{L}}])", regex.IGNORECASE)


@cache
def _admin_start() -> regex.Pattern[str]:
    """A word of administration written with a capital ("Tỉnh Quảng Trị", "Thành phố …")."""
    words = [w[0].upper() + w[1:] for w in rules.load("organizations").lexicon["admin_words"]]
    return regexcache.compile(rf"(?:{tree(words, space='[ ]')})(?![\p{{L}}])")


def _stop_word_alone(doc: Doc, pos: int, stop_words: regex.Pattern[str]) -> bool:
    """A stop word at `pos` that is a word by itself to underthesea, not the first syllable of
    a longer one ("Luật| Hình sự", not "Luật sư"; "Lễ tân") nor a field ("Phòng Kế hoạch")."""
    stop = stop_words.match(doc.view, pos)
    if not stop or _word_list("name_fields").match(doc.view, pos):
        return False
    word = doc.word_around(pos)
    return not (word and word[0] == pos and word[1] > stop.end())


def _listed(doc: Doc, end: int, limit: int) -> int | None:
    """The end of a name's fields joined by a dash, or listed with commas and closed by "và"
    ("Sở Kế hoạch - Đầu tư", "Ủy ban Khoa học, Công nghệ và Môi trường"): every part a field
    of the lexicon, and so is the word the name has reached."""
    field_end, listed = _listed_fields()
    if not field_end.found(doc.view, max(0, end - 30), end) or _PLURAL.search(
            doc.view, max(0, end - 60), end):
        return None  # "các Sở Tài chính, Xây dựng và Y tế": several bodies, one head
    found = listed.match(doc.view, end, limit)
    return found.end() if found else None


@cache
def _listed_fields() -> tuple[_WordAtEnd, regex.Pattern[str]]:
    """(a name ending in a field, what may follow it: " - Thương binh", or fields after
    commas and "và" the last: ", Công nghệ và Môi trường")."""
    names = rules.load("organizations").lexicon["name_fields"]
    fields = _lexicon_alternation(names)
    return (_WordAtEnd(names),
            regexcache.compile(rf"(?:[ ]*[-–][ ]*|(?:,[ ]*(?:{fields}))*,?[ ]*(?:[ ]và[ ]|&)[ ]*)"
                               rf"(?:{fields})(?![\p{{L}}])"))


def term_end(view: str, pos: int) -> int:
    """After a name, where a written term ends ("khóa XIII", "nhiệm kỳ 2020-2025")."""
    term = _TERM.match(view, pos)
    return term.end() if term else pos


def _compound_end(doc: Doc, cap_end: int, limit: int) -> int:
    """A capitalised syllable keeps the lower-case rest of its underthesea word ("Quản lý"),
    up to a dash that joins the next field ("Văn hóa|-Thể thao")."""
    view = doc.view
    lower_next = view[cap_end : cap_end + 1] == " " and view[cap_end + 1 : cap_end + 2].islower()
    if cap_end >= limit or not lower_next:
        return cap_end
    word = doc.word_around(cap_end - 1)
    if word and word[0] < cap_end < word[1]:
        end = min(word[1], limit)
        dash = view.find("-", cap_end, end)
        return end if dash == -1 else dash
    return cap_end
