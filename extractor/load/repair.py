"""Repairs of the load stage, on text that has its final characters (NFC, "\\n" endings).

Every input loses its invisible characters (zero-width spaces and joiners, word joiner,
BOMs inside the text, soft hyphens): they split words for the rules and show nothing.
Text pasted from a PDF is also unwrapped: a line that was broken to fit the page's width
joins the next one, a word hyphenated at a line end is mended, and non-breaking spaces
become spaces. Spans index the repaired text.
"""

from __future__ import annotations

from itertools import pairwise

from ..engine import regexcache

ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))
SOFT_HYPHEN = str.maketrans(dict.fromkeys("\u00ad"))
SPACES = str.maketrans(dict.fromkeys("\u00a0\u202f\u2007\u2009", " "))
SENTENCE_END = tuple(".!?…:;\"”’)»")
HYPHENS = ("-", "\u00ad")
# A crawler that drops a paragraph tag glues two sentences: "nhân dân.Hội nghị", "thế nào?Phải".
# A full stop, question or exclamation mark between lower-case letters and a capitalised word
# is a sentence end; initials, abbreviations ("T.Ư", "TP.HCM") and domains ("baomoi.com") have
# other letters around it.
GLUED_SENTENCE = regexcache.compile(
    r"(?<=\p{Ll}\p{Ll}[.?!])(?<!(?<![\p{L}])\p{Ll}{1,2}\.)(?=\p{Lu}\p{Ll})")  # not "tp.Huế"
# A lost tag with no full stop: a capitalised syllable right after the lower-case end of a
# word, one of the two with a Vietnamese letter (one with a mark; brands such as "VinaPhone"
# are ASCII), is where two blocks met, a heading or a byline and the paragraph after it:
# "tỉnh Khánh HòaThứ trưởng", "Việt AnhTừ 1/6", "VinaPhoneĐể". Only the letters of that one
# syllable are read after the break. Not in a hashtag ("#ChungTayVìCộngĐồng") nor in the
# Central Highlands' "ĐắkLắk", "KrôngPắc"; camel-case names with a mark ("AnPhát") are parted.
GLUED_WORDS = regexcache.compile(
    r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})(?<![ĐđKk](?:ắk|ăk|ắc|rông))(?<!#\w*)"
    r"(?:(?<=[^\x00-\x7f\W\d_]\p{Ll}*)"
    r"|(?=[^\x00-\x7f\W\d_]|\p{Lu}\p{Ll}*?[^\x00-\x7f\W\d_\p{Lu}]))")
MIN_LINES = 3
WRAPPED_SHARE = 0.3  # share of line breaks that must look like wraps to unwrap a text
FULL_LINE = 0.75  # a line this close to the page width was wrapped, not ended


def _width(lines: list[str]) -> int:
    """The page width: the length that nine lines in ten do not exceed."""
    lengths = sorted(len(line) for line in lines)
    return lengths[min(len(lengths) - 1, len(lengths) * 9 // 10)]


def _continues(line: str, following: str, width: int) -> bool:
    """Whether `following` goes on the sentence that `line` leaves open."""
    if not line or not following or line.endswith(SENTENCE_END):
        return False
    if line.endswith(HYPHENS) and line[-2:-1].isalnum() and following[0].isalnum():
        return True
    return following[0].islower() or len(line) >= FULL_LINE * width


def looks_hard_wrapped(text: str) -> bool:
    """Whether the text reads as lines cut to a page width (a PDF copy) rather than paragraphs."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    if len(filled) < MIN_LINES:
        return False
    wraps = sum(_is_wrap(a, b) for a, b in pairwise(lines) if a and b)
    return wraps >= WRAPPED_SHARE * (len(filled) - 1)


def _is_wrap(line: str, following: str) -> bool:
    """A break no paragraph ends with: mid-sentence before a lower-case word, or a hyphen."""
    if line.endswith(HYPHENS):
        return line[-2:-1].isalnum() and following[0].isalnum()
    return not line.endswith(SENTENCE_END) and following[0].islower()


def _join(line: str, following: str) -> str:
    if line.endswith(HYPHENS) and line[-2:-1].islower() and following[0].islower():
        return line[:-1] + following  # a syllable cut by hyphenation: "quy-" + "ết"
    if line.endswith(HYPHENS) and line[-2:-1].isalnum():
        return line + following  # a code cut at its hyphen: "01-" + "KL/TW"
    return f"{line} {following}"


def unwrap(text: str) -> str:
    """Join the lines of wrapped paragraphs; blank lines and ended sentences stay breaks."""
    lines = [line.strip() for line in text.translate(SPACES).split("\n")]
    width = _width([line for line in lines if line] or [""])
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line, width):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return "\n".join(out)


def repair(text: str) -> tuple[str, list[str]]:
    """The repaired text, and a note for the record when a PDF copy was unwrapped or glued
    sentences were parted."""
    notes = []
    text = text.translate(ZERO_WIDTH)
    if looks_hard_wrapped(text):
        text = unwrap(text)  # before soft hyphens go: at a line end they mark a cut word
        notes.append("lines wrapped at a page width (a PDF copy) were joined into paragraphs")
    text, glued = GLUED_SENTENCE.subn(" ", text.translate(SOFT_HYPHEN))
    if glued:
        notes.append(f"{glued} sentences glued at a lost tag (\"dân.Hội\") were parted by a space")
    text, glued = GLUED_WORDS.subn("\n", text)
    if glued:
        notes.append(f"blocks glued at a lost tag (\"HòaThứ\") parted by a line break: {glued}")
    return text, notes
