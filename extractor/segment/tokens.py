"""Vietnamese word boundaries from underthesea, mapped back to spans of the text.

underthesea's segmenter is loaded on first use only (`segmenter`), so `--help` and `schema`
never pay for it. Its tokens carry no offsets and rewrite tone placement, so each token is found
again in the match view, which folds tones the same way.
"""

from __future__ import annotations

from functools import lru_cache

from ..output.models import Span
from .segmenter import word_tokenize
from .text import match_view

_SEARCH_AHEAD = 8
_SEP = "\x00"
# Windows of up to this many characters are remembered, the last _REMEMBERED of them (at most
# a few MB): a word's window or a unit's often comes back ("người dân", "tỷ đồng": a quarter of
# an archive's windows); whole sentences (`--tokens`) seldom do and are not kept.
_REMEMBERED = 8192
_REMEMBERED_CHARS = 256


def word_spans(view: str, start: int, end: int) -> list[Span]:
    """Spans of underthesea's words in `view[start:end]` (offsets into `view`)."""
    if start >= end:
        return []
    window = view[start:end]
    found = _remembered(window) if len(window) <= _REMEMBERED_CHARS else _spans(window)
    return [(start + s, start + e) for s, e in found]


def _spans(window: str) -> tuple[Span, ...]:
    """Spans of underthesea's words in `window`: the same text segments the same wherever it
    is."""
    words = word_tokenize()(window)
    spans: list[Span] = []
    pos = 0
    for word in _views(words):
        first = last = None
        for syllable in word.split():
            found = _find(window, syllable, pos)
            if found is None:
                continue
            first = found if first is None else first
            pos = last = found + len(syllable)
        if first is not None and last is not None:
            spans.append((first, last))
    return tuple(spans)


_remembered = lru_cache(maxsize=_REMEMBERED)(_spans)


def _views(words: list[str]) -> list[str]:
    """`match_view` of each word, in one call: NUL is neither folded nor a letter."""
    if any(_SEP in word for word in words):
        return [match_view(word) for word in words]
    return match_view(_SEP.join(words)).split(_SEP)


def _find(window: str, syllable: str, pos: int) -> int | None:
    """Where `syllable` starts at or shortly after `pos`, or None if the tokenizer rewrote it."""
    while pos < len(window) and window[pos].isspace():
        pos += 1
    if window.startswith(syllable, pos):
        return pos
    found = window.find(syllable, pos, pos + len(syllable) + _SEARCH_AHEAD)
    return found if found >= 0 else None


def forget_windows() -> None:
    """Drop the remembered windows, so that text is segmented as if read for the first time
    (the benchmark times first readings)."""
    _remembered.cache_clear()
