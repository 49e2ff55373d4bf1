"""Score extraction against gold files (NAME.txt + NAME.gold.json), as the gold scorer does.

Keys follow the guidelines: dates by value; documents by (type, code) ignoring case and
leading zeros; counts by (value, first syllable of the unit, max); list items by ordinal and
a text similarity of at least 0.9. People and organizations are compared by folded name
(case, tone marks and the usual abbreviations do not count) and titles as (name, title)
pairs at least 0.85 similar, over the articles whose gold lists them. Figures are
micro-averaged over all articles.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FACT_FIELDS = ("dates", "documents", "counts", "lessons", "tasks")  # guidelines 1-4
ENTITY_FIELDS = ("people", "titles", "organizations")  # guidelines 5-6, when gold has them
FIELDS = FACT_FIELDS + ENTITY_FIELDS
ITEM_SIMILARITY = 0.9
TITLE_SIMILARITY = 0.85

# Written forms that name the same body as their expansion (guidelines 5-6). They count only
# as written, in upper case and as whole words, so "Tư pháp" is not read as "TƯ".
ABBREVIATIONS = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "MTTQ": "mặt trận tổ quốc",
    "BCH": "ban chấp hành",
    "BTV": "ban thường vụ",
    "UBKT": "ủy ban kiểm tra",
    "BCĐ": "ban chỉ đạo",
    "TW": "trung ương",
    "TƯ": "trung ương",
    "T.Ư": "trung ương",
    "T.W": "trung ương",
    "ĐBQH": "đại biểu quốc hội",
    "TP.HCM": "thành phố hồ chí minh",
    "TPHCM": "thành phố hồ chí minh",
    "TP. HCM": "thành phố hồ chí minh",
    "TP HCM": "thành phố hồ chí minh",
    "Tp.HCM": "thành phố hồ chí minh",
    "Tp. HCM": "thành phố hồ chí minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TP": "thành phố",
    "Tp": "thành phố",
}
# The longest form first, so that "TP.HCM" is not read as "TP" followed by ".HCM". The stdlib
# `re` is used on purpose: its \w decides word edges exactly as the gold scorer's does.
_ABBREVIATION = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)
# The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters after NFD; the
# vowel marks (â, ă, ơ, ư) stay, they make other letters.
_TONE_MARKS = dict.fromkeys((0x300, 0x301, 0x303, 0x309, 0x323))


def _squash(text: str, ends: str) -> str:
    return " ".join(text.split()).strip(ends)


def _fold(text: Any) -> str:
    return _squash(unicodedata.normalize("NFC", str(text)).casefold(), " .;,:")


def fold_name(name: Any) -> str:
    """The key of a person or organization name: "Thủy" = "Thuỷ" and "UBND" = "Ủy ban nhân dân".

    Abbreviations are expanded before case-folding because only their upper-case form is one.
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m[0]], text).casefold()
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_TONE_MARKS))
    return _squash(bare.replace("đ", "d"), " .;,:-–")


def _num(x: Any) -> float | None:
    try:
        return round(float(x), 6)
    except (TypeError, ValueError):
        return None


def _code(code: Any) -> str:
    key = unicodedata.normalize("NFC", str(code)).casefold().replace(" ", "")
    return key.lstrip("0") or key


