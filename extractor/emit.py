"""Serialize Articles: one JSON document, UTF-8 as written (never \\u escapes)."""

from __future__ import annotations

import json

from .models import Article


def to_dict(article: Article) -> dict:
    """The Article as plain JSON data; `sentences` is left out unless it was asked for."""
    exclude = {"sentences"} if article.sentences is None else set()
    return article.model_dump(mode="json", exclude=exclude)


def dumps(article: Article, indent: bool = False) -> str:
    """Pretty (indent 2) for people, one compact line for pipes."""
    data = to_dict(article)
    if indent:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
