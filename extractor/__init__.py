"""vnextract: facts out of Vietnamese Party and state news articles, as validated JSON.

    >>> from extractor import extract
    >>> article = extract(open("article.txt", encoding="utf-8").read())
    >>> [d.code for d in article.documents]
"""

from .models import SCHEMA_VERSION, Article
from .pipeline import extract

__all__ = ["SCHEMA_VERSION", "Article", "extract"]
__version__ = "0.1.0"
