"""Campaigns: named movements, contests, awards and models ("Hội thi “Dân vận khéo”")."""

from __future__ import annotations

from ..engine import regexcache, rules
from ..engine.matching import find, select
from ..output.models import Campaign
from ..segment.document import Doc

# Further quoted names listed after the first: "mô hình “A”, “B” và “C”".
_MORE = regexcache.compile(
    r"\s*(?:,|và|;)\s*(?:“(?P<name>[^“”\n]{2,160})”|\"(?P<name>[^\"\n]{2,160})\")"
)


def extract(doc: Doc) -> list[Campaign]:
    """Every named campaign in the content paragraphs, one mention per quoted name."""
    found: list[Campaign] = []
    for hit in select(find(doc, rules.load("campaigns"), doc.content())):
        m = hit.match
        kind = " ".join(m["kind"].lower().split())
        found.append(_campaign(doc, m.start(), m.end(), m.start("name"), m.end("name"), kind))
        pos = m.end()
        while more := _MORE.match(doc.view, pos):
            found.append(_campaign(doc, more.start("name") - 1, more.end(), more.start("name"),
                                   more.end("name"), kind))
            pos = more.end()
    return found


def _campaign(doc: Doc, start: int, end: int, name_start: int, name_end: int,
              kind: str) -> Campaign:
    return Campaign(text=doc.text[start:end], span=(start, end),
                    name=doc.text[name_start:name_end], kind=kind)
