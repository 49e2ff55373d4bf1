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
_REMEMBERED = 8192  # windows whose words are kept: a window's text often comes back


def word_spans(view: str, start: int, end: int) -> list[Span]:
    """Spans of underthesea's words in `view[start:end]` (offsets into `view`)."""
    if start >= end:
        return []
    return [(start + s, start + e) for s, e in _spans(view[start:end])]


@lru_cache(maxsize=_REMEMBERED)
def _spans(window: str) -> tuple[Span, ...]:
    """Spans of underthesea's words in `window`: the same text segments the same wherever it
    is (a quarter of the windows of an archive are repeats: "người dân", "tỷ đồng", …)."""
    words = word_tokenize()(window)
    spans: list[Span] = []
    pos = 0
    for word in _views(words):
        first = last = None
        for syllable in word.split():
            found = _find(window, syllable, pos, len(window))
            if found is None:
                continue
            first = found if first is None else first
            pos = last = found + len(syllable)
        if first is not None and last is not None:
            spans.append((first, last))
    return tuple(spans)


def _views(words: list[str]) -> list[str]:
    """`match_view` of each word, in one call: NUL is neither folded nor a letter."""
    if any(_SEP in word for word in words):
        return [match_view(word) for word in words]
    return match_view(_SEP.join(words)).split(_SEP)


def _find(view: str, syllable: str, pos: int, end: int) -> int | None:
    """Where `syllable` starts at or shortly after `pos`, or None if the tokenizer rewrote it."""
    while pos < end and view[pos].isspace():
        pos += 1
    if view.startswith(syllable, pos):
        return pos
    found = view.find(syllable, pos, min(end, pos + len(syllable) + _SEARCH_AHEAD))
    return found if found >= 0 else None


def forget() -> None:
    """Drop the remembered windows, so that text is segmented as if read for the first time
    (the benchmark times first readings)."""
    _spans.cache_clear()
