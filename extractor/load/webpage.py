"""A news web page to the article's text: title, publication date line, then paragraphs.

Parsing is selectolax's lexbor engine (an HTML5 parser; entities decoded, comments kept
apart). Page furniture is dropped by tag (scripts, styles, navigation, header, footer,
forms) and by class or id words (related-article boxes, sharing, comments, menus). The
article body is the element holding the most paragraph text, widened to the <article>
around it, or else to its parents while they add little (the lead often sits beside the
body).

The parser's time grows with the square of the nesting depth (100,000 nested <div>: 68 s in
C, where no signal stops it), so `too_deep` scans the raw tags first and a page deeper
than `MAX_DEPTH` is refused before parsing; what follows the parse costs a step per node.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

from ..engine import regexcache

if TYPE_CHECKING:  # the parser is imported by the two functions that parse: a text file needs none
    from selectolax.lexbor import LexborHTMLParser, LexborNode

DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "form", "button", "select", "input", "textarea", "nav", "header", "footer", "aside",
)
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td",
    "th", "address", "body", "html", "br", "hr",
})
# Class/id names that mark furniture: words found inside a name ("box-tin-lien-quan" holds
# "lienquan" once its dashes are gone), and short parts that must match a whole part ("ads").
JUNK_INSIDE = (
    "related", "lienquan", "breadcrumb", "comment", "social", "share", "sidebar", "advert",
    "banner", "menu", "navbar", "navigation", "footer", "header", "subscribe", "popup",
    "toolbar", "docnhieu", "xemnhieu", "tinkhac", "othernews", "morenews", "readmore",
)
JUNK_PARTS = frozenset({"ads", "ad", "tag", "tags", "nav", "print", "rating", "relate"})
WIDEN_RATIO = 1.5
MAX_DEPTH = 512  # elements open at once; news pages nest a few dozen deep
# Elements that hold no content, or that the parser closes when a sibling opens (p, li,
# td …): an unclosed <p> per paragraph is common in old pages and nests nothing.
NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen", "frame", "basefont", "bgsound", "p", "li", "dt",
    "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "caption", "rb", "rt", "rtc", "rp",
})
FOREIGN = ("svg", "math")  # where "<path/>" closes itself; "<div/>" opens a <div> as "<div>"
_TAG = regexcache.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*?(/?)>")  # never runs past the next "<"
DATE_SELECTORS = (
    ('meta[property="article:published_time"]', "content"),
    ('meta[itemprop="datePublished"]', "content"),
    ('[itemprop="datePublished"]', "datetime"),
    ('meta[name="pubdate"]', "content"),
    ('meta[name="publishdate"]', "content"),
    ("time[datetime]", "datetime"),
)


def looks_like_html(text: str) -> bool:
    """Whether text starts the way a web page does (a doctype, <html>, <head> or <body>)."""
    head = text.lstrip("\ufeff \t\r\n")[:64].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<!--", "<meta"))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset> or <meta http-equiv>, if any."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data[:4096].decode("latin-1"))
    meta = tree.css_first("meta[charset]")
    if meta is not None:
        return (meta.attributes.get("charset") or "").strip() or None
    for meta in tree.css("meta[http-equiv]"):
        content = (meta.attributes.get("content") or "").lower()
        if "charset=" in content:
            return content.split("charset=", 1)[1].split(";")[0].strip() or None
    return None


def too_deep(page: str) -> bool:
    """Whether the page's elements nest deeper than `MAX_DEPTH`, by one pass over its raw
    tags, as the parser would close them: an end tag closes every element opened inside its
    own; `NOT_NESTING` elements and those closed by "/>" in SVG or MathML do not count."""
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    for tag in _TAG.finditer(page):
        closing, name, self_closed = tag[1], tag[2].lower(), tag[3]
        if name in NOT_NESTING or (self_closed and (
                name in FOREIGN or open_names["svg"] or open_names["math"])):
            continue
        if not closing:
            stack.append(name)
            open_names[name] += 1
            if len(stack) > MAX_DEPTH:
                return True
        elif open_names[name]:
            while (top := stack.pop()) != name:
                open_names[top] -= 1
            open_names[name] -= 1
    return False


def _is_junk(node: LexborNode) -> bool:
    names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
    for name in names.split():
        parts = name.replace("_", "-").split("-")
        joined = "".join(parts)
        if not JUNK_PARTS.isdisjoint(parts) or any(word in joined for word in JUNK_INSIDE):
            return True
    return False


def _clean(tree: LexborHTMLParser) -> None:
    """Drop furniture by tag and by class/id words, and every comment."""
    tree.strip_tags(list(DROP_TAGS))
    body = tree.body
    if body is None:
        return
    for node in body.css("[class], [id]"):
        if node.tag not in ("html", "body") and _is_junk(node):
            node.decompose()


def paragraphs(root: LexborNode) -> list[str]:
    """The text of `root` as paragraphs: one per block element and per <br>, spaces squeezed.
    A text node belongs to the nearest block element above it; each element's is remembered
    as the walk (parents first) passes, so a deep page costs a step per node, not per level."""
    found: list[str] = []
    current: list[str] = []
    block_id: int | None = None
    blocks: dict[int, int] = {}  # element -> its block element (by mem_id); above root: root
    for node in root.traverse(include_text=True):
        if node.tag in ("br", "hr"):
            block_id = None
        parent = node.parent
        above = blocks.get(parent.mem_id, root.mem_id) if parent is not None else root.mem_id
        if node.tag != "-text":
            blocks[node.mem_id] = node.mem_id if node.tag in BLOCK_TAGS else above
            continue
        if above != block_id:
            found.append(" ".join("".join(current).split()))
            current, block_id = [], above
        current.append(node.text_content or "")
    found.append(" ".join("".join(current).split()))
    return [p for p in found if p]


def _text_length(node: LexborNode) -> int:
    return len(" ".join(node.text(separator=" ").split()))


def main_content(body: LexborNode) -> LexborNode:
    """The element holding the article body (see the module doc)."""
    marked = body.css_first('[itemprop="articleBody"]')
    if marked is not None:
        return marked
    scores: dict[int, tuple[int, LexborNode]] = {}
    for para in body.css("p"):
        parent = para.parent
        if parent is not None:
            total = scores.get(parent.mem_id, (0, parent))[0]
            scores[parent.mem_id] = (total + _text_length(para), parent)
    if not scores:
        return body
    best = max(scores.values(), key=lambda pair: pair[0])[1]
    article = _ancestor(best, "article")
    if article is not None:
        return article
    size = _text_length(best)
    while best.parent is not None and best.parent.tag not in ("body", "html"):
        if _text_length(best.parent) > WIDEN_RATIO * size:
            break
        best = best.parent
    return best


def _ancestor(node: LexborNode, tag: str) -> LexborNode | None:
    """The nearest element with `tag` at or above `node`."""
    current: LexborNode | None = node
    while current is not None and current.tag != tag:
        current = current.parent
    return current


def _meta(tree: LexborHTMLParser, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return " ".join(value.split()) if value else None


def title(tree: LexborHTMLParser) -> str | None:
    """The headline: og:title, else the first <h1>, else <title>."""
    found = _meta(tree, 'meta[property="og:title"]', "content")
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        if found is None and node is not None:
            found = " ".join(node.text().split()) or None
    return found


def date_line(tree: LexborHTMLParser) -> str | None:
    """The publication date of the page's metadata as a dd/mm/yyyy [hh:mm] line."""
    for selector, attribute in DATE_SELECTORS:
        value = _meta(tree, selector, attribute)
        if not value:
            continue
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        has_time = "T" in value or " " in value
        return when.strftime("%d/%m/%Y %H:%M" if has_time else "%d/%m/%Y")
    return None


def to_text(page: str) -> str:
    """The article of a page as text: title, date line, paragraphs, a blank line between."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    headline, published = title(tree), date_line(tree)
    _clean(tree)
    body = tree.body
    found = paragraphs(main_content(body)) if body is not None else []
    if headline and found and found[0] == headline:
        found.pop(0)
    lines = [line for line in (headline, published) if line] + found
    return "\n\n".join(lines) + "\n" if lines else ""
