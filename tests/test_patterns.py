"""Every example and counter-example written in patterns/*.toml runs through extract()."""

from __future__ import annotations

from typing import Any

import pytest

from extractor import extract
from extractor.engine import rules
from extractor.output.models import Article
from extractor.pipeline import build_doc


def _lists(a: Article) -> list[dict[str, Any]]:
    """List items, with the item text under `text_is` (an example's `text` is its input)."""
    return [{"ordinal": i.ordinal, "text_is": i.text, "marker": i.marker, "list_kind": lst.kind}
            for lst in a.lists for i in lst.items]


def _found(family: str, article: Article) -> list[dict[str, Any]]:
    """What a family found, as dicts: each family's field bears its name (lists aside)."""
    if family == "lists":
        return _lists(article)
    return [m.model_dump() for m in getattr(article, family)]


def _cases() -> list[Any]:
    cases = []
    for family in rules.families():
        patterns = rules.load(family)
        owners = [(rule.id, rule.examples, rule.counter_examples) for rule in patterns.rules]
        owners.append((f"{family}.file", patterns.examples, patterns.counter_examples))
        for owner, examples, counters in owners:
            for n, example in enumerate(examples):
                cases.append(pytest.param(family, owner, example.text, example.expected(),
                                          id=f"{owner}-example-{n}"))
            for n, text in enumerate(counters):
                cases.append(pytest.param(family, owner, text, None,
                                          id=f"{owner}-counter-{n}"))
    return cases


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return abs(actual - expected) < 1e-6
    return actual == expected


@pytest.mark.parametrize(("family", "owner", "text", "expected"), _cases())
def test_pattern_example(family: str, owner: str, text: str,
                         expected: dict[str, Any] | None) -> None:
    if family == "layout":
        _check_layout(owner, text, expected)
        return
    found = _found(family, extract(text))
    if expected is None:
        assert found == [], f"counter-example of {owner} matched: {found}"
        return
    assert any(all(_same(m.get(k), v) for k, v in expected.items()) for m in found), (
        f"{owner}: no mention with {expected} in {found}"
    )


def _check_layout(owner: str, text: str, expected: dict[str, Any] | None) -> None:
    """Layout rules judge one line: it is the second line, after a title."""
    doc = build_doc("Tiêu đề bài viết\n" + text)
    role = doc.paragraphs[1].role
    rule = next((r for r in rules.load("layout").rules if r.id == owner), None)
    if expected is None:
        assert rule is not None and role != rule.kind, f"{owner} counter-example got {role}"
    else:
        assert role == expected["role"], f"{owner}: {text!r} got role {role}"


def test_every_rule_has_an_example() -> None:
    for family in rules.families():
        for rule in rules.load(family).rules:
            assert rule.examples, f"{rule.id} has no example"


def test_rule_ids_are_unique() -> None:
    ids = [r.id for f in rules.families() for r in rules.load(f).rules]
    assert len(ids) == len(set(ids))


def test_a_rank_before_its_total_is_not_a_part_of_it() -> None:
    """"32 trong tổng số 40 xã" counts 32 xã, but "giải 3 trong số 40 giải" is the third prize."""
    counts = extract("Bức ảnh đoạt giải 3 trong số 40 giải của cuộc thi.").counts
    assert [(c.value, c.unit) for c in counts] == [(40, "giải")]
