"""Score extraction against gold files (NAME.txt + NAME.gold.json), as the gold scorer does.

Keys follow the guidelines: dates by value; documents by (type, code) ignoring case and
leading zeros; counts by (value, first syllable of the unit, max); list items by ordinal and
a text similarity of at least 0.9. Figures are micro-averaged over all articles.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("dates", "documents", "counts", "lessons", "tasks")
ITEM_SIMILARITY = 0.9


def _fold(text: Any) -> str:
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(folded.split()).strip(" .;,:")


def _num(x: Any) -> float | None:
    try:
        return round(float(x), 6)
    except (TypeError, ValueError):
        return None


def _code(code: Any) -> str:
    key = unicodedata.normalize("NFC", str(code)).casefold().replace(" ", "")
    return key.lstrip("0") or key


def _date_keys(items: Iterable[dict[str, Any]]) -> set[Any]:
    return {str(d["value"]) for d in items if d.get("value")}


def _document_keys(items: Iterable[dict[str, Any]]) -> set[Any]:
    return {(_fold(d.get("type", "")), _code(d["code"])) for d in items if d.get("code")}


def _count_keys(items: Iterable[dict[str, Any]]) -> set[Any]:
    keys = set()
    for c in items:
        if _num(c.get("value")) is None:
            continue
        unit = _fold(c.get("unit") or "").split()
        keys.add((_num(c.get("value")), unit[0] if unit else "", _num(c.get("max"))))
    return keys


KEYS: dict[str, Callable[[Iterable[dict[str, Any]]], set[Any]]] = {
    "documents": _document_keys, "counts": _count_keys,
}


@dataclass
class Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else (1.0 if self.gold == 0 else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _set_tally(pred: set[Any], gold: set[Any]) -> Tally:
    return Tally(len(pred & gold), len(pred), len(gold),
                 sorted(map(str, gold - pred)), sorted(map(str, pred - gold)))


def _item_tally(pred: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Tally:
    candidates = [(p.get("ordinal"), _fold(p.get("text", ""))) for p in pred]
    used: set[int] = set()
    tally = Tally(predicted=len(candidates), gold=len(gold))
    for g in gold:
        g_text = _fold(g["text"])
        hit = next((i for i, (o, t) in enumerate(candidates) if i not in used
                    and o == g["ordinal"]
                    and difflib.SequenceMatcher(None, t, g_text).ratio() >= ITEM_SIMILARITY),
                   None)
        if hit is None:
            tally.missed.append(f"{g['ordinal']}: {g['text'][:60]}")
        else:
            used.add(hit)
            tally.tp += 1
    tally.extra = [f"{o}: {t[:60]}" for i, (o, t) in enumerate(candidates) if i not in used]
    return tally


def score_article(out: dict[str, Any], gold: dict[str, Any]) -> dict[str, Tally]:
    """Per-field tallies of one article's output against its gold annotation."""
    tallies = {f: _set_tally(KEYS[f](out.get(f) or []), KEYS[f](gold.get(f, [])))
               for f in ("documents", "counts")}
    gold_dates = {str(v) for v in gold.get("dates", [])}  # gold lists date values only
    tallies["dates"] = _set_tally(_date_keys(out.get("dates") or []), gold_dates)
    for f in ("lessons", "tasks"):
        tallies[f] = _item_tally(out.get(f) or [], gold.get(f, []))
    return tallies


def gold_pairs(directory: Path) -> Iterator[tuple[Path, Path]]:
    """(article, gold) pairs of a folder, sorted by name."""
    for text in sorted(directory.glob("*.txt")):
        gold = text.with_suffix(".gold.json")
        if gold.exists():
            yield text, gold


def table(totals: dict[str, Tally], articles: int) -> str:
    """The per-field table, in the same layout as the gold scorer prints."""
    lines = [f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6}  tp/pred/gold"]
    overall = Tally()
    for name in FIELDS:
        t = totals[name]
        overall.add(t)
        p, r, f = t.prf()
        lines.append(f"{name:<10} {p:>6.3f} {r:>6.3f} {f:>6.3f}  {t.tp}/{t.predicted}/{t.gold}")
    p, r, f = overall.prf()
    lines.append(f"{'all':<10} {p:>6.3f} {r:>6.3f} {f:>6.3f}  over {articles} articles")
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
    from .emit import to_dict
    from .loading import InputError, read_path
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
