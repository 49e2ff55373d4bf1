"""Load the rule files of `patterns/` (TOML), validate them, compile each regex once.

A rule file is data: rules with a stable id, a verbose regex with named groups, a priority,
examples (text and the fields the mention must have) and counter-examples (text that must
yield nothing of the family). The test suite runs every example through `extract()`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..segment.text import fold_key
from . import regexcache
from .alternation import tree

_LEXICON_REF = regexcache.compile(r"@([a-z_]+)")
_REFERENCE = regexcache.compile(r"\(\?P=|\(\?\(|\\[1-9]|\\g<")  # to a group read before
_FLAGS = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE}
# Simple case folding: the V1 default (full folding, ß = ss) makes IGNORECASE rules scan
# 3-10x slower and no Vietnamese letter folds to more than one character.
_SIMPLE_CASE = "(?-f)"


class Example(BaseModel):
    """A text and the fields one of its mentions must carry (any other key is a field)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    text: str

    def expected(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class RuleSpec(BaseModel):
    """One rule as its file writes it (validated)."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9_.]+$")
    regex: str
    # Words written before what `regex` matches ("giai đoạn 2021-2025"), looked for only where
    # `regex` matched: a pattern that opens with a digit is scanned many times faster than one
    # that opens with a choice of words. `lead_required`: no match without them. A lead must
    # fit in `matching.LEAD_REACH` characters. Only `matching.find` reads leads: a rule used
    # through its `pattern` elsewhere has none. A lead is matched backwards (`Rule.lead`), where
    # a group cannot be referred to after it is read: no backreference or conditional in it.
    lead: str = ""
    lead_required: bool = False
    # A plain regex every match contains ("\\d[/.]\\d"): a paragraph without it is not scanned
    # for the rule, which saves a slow scan where the rule rarely matches.
    needs: str = ""
    kind: str = ""
    priority: int = 0
    flags: list[Literal["IGNORECASE", "MULTILINE"]] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)

    @field_validator("lead")
    @classmethod
    def _no_reference(cls, lead: str) -> str:
        if _REFERENCE.search(lead):
            raise ValueError("a lead is matched backwards: no backreference or conditional")
        return lead


class FileSpec(BaseModel):
    """A rule file as written (validated); `load` turns it into a `PatternFile`."""

    model_config = ConfigDict(extra="forbid")
    family: str
    description: str = ""
    rules: list[RuleSpec] = Field(default_factory=list)
    lexicon: dict[str, list[str]] = Field(default_factory=dict)
    tables: dict[str, dict[str, str]] = Field(default_factory=dict)
    examples: list[Example] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """A compiled rule, as the extractors use it: plain attributes, read on every match."""

    id: str
    kind: str
    priority: int
    pattern: regex.Pattern[str]
    examples: tuple[Example, ...]
    counter_examples: tuple[str, ...]
    # The lead (see `RuleSpec.lead`) ending where `pattern` starts, searched backwards and
    # leftmost-longest: the longest lead ending there starts where a forward search finds the
    # leftmost one, in one attempt at the match instead of one at every start in the window.
    lead: regex.Pattern[str] | None = None
    lead_required: bool = False
    needs: regex.Pattern[str] | None = None  # in every paragraph it matches (`RuleSpec.needs`)
    whole: regex.Pattern[str] | None = None  # lead and regex as one, when the lead has groups
    # The same lead read forwards, for an empty window (the match opens where the scan stands),
    # where `regex` finds no empty backward match that a lookbehind decides ("(" before "13-14/5").
    lead_here: regex.Pattern[str] | None = None


@dataclass
class PatternFile:
    """A loaded rule file: its compiled rules, and its lexicon and tables as data."""

    family: str
    lexicon: dict[str, list[str]]
    tables: dict[str, dict[str, str]]
    examples: tuple[Example, ...] = ()
    counter_examples: tuple[str, ...] = ()
    rules: list[Rule] = field(default_factory=list)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _alternations: dict[str, str] = field(default_factory=dict, repr=False)

    def words(self, name: str) -> frozenset[str]:
        """A word list of the lexicon, as a set (KeyError names a missing list); built once."""
        if name not in self._words:
            self._words[name] = frozenset(self._list(name))
        return self._words[name]

    def folded(self, name: str) -> frozenset[str]:
        """A word list as `text.fold_key` keys, to compare with folded text; built once."""
        key = f"folded:{name}"
        if key not in self._words:
            self._words[key] = frozenset(fold_key(w) for w in self._list(name))
        return self._words[key]

    def alternation(self, name: str, *, fold: bool = False) -> str:
        """A word list as a regex alternation (a prefix tree: longer words win, see
        `alternation.tree`); `fold` for a pattern that ignores case; built once."""
        key = f"{name}:{fold}"
        if key not in self._alternations:
            self._alternations[key] = tree(self._list(name), fold=fold)
        return self._alternations[key]

    def compile(self, spec: RuleSpec) -> Rule:
        """A rule's regex compiled, with each `@name` replaced by the word list `name`."""
        flags = regex.VERBOSE | regex.V1
        for name in spec.flags:
            flags |= _FLAGS[name]
        fold = bool(flags & regex.IGNORECASE)

        def source(text: str) -> str:
            return _SIMPLE_CASE + _LEXICON_REF.sub(
                lambda m: f"(?:{self.alternation(m[1], fold=fold)})", text)

        lead_source = source(f"(?:{spec.lead})\\Z")
        lead = regexcache.compile(lead_source, flags | regex.REVERSE | regex.POSIX) \
            if spec.lead else None
        lead_here = regexcache.compile(lead_source, flags) if spec.lead else None
        lead_groups = list(lead.groupindex) if lead else []
        # A lead's groups are declared unmatched in `regex` alone, which may test them
        # ("(?(between)và|(?!))"); the match a family reads is `whole`, run again at the lead.
        unmatched = "".join(f"(?:(?!)(?P<{name}>))?" for name in lead_groups)
        pattern = regexcache.compile(source(unmatched + spec.regex), flags)
        needs = regexcache.compile(spec.needs, regex.V1) if spec.needs else None
        optional = "" if spec.lead_required else "?"
        whole = regexcache.compile(source(f"(?:{spec.lead}){optional}(?:{spec.regex})"),
                                   flags) if lead_groups else None
        return Rule(spec.id, spec.kind, spec.priority, pattern, tuple(spec.examples),
                    tuple(spec.counter_examples), lead, spec.lead_required, needs, whole,
                    lead_here)

    def _list(self, name: str) -> list[str]:
        """A lexicon list, or the keys of a table of that name (one source for both uses)."""
        return self.lexicon[name] if name in self.lexicon else list(self.tables[name])


def data_file(name: str) -> Path:
    """A data file shipped inside the package: `extractor/data/NAME`."""
    return Path(__file__).resolve().parent.parent / "data" / name


def patterns_dir() -> Path:
    """`extractor/patterns` in an installed wheel, the checkout's `patterns/` otherwise."""
    here = Path(__file__).resolve().parent.parent  # extractor/
    packaged = here / "patterns"
    return packaged if packaged.is_dir() else here.parent / "patterns"


@cache
def load(family: str) -> PatternFile:
    """The validated rule file `patterns/<family>.toml`, loaded once per process."""
    spec = FileSpec.model_validate(_parsed(family))
    patterns = PatternFile(spec.family, spec.lexicon, spec.tables, tuple(spec.examples),
                           tuple(spec.counter_examples))
    # every rule compiled now, so that a broken regex fails at load and not mid-run
    patterns.rules = [patterns.compile(rule) for rule in spec.rules]
    return patterns


def _parsed(family: str) -> dict[str, Any]:
    """The data of `patterns/<family>.toml`: kept as JSON in the pattern cache, keyed by the
    file's digest, since parsing the TOML takes 35 ms a run; an entry that no longer loads is
    parsed again, and a file holding what JSON cannot (a TOML date) is never kept."""
    raw = (patterns_dir() / f"{family}.toml").read_bytes()
    key = f"toml:{family}:{hashlib.sha256(raw).hexdigest()}"
    if (kept := regexcache.text(key)) is not None:
        with contextlib.suppress(ValueError):
            if isinstance(data := json.loads(kept), dict):
                return data
    data = tomllib.loads(raw.decode("utf-8"))
    with contextlib.suppress(TypeError):
        regexcache.keep_text(key, json.dumps(data))
    return data


def families() -> list[str]:
    """Every rule file shipped, by family name."""
    return sorted(p.stem for p in patterns_dir().glob("*.toml"))
