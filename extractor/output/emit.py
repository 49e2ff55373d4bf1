"""Serialize Articles: one JSON document, UTF-8 as written (never \\u escapes)."""

from __future__ import annotations

import json
from typing import Any

from .models import Article


def to_dict(article: Article) -> dict[str, Any]:
    """The Article as plain JSON data; `sentences` is left out unless it was asked for."""
    exclude = {"sentences"} if article.sentences is None else set()
    return article.model_dump(mode="json", exclude=exclude)


def dumps(data: dict[str, Any], indent: bool = False) -> str:
    """Pretty (indent 2) for people, one compact line for pipes; UTF-8 as written."""
    if indent:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2)
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