def _dicts(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The objects of a list; anything else in it is no fact (and no crash)."""
    return (x for x in items if isinstance(x, dict))


def _date_keys(items: Iterable[Any]) -> set[Any]:
    return {str(d.get("value")) for d in _dicts(items) if d.get("value")}


def _document_keys(items: Iterable[Any]) -> set[Any]:
    return {(_fold(d.get("type", "")), _code(d.get("code", ""))) for d in _dicts(items)
            if d.get("code")}


def _first_syllable(unit: Any) -> str:
    """Only the head of a unit counts: "tổ chức" and "tổ công tác" are both "tổ"."""
    words = _fold(unit or "").split()
    return words[0].strip(".;,:()") if words else ""


def _count_keys(items: Iterable[Any]) -> set[Any]:
    return {(_num(c.get("value")), _first_syllable(c.get("unit")), _num(c.get("max")))
            for c in _dicts(items) if _num(c.get("value")) is not None}


def _name_keys(items: Iterable[Any]) -> set[str]:
    return {fold_name(e.get("name")) for e in _dicts(items) if e.get("name")}


@dataclass
class Tally:
    """Matches of one field, summed over the `articles` that score it."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    articles: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.articles += other.articles

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else (1.0 if self.gold == 0 else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _set_tally(pred: set[Any], gold: set[Any]) -> Tally:
    return Tally(len(pred & gold), len(pred), len(gold),
                 sorted(map(str, gold - pred)), sorted(map(str, pred - gold)), articles=1)


def _pair_up(pred: list[tuple[object, str]], gold: list[tuple[object, str]],
             similarity: float) -> tuple[list[int], set[int]]:
    """(gold left unmatched, predictions used), matching texts that may differ a little.

    Each gold (key, text) takes the first unused prediction with the same key and a text at
    least `similarity` alike, so one prediction never counts for two gold items.
    """
    missed: list[int] = []
    used: set[int] = set()
    for j, (key, text) in enumerate(gold):
        hit = next((i for i, (k, t) in enumerate(pred) if i not in used and k == key
                    and difflib.SequenceMatcher(None, t, text).ratio() >= similarity), None)
        if hit is None:
            missed.append(j)
        else:
            used.add(hit)
    return missed, used


def _item_tally(pred: Iterable[Any], gold: list[dict[str, Any]]) -> Tally:
    candidates = [(p.get("ordinal"), _fold(p.get("text", ""))) for p in _dicts(pred)]
    missed, used = _pair_up(candidates, [(g["ordinal"], _fold(g["text"])) for g in gold],
                            ITEM_SIMILARITY)
    return Tally(len(used), len(candidates), len(gold),
                 [f"{gold[j]['ordinal']}: {gold[j]['text'][:60]}" for j in missed],
                 [f"{o}: {t[:60]}" for i, (o, t) in enumerate(candidates) if i not in used],
                 articles=1)


def _title_pairs(people: Iterable[Any]) -> list[tuple[str, str, str]]:
    """(folded name, folded title, title as written) for every title of every person."""
    return [(fold_name(p.get("name")), fold_name(t), t) for p in _dicts(people)
            for t in p.get("titles") or [] if isinstance(t, str)]


def _title_tally(pred_people: Iterable[Any], gold_people: Iterable[Any]) -> Tally:
    """Titles count only with the right person; their wording may differ a little."""
    pred, gold = _title_pairs(pred_people), _title_pairs(gold_people)
    missed, used = _pair_up([(n, t) for n, t, _ in pred], [(n, t) for n, t, _ in gold],
                            TITLE_SIMILARITY)
    return Tally(len(used), len(pred), len(gold),
                 [f"{gold[j][0]}: {gold[j][2]}" for j in missed],
                 [f"{n}: {raw}" for i, (n, _, raw) in enumerate(pred) if i not in used],
                 articles=1)


def score_article(out: dict[str, Any], gold: dict[str, Any]) -> dict[str, Tally]:
    """Per-field tallies of one article's output against its gold annotation.

    Entity fields are scored only when the gold has them: older gold files never listed
    entities, and scoring them there would count every found name as wrong.
    """
    tallies = {
        # gold lists date values only, compared as they are written there
        "dates": _set_tally(_date_keys(out.get("dates") or []), set(gold.get("dates", []))),
        "documents": _set_tally(_document_keys(out.get("documents") or []),
                                _document_keys(gold.get("documents", []))),
        "counts": _set_tally(_count_keys(out.get("counts") or []),
                             _count_keys(gold.get("counts", []))),
        "lessons": _item_tally(out.get("lessons") or [], gold.get("lessons", [])),
        "tasks": _item_tally(out.get("tasks") or [], gold.get("tasks", [])),
    }
    if "people" in gold:
        people = out.get("people") or []
        tallies["people"] = _set_tally(_name_keys(people), _name_keys(gold["people"]))
        tallies["titles"] = _title_tally(people, gold["people"])
    if "organizations" in gold:
        tallies["organizations"] = _set_tally(_name_keys(out.get("organizations") or []),
                                              _name_keys(gold["organizations"]))
    return tallies


def gold_pairs(directory: Path) -> Iterator[tuple[Path, Path]]:
    """(article, gold) pairs of a folder, sorted by name."""
    for text in sorted(directory.glob("*.txt")):
        gold = text.with_suffix(".gold.json")
        if gold.exists():
            yield text, gold


def _row(label: str, tally: Tally, tail: str) -> str:
    p, r, f = tally.prf()
    return f"{label:<13} {p:>6.3f} {r:>6.3f} {f:>6.3f}  {tail}"


def table(totals: dict[str, Tally], articles: int) -> str:
    """The per-field table, in the same layout as the gold scorer prints.

    An entity row shows only when some gold file lists entities, with the number of articles
    it covers; the last row sums the fact fields alone, so that its figure stays comparable
    with gold folders that have no entities.
    """
    lines = [f"{'field':<13} {'P':>6} {'R':>6} {'F1':>6}  tp/pred/gold"]
    for name in FIELDS:
        t = totals.get(name, Tally())
        if name in FACT_FIELDS:
            lines.append(_row(name, t, f"{t.tp}/{t.predicted}/{t.gold}"))
        elif t.articles:
            lines.append(_row(name, t, f"{t.tp}/{t.predicted}/{t.gold}  ({t.articles} articles)"))
    overall = Tally()
    for name in FACT_FIELDS:
        overall.add(totals.get(name, Tally()))
    lines.append(_row("all (1-4)", overall, f"over {articles} articles"))
    return "\n".join(lines)


@dataclass
class Scored:
    """One article's tallies, or why it could not be scored (`tallies` then empty or zero)."""

    path: Path
    tallies: dict[str, Tally]
    error: str | None = None


def score_folder(directory: Path) -> list[Scored]:
    """Score every NAME.txt of `directory` that has a NAME.gold.json beside it."""
    return [_score(text, gold) for text, gold in gold_pairs(directory)]


def _score(text_path: Path, gold_path: Path) -> Scored:
    from .load.loading import InputError, read_path
    from .output.emit import to_dict
    from .pipeline import extract

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not isinstance(gold, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        return Scored(gold_path, {}, f"not a gold file ({exc}); fix it or remove it")
    try:
        loaded = read_path(text_path)
        out = to_dict(extract(loaded.text, path=str(text_path)))
    except InputError as exc:  # scored as finding nothing, as the gold scorer does
        return Scored(text_path, score_article({}, gold), exc.message)
    return Scored(text_path, score_article(out, gold))
