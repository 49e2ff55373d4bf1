"""The output contract on every article we have: spans index the NFC text, schema holds."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from extractor import Article, extract
from extractor.output.emit import to_dict

from .conftest import articles

SCHEMA = Article.model_json_schema(mode="serialization")


def _mentions(node: Any) -> Iterator[dict[str, Any]]:
    """Every object of the output that has a text and a span, at any depth."""
    if isinstance(node, dict):
        if "text" in node and "span" in node:
            yield node
        for value in node.values():
            yield from _mentions(value)
    elif isinstance(node, list):
        for value in node:
            yield from _mentions(value)


@pytest.fixture(scope="module", params=articles(), ids=lambda p: p.stem)
def output(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    text = unicodedata.normalize("NFC", Path(request.param).read_text(encoding="utf-8"))
    return text, to_dict(extract(text, with_tokens=True))


def test_every_span_indexes_the_nfc_text(output: tuple[str, dict[str, Any]]) -> None:
    text, data = output
    found = list(_mentions(data))
    assert found
    for mention in found:
        start, end = mention["span"]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == mention["text"]


def test_output_validates_against_the_schema(output: tuple[str, dict[str, Any]]) -> None:
    jsonschema.validate(output[1], SCHEMA)


def test_output_is_deterministic(output: tuple[str, dict[str, Any]]) -> None:
    text, data = output
    again = to_dict(extract(text, with_tokens=True))
    assert json.dumps(again, ensure_ascii=False) == json.dumps(data, ensure_ascii=False)


def test_source_counts_nfc_characters() -> None:
    decomposed = unicodedata.normalize("NFD", "Tỉnh ủy họp ngày 11/6/2024.")
    article = extract(decomposed)
    assert article.source.chars == len(unicodedata.normalize("NFC", decomposed))
    assert [d.value for d in article.dates] == ["2024-06-11"]


def test_old_and_new_tone_placement_read_the_same() -> None:
    sentence = "Tiêu đề\nTỉnh {} ban hành Kết luận số 01-KL/TƯ của Bộ Chính trị {} XIII."
    old = extract(sentence.format("uỷ", "khoá"))
    new = extract(sentence.format("ủy", "khóa"))
    assert [d.code for d in old.documents] == [d.code for d in new.documents] == ["01-KL/TW"]
    assert old.documents[0].issuer == "Bộ Chính trị khoá XIII"
    assert new.documents[0].issuer == "Bộ Chính trị khóa XIII"
