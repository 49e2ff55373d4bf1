"""Word lists as regex alternations that scan fast.

A flat alternation of a hundred words ("Ban Chấp hành|Ban Bí thư|Bộ|…") makes the regex
engine try every word at every position of an article; the same words as a prefix tree
("B(?:an(?:\\s+(?:Chấp…|Bí…)|)|ộ)") fail at the first character no word has there. The tree
matches what the longest-first list matches: a word is tried only after every longer word
that shares its prefix, and two words that part ways cannot both match the same text.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from . import regexcache

SPACES = r"\s+"  # by default a space inside a word matches any run of white space

Node = dict[str, "Node"]
_END = ""  # the key of a node where a word ends


def tree(words: Iterable[str], *, fold: bool = False, space: str = SPACES) -> str:
    """`words` as one alternation (no outer group); `fold` lower-cases them for a rule that
    ignores case, so that "Ban" and "ban" share a branch; `space` is what a space matches.
    Kept in the pattern cache between runs."""
    listed = list(words)
    key = "\x00".join([f"tree:{fold}:{space}", *listed])
    return regexcache.source(key, lambda: _build(listed, fold, space))


def _build(words: list[str], fold: bool, space: str) -> str:
    root: Node = {}
    for word in words:
        node = root
        for token in _tokens(word, fold, space):
            node = node.setdefault(token, {})
        node[_END] = {}
    return _emit(root)


def _tokens(word: str, fold: bool, space: str) -> list[str]:
    tokens: list[str] = []
    for char in word:
        if char.isspace():
            if not tokens or tokens[-1] != space:
                tokens.append(space)
            continue
        lower = char.lower() if fold else char
        char = lower if len(lower) == 1 else char
        tokens.append(char if char.isalnum() else regex.escape(char))
    return tokens


def _emit(node: Node) -> str:
    """Longer words first: the branches, then the end of a word (an empty alternative)."""
    branches = [token + _emit(child) for token, child in node.items() if token != _END]
    if _END not in node:
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{'|'.join(branches)}|)" if branches else ""
