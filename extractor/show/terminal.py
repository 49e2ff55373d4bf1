"""The view in a terminal: rich colours and a side column, or plain text for a pipe.

rich writes no colour at all when stdout is not a terminal (or NO_COLOR is set), which would
leave the marks invisible; `plain()` then says each mark's kind in brackets instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .spans import COLOURS, Kind, Mark, Paragraph, View

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

WIDE = 100  # below this many columns the values go under each paragraph, not beside it
PREFIX = {"title": "# ", "heading": "## ", "lead": "> ", "body": ""}
ROLE_STYLE = {"title": "bold", "heading": "bold underline", "lead": "italic", "body": ""}
# A 16-colour terminal would turn most of the light fills into one white: named ones instead.
SIXTEEN = {"document": "bright_red", "date": "bright_cyan", "person": "bright_yellow",
           "organization": "bright_green", "count": "bright_blue", "campaign": "bright_magenta"}


def note_line(mark: Mark) -> str:
    """`text → value`, or the text alone when the value says nothing more."""
    return mark.text if mark.value == mark.text else f"{mark.text} → {mark.value}"


def plain(view: View, path: str) -> str:
    """The view as text: [kind: mention] inline, {label} before list parts, values below."""
    legend = " · ".join(f"{kind} {n}" for kind, n in view.drawn.items())
    out = [f"{path}: {legend}", ""]
    for paragraph in view.paragraphs:
        text = "".join(
            ("{" + s.part.label + "} " if s.opens and s.part else "")
            + (f"[{s.mark.kind}: {s.text}]" if s.mark else s.text)
            for s in paragraph.segments)
        out.append(PREFIX[paragraph.role] + text)
        for mark in paragraph.notes:
            out.append(f"    {mark.kind:<12} {note_line(mark)}")
            out += [f"    {'':<12}   in it: {m.kind} {note_line(m)}" for m in mark.inner]
        out.append("")
    return "\n".join(out)


def render(view: View, path: str, console: Console) -> None:
    """The view with colours: a legend, then each paragraph with its values beside it."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    fills = COLOURS if console.color_system in ("256", "truecolor") else SIXTEEN
    legend = Text(f"{path}  ")
    for kind, n in view.drawn.items():
        legend.append(f" {kind} {n} ", style=f"black on {fills[kind]}").append(" ")
    console.print(legend, end="\n\n")
    if console.width >= WIDE:
        grid = Table.grid(padding=(0, 3), expand=True)
        grid.add_column(ratio=3)
        grid.add_column(ratio=2)
        for paragraph in view.paragraphs:
            grid.add_row(_text(paragraph, fills), _notes(paragraph, fills))
            grid.add_row()  # a blank line between paragraphs
        console.print(grid)
        return
    for paragraph in view.paragraphs:
        console.print(_text(paragraph, fills))
        if paragraph.notes:
            console.print(Padding(_notes(paragraph, fills), (0, 0, 0, 4)))
        console.print()


def _text(paragraph: Paragraph, fills: Mapping[Kind, str]) -> Text:
    from rich.text import Text

    text = Text()
    for segment in paragraph.segments:
        if segment.opens and segment.part is not None:
            text.append(f" {segment.part.label} ", style="bold white on grey35").append(" ")
        style = f"black on {fills[segment.mark.kind]}" if segment.mark else ""
        text.append(segment.text, style=style)
    text.stylize(ROLE_STYLE[paragraph.role])  # the words only: an underline stops with them
    return text


def _notes(paragraph: Paragraph, fills: Mapping[Kind, str]) -> Text:
    from rich.text import Text

    notes = Text()
    for mark in paragraph.notes:
        notes.append("■ ", style=fills[mark.kind]).append(mark.text, style="bold")
        if mark.value != mark.text:
            notes.append(f" → {mark.value}", style="dim")
        for inner in mark.inner:
            notes.append("\n  in it: ", style="dim").append("■ ", style=fills[inner.kind])
            notes.append(note_line(inner), style="dim")
        notes.append("\n")
    notes.rstrip()
    return notes
