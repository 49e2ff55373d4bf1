"""The pipeline: text -> roled paragraphs -> extractor families -> a validated Article.

Order matters once: documents run first and close their spans to dates and counts (the
2019 of 100/2019/NĐ-CP is not a date), and dates close theirs to counts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

from .engine import regexcache
from .families import campaigns, counts, dates, documents, lists, organizations, people
from .load import vietnamese
from .output.models import Article, Mention, Sentence, Source, Span, Token
from .segment.document import Doc, split_paragraphs
from .segment.layout import assign_roles
from .segment.tokens import word_spans


def build_doc(text: str) -> Doc:
    """NFC text to a Doc whose paragraphs carry their roles."""
    doc = Doc(text=text, paragraphs=split_paragraphs(text))
    assign_roles(doc)
    return doc


def extract(
    text: str,
    *,
    path: str = "-",
    sha256: str | None = None,
    encoding: str = "utf-8",
    with_tokens: bool = False,
    warnings: Sequence[str] = (),
) -> Article:
    """Extract every fact of one article. `text` is normalized to NFC; spans index that.

    `warnings` (from the load stage) go into the record, with one when the text does not
    read as Vietnamese.
    """
    text = unicodedata.normalize("NFC", text)
    doc = build_doc(text)
    found_documents = documents.extract(doc)
    closed: list[Span] = [m.span for d in found_documents for m in d.mentions]
    found_dates = dates.extract(doc, closed)
    documents.attach_dates(found_documents, found_dates, doc)
    closed += [d.span for d in found_dates]
    found_organizations = organizations.extract(doc)
    named = [m.span for o in found_organizations for m in o.mentions]
    numbered = [span for span in named if any(c.isdigit() for c in text[span[0]:span[1]])]
    digest = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    article = Article(
        source=Source(path=path, sha256=digest, chars=len(text), encoding=encoding,
                      warnings=[*warnings, *vietnamese.warnings(text)]),
        title=_mention(doc, "title"),
        lead=_mention(doc, "lead"),
        headings=[Mention(text=text[p.start : p.end], span=(p.start, p.end))
                  for p in doc.of_role("heading")],
        dates=found_dates,
        documents=found_documents,
        counts=counts.extract(doc, closed + numbered),  # the 7 of "Quân khu 7" counts nothing
        lists=lists.extract(doc),
        organizations=found_organizations,
        people=people.extract(doc, named),
        campaigns=campaigns.extract(doc),
        sentences=_sentences(doc) if with_tokens else None,
    )
    regexcache.save()  # the first article compiled every pattern: the next run loads them
    return article


def _mention(doc: Doc, role: str) -> Mention | None:
    paragraphs = doc.of_role(role)
    if not paragraphs:
        return None
    p = paragraphs[0]
    return Mention(text=doc.text[p.start : p.end], span=(p.start, p.end))


def _sentences(doc: Doc) -> list[Sentence]:
    """Every content sentence with underthesea's words, for `--tokens`."""
    out = []
    for para in doc.content():
        for start, end in doc.sentences(para):
            tokens = [Token(text=doc.text[s:e], span=(s, e)) for s, e in
                      word_spans(doc.view, start, end)]
            out.append(Sentence(text=doc.text[start:end], span=(start, end), tokens=tokens))
    return out
