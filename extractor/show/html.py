"""The view as one standalone HTML page: inline CSS, no script, nothing fetched.

Each paragraph is a row: the text with its marks, and beside it the values of the facts
first drawn there. Every mark also carries its value as a tooltip. The legend's checkboxes
hide a kind's marks with CSS alone (`:has`), so the page works from a file, offline.
"""

from __future__ import annotations

from html import escape

from .spans import COLOURS, KINDS, Mark, Paragraph, Segment, View
from .terminal import note_line

TAGS = {"title": "h1", "heading": "h2", "lead": "p", "body": "p"}

STYLE = """
:root { --ink: #1d2228; --muted: #5d6670; --rule: #e3e6ea; %(vars)s }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, "Segoe UI", "Noto Sans", sans-serif;
       color: var(--ink); background: #fbfbfc; }
header { position: sticky; top: 0; z-index: 1; background: #fff; padding: .7rem 2rem;
         border-bottom: 1px solid var(--rule); }
header .source { margin: 0 0 .4rem; color: var(--muted); font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: .45rem; }
.legend label { display: inline-flex; align-items: center; gap: .35rem; cursor: pointer;
                padding: .1rem .6rem; border-radius: 1rem; background: var(--c);
                font-size: .9rem; }
.legend input { margin: 0; }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem;
       border-bottom: 1px solid var(--rule); padding: .6rem 0; }
.row > .text > * { margin: 0; }
h1 { font-size: 1.6rem; line-height: 1.3; }
h2 { font-size: 1.15rem; }
p.lead { font-weight: 600; }
mark { color: inherit; background: var(--c); border-radius: .2rem; padding: 0 .1rem;
       box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.inner { box-shadow: inset 0 -.18rem 0 var(--muted); }
.part { border-left: 3px solid #9aa3ad; padding-left: .3rem; }
.badge { display: inline-block; font-size: .72rem; font-weight: 600; line-height: 1.4;
         color: #fff; background: #56606b; border-radius: .25rem; padding: 0 .35rem;
         margin-right: .3rem; vertical-align: .1rem; }
aside { font-size: .85rem; color: var(--muted); }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { margin: .1rem 0 .25rem; padding-left: 1rem; text-indent: -1rem; }
aside li::before { content: ""; display: inline-block; width: .65rem; height: .65rem;
                   margin-right: .35rem; border-radius: .15rem; background: var(--c); }
aside b { color: var(--ink); font-weight: 600; }
aside ul ul li { margin-left: 1rem; }
@media (max-width: 52rem) { .row { grid-template-columns: 1fr; gap: .3rem; } }
%(kinds)s
"""


def page(view: View, path: str, title: str | None) -> str:
    """The whole page; every piece of article text is HTML-escaped."""
    kinds = "\n".join(
        f".k-{k} {{ --c: var(--{k}); }}\n"
        f"body:has(#show-{k}:not(:checked)) mark.k-{k} {{ background: none; box-shadow: none; }}\n"
        f"body:has(#show-{k}:not(:checked)) aside li.k-{k} {{ display: none; }}"
        for k in KINDS)
    style = STYLE % {"vars": " ".join(f"--{k}: {c};" for k, c in COLOURS.items()),
                     "kinds": kinds}
    legend = "".join(
        f'<label class="k-{k}"><input type="checkbox" id="show-{k}" checked> {k} <b>{n}</b>'
        f"</label>" for k, n in view.drawn.items())
    rows = "\n".join(_row(p) for p in view.paragraphs)
    heading = escape(title or path)
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{heading} · vnextract show</title>\n<style>{style}</style>\n</head>\n"
            f'<body>\n<header>\n<p class="source">vnextract show · {escape(path)}</p>\n'
            f'<div class="legend">{legend}</div>\n</header>\n<main>\n{rows}\n</main>\n'
            f"</body>\n</html>\n")


def _row(paragraph: Paragraph) -> str:
    tag = TAGS[paragraph.role]
    lead = ' class="lead"' if paragraph.role == "lead" else ""
    notes = "".join(_note(m) for m in paragraph.notes)
    aside = f"<aside><ul>{notes}</ul></aside>" if notes else "<aside></aside>"
    return (f'<section class="row {paragraph.role}"><div class="text"><{tag}{lead}>'
            f"{_inline(paragraph.segments)}</{tag}></div>{aside}</section>")


def _inline(segments: tuple[Segment, ...]) -> str:
    """Marks, with each list part wrapped in a span that opens on its label."""
    out: list[str] = []
    current = None
    for segment in segments:
        if segment.part is not current:
            if current is not None:
                out.append("</span>")
            current = segment.part
            if current is not None:
                out.append(f'<span class="part {current.kind}">')
                if segment.opens:
                    out.append(f'<span class="badge">{escape(current.label)}</span>')
        out.append(_mark(segment))
    if current is not None:
        out.append("</span>")
    return "".join(out)


def _mark(segment: Segment) -> str:
    mark = segment.mark
    if mark is None:
        return escape(segment.text)
    tip = "\n".join([f"{mark.kind}: {mark.value}",
                     *(f"in it: {m.kind} {note_line(m)}" for m in mark.inner)])
    inner = " inner" if mark.inner else ""
    return (f'<mark class="k-{mark.kind}{inner}" title="{escape(tip)}">'
            f"{escape(segment.text)}</mark>")


def _note(mark: Mark) -> str:
    value = "" if mark.value == mark.text else f" {escape(mark.value)}"
    inner = "".join(f'<li class="k-{m.kind}">{escape(m.kind)} {escape(note_line(m))}</li>'
                    for m in mark.inner)
    return (f'<li class="k-{mark.kind}"><b>{escape(mark.text)}</b>{value}'
            + (f"<ul>{inner}</ul>" if inner else "") + "</li>")
