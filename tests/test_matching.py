"""A rule with lead words finds what the one regex `(?:lead)?regex` would find."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

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
    led = _led()
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


# Pieces of text around the led rules' matches: lead words, brackets and line breaks right
# before a number (where the lead is searched in an empty window), numbers of every family.
PIECES = st.sampled_from([
    "từ ", "ngày ", "sáng ", "hôm nay ", "(", "( ", ")", "và ", "avà ", " ", "  ", "\n", "(\n",
    "và\n", "năm ",
    "giai đoạn ", "nhiệm kỳ ", "trên ", "hơn ", "không hơn ", "giữa ", "âm ", "-", "x-", ",", ".",
    ": ", "“", "”", "Kết luận ", "nghị quyết ", "phong trào ", "13-14/5", "10-11/5", "2021-2025",
    "1.200", "20", "7", "6%", "1,5 tỷ", " người", " đồng", "05-KL/TW", "số 12"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example("Hội thi diễn ra hai đợt (\n13-14/5) tại trường.")
@example("Hội thi diễn ra các ngày 10-11/5 và\n13-14/5 tại trường.")
def test_rules_with_lead_words_match_like_one_regex_on_any_joining(text: str) -> None:
    """Also where a match opens a line or follows the one before it, so that its lead is
    searched in an empty window ("(\n13-14/5)")."""
    doc = build_doc(text)
    for patterns, rule in _led():
        alone = rules.PatternFile(patterns.family, patterns.lexicon, patterns.tables, rules=[rule])
        ours = [(h.start, h.end) for h in find(doc, alone, doc.content())]
        whole = _combined(rule)
        theirs = [m.span() for p in doc.content()
                  for m in whole.finditer(doc.view, p.start, p.end) if m.end() > m.start()]
        assert ours == theirs, rule.id


def _led() -> list[tuple[rules.PatternFile, rules.Rule]]:
    return [(patterns, rule) for family in rules.families()
            for patterns in [rules.load(family)] for rule in patterns.rules if rule.lead]


def test_a_lead_may_not_refer_to_its_own_groups() -> None:
    """Leads are matched backwards, where a group is read after what refers to it."""
    for lead in ["(?P<a>x)(?P=a)", "(x)\\1", "(?P<a>x)?(?(a)y|z)"]:
        with pytest.raises(ValueError, match="backwards"):
            rules.RuleSpec(id="x", regex="\\d", lead=lead)


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
