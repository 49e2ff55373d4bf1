"""vnextract: facts out of Vietnamese Party and state news articles, as validated JSON.

    >>> from extractor import extract
    >>> article = extract(open("article.txt", encoding="utf-8").read())
    >>> [d.code for d in article.documents]

The names below are imported on first use, so that `vnextract --help` and `schema` do not
load the pipeline (and `--help` not even pydantic).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .output.models import SCHEMA_VERSION, Article
    from .pipeline import extract

__all__ = ["SCHEMA_VERSION", "Article", "extract"]
__version__ = "0.1.0"

_LAZY = {"SCHEMA_VERSION": ".output.models", "Article": ".output.models", "extract": ".pipeline"}


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
