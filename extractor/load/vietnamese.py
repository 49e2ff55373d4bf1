"""How Vietnamese a text reads: the share of its words that are well-formed syllables
carrying a Vietnamese mark (a tone, or one of ă â ê ô ơ ư đ).

A wrong decoding of Vietnamese bytes (TCVN3 read as Windows-1258, VNI read as TCVN3 …)
yields words with foreign letters, symbols or two tones, so the right decoding scores far
higher than the wrong ones; English or French text scores near zero.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..engine import regexcache
from ..segment.text import TONE_MARKS

NOT_VIETNAMESE_BELOW = 0.15
SAMPLE_CHARS = 4000  # enough words to judge the language; the whole text would cost more

# Onset, one to three vowels, coda; checked on the lower-case word without its tone.
_SYLLABLE = regexcache.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
_MARKED = frozenset("ăâêôơưđ")
_WORD = regexcache.compile(r"\S+")
_EDGE = "\"'“”‘’()[]{}<>«».,;:!?…-–—/\\*#%&+=|_~`^0123456789"


@lru_cache(maxsize=1 << 16)
def _syllable(word: str) -> tuple[str, bool] | None:
    """(the lower-case word without its tone, whether it had one) when the word is a
    well-formed syllable, else None."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in TONE_MARKS)
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if tones > 1 or _SYLLABLE.fullmatch(bare) is None:
        return None
    return bare, tones == 1


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable, marked or not ("Hà", "Minh"; not "Email")."""
    return _syllable(word) is not None


def _is_marked_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable with at least one Vietnamese mark."""
    found = _syllable(word)
    return found is not None and (found[1] or not _MARKED.isdisjoint(found[0]))


def score(text: str) -> float:
    """Share of the words (runs of non-space with a letter) that are marked syllables."""
    words, marked = _counts(text)
    return marked / words if words else 0.0


def _counts(text: str, enough: float = float("inf")) -> tuple[int, int]:
    """(words, marked syllables) of `text`; stops once `enough` syllables are marked."""
    words = 0
    marked = 0
    for match in _WORD.finditer(text):
        word = match[0].strip(_EDGE)
        if not word or not any(c.isalpha() for c in word):
            continue
        words += 1
        marked += _is_marked_syllable(word)
        if marked >= enough:
            break
    return words, marked


def warnings(text: str) -> list[str]:
    """A warning for the record when the text does not read as Vietnamese."""
    if not text.strip():
        return []
    sample = text.lstrip()[:SAMPLE_CHARS]
    # The share cannot fall below the bar once this many syllables are marked: a Vietnamese
    # text is judged on its first lines.
    enough = NOT_VIETNAMESE_BELOW * len(sample.split())
    words, marked = _counts(sample, enough)
    if marked >= enough:
        return []
    share = marked / words if words else 0.0
    if share >= NOT_VIETNAMESE_BELOW:
        return []
    return [f"text does not look like Vietnamese ({share:.0%} of words are Vietnamese "
            "syllables); facts may be missing; if it looks garbled, pass --encoding"]
