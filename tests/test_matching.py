"""A rule with lead words finds what the one regex `(?:lead)?regex` would find."""

from __future__ import annotations

import regex

from extractor.engine import rules
from extractor.engine.matching import find
from extractor.pipeline import build_doc

from .conftest import ROOT, articles


def _texts() -> list[str]:
    synthetic = sorted((ROOT / "tests" / "data" / "synthetic").glob("*.txt"))
    return [path.read_text("utf-8") for path in [*articles(), *synthetic]]


# The lead's groups that `rules` declares unmatched at the start of `regex` alone.
_UNMATCHED = regex.compile(r"^(?:\(\?:\(\?!\)\(\?P<\w+>\)\)\?)+")


def _combined(rule: rules.Rule) -> regex.Pattern[str]:
    """The rule's lead and regex as one pattern, as rules were written before leads (built
    here from the two, not taken from `rule.whole`)."""
    assert rule.lead is not None
    lead = rule.lead.pattern.removeprefix("(?-f)").removesuffix("\\Z")
    body = _UNMATCHED.sub("", rule.pattern.pattern.removeprefix("(?-f)"))
    optional = "" if rule.lead_required else "?"
    return regex.compile(f"(?-f)(?:{lead}){optional}(?:{body})", rule.pattern.flags)


def test_rules_with_lead_words_match_like_one_regex() -> None:
    docs = [build_doc(text) for text in _texts()]
    led = [(patterns, rule) for family in rules.families()
           for patterns in [rules.load(family)] for rule in patterns.rules if rule.lead]
    assert len(led) >= 4
    found = 0
    for patterns, rule in led:
        whole = _combined(rule)
        alone = rules.PatternFile(patterns.family, patterns.lexicon, patterns.tables, rules=[rule])
        for doc in docs:
            ours = [(h.start, h.end) for h in find(doc, alone, doc.content())]
            theirs = [m.span() for p in doc.content()
                      for m in whole.finditer(doc.view, p.start, p.end) if m.end() > m.start()]
            assert ours == theirs, (rule.id, doc.text[:40])
            found += len(ours)
    assert found > 50


def test_a_rules_needs_is_inside_every_match_of_the_rule() -> None:
    """`needs` only skips paragraphs the rule cannot match: every match, on the articles and
    the rule's own examples, contains it."""
    needing = [rule for family in rules.families() for rule in rules.load(family).rules
               if rule.needs]
    assert needing
    found = 0
    for rule in needing:
        texts = [*_texts(), *(example.text for example in rule.examples)]
        for text in texts:
            for match in rule.pattern.finditer(build_doc(text).view):
                assert rule.needs.search(match[0]), (rule.id, match[0])
                found += 1
    assert found >= 3
