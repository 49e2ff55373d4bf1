"""Strict number readers: Vietnamese digits ("2.396", "98,5") and Roman numerals.

Strict on purpose: a string that is not a well-formed number raises ValueError rather than
being read as something else ("1.500" is 1500, never 1.5).
"""

from __future__ import annotations

from decimal import Decimal

from ..engine import regexcache, rules

_VI_NUMBER = regexcache.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_DOT_DECIMAL = regexcache.compile(r"\d+\.\d{1,2}")  # "6.2%": only groups of three are thousands
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_FORM = regexcache.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

MAX_DIGITS = 18  # longer runs of digits are codes or noise; floats would lose them anyway


def parse_vi_number(text: str) -> float:
    """'2.396' -> 2396, '98,5' -> 98.5, '1.250,75' -> 1250.75, '6.2' -> 6.2; else raises."""
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise ValueError(f"too many digits for a count: {text[:20]!r}…")
    if _DOT_DECIMAL.fullmatch(text):
        return float(text)
    if not _VI_NUMBER.fullmatch(text):
        raise ValueError(f"not a Vietnamese number: {text!r}")
    return float(text.replace(".", "").replace(",", "."))


def scaled(value: float, scale: str | None) -> float:
    """Fold scale words into the value: (1.2, 'triệu') -> 1200000, 'nghìn tỷ' -> 1e12."""
    exact = Decimal(repr(value))  # 8,3 tỷ is 8300000000, not 8300000000.000001
    for word in (scale or "").lower().split():
        exact *= Decimal(rules.load("counts").tables["scales"][word.lower()])
    return round(float(exact), 6)


def scale_factor(word: str) -> float:
    """What a scale word multiplies by ("nghìn" -> 1000), from patterns/counts.toml."""
    return float(rules.load("counts").tables["scales"][word.lower()])


def roman_to_int(text: str) -> int:
    """'XIII' -> 13; raises on anything that is not a canonical Roman numeral."""
    upper = text.upper()
    if not upper or not _ROMAN_FORM.fullmatch(upper):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for char, following in zip(upper, [*upper[1:], ""], strict=True):
        value = _ROMAN[char]
        total += -value if following and _ROMAN[following] > value else value
    return total
