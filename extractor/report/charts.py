"""Rows to charts: small pure functions that write SVG by hand, with no plotting library.

A chart is an `<svg class="chart">` whose title, axis title and labels are text (escaped),
with ticks and gridlines at round values. Every drawn quantity is a `rect.mark` carrying its
full label and exact value as `data-label` and `data-value`, so a test reads back what is
drawn, and a `<title>` tooltip with the same. Sizes are in viewBox units: the page scales
the chart to its column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 960
TITLE_Y = 20  # baseline of the chart's title
CHAR_WIDTH = 7.8  # a label character's width at 12.5px, wide fonts included


@dataclass(frozen=True)
class Mark:
    """One bar or column: `label` in full (data-label, tooltip), `shown` as drawn on the axis
    (None: the label; "": nothing), `tip` added to the tooltip."""

    label: str
    value: int
    shown: str | None = None
    tip: str = ""


def number(value: int) -> str:
    """A whole number as Vietnamese writes it: 12.345 (a dot between thousands)."""
    return f"{value:,}".replace(",", ".")


def ticks(top: float, most: int = 7) -> list[int]:
    """Round, whole tick values from 0 to at least `top`: the smallest step of 1, 2 or 5
    times a power of ten that needs at most `most` intervals."""
    if top <= 0:
        return [0, 1]
    scale = 10 ** max(0, math.floor(math.log10(top / most)))
    step = next(m * scale for m in (1, 2, 5, 10) if math.ceil(top / (m * scale)) <= most)
    return [i * step for i in range(math.ceil(top / step) + 1)]


def cut(text: str, width: float) -> str:
    """`text` shortened with an ellipsis to fit about `width` units."""
    most = max(4, int(width / CHAR_WIDTH))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _tip(mark: Mark) -> str:
    extra = f" · {mark.tip}" if mark.tip else ""
    return escape(f"{mark.label}: {number(mark.value)}{extra}")


def _open(kind: str, title: str, height: float, chart_id: str) -> list[str]:
    return [f'<svg class="chart {kind}" id="{escape(chart_id)}" role="img" '
            f'aria-labelledby="{escape(chart_id)}-title" viewBox="0 0 {WIDTH} {height:.0f}" '
            f'width="{WIDTH}" height="{height:.0f}">',
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
            f'<text class="chart-title" x="0" y="{TITLE_Y}">{escape(title)}</text>']


def bar_chart(marks: Sequence[Mark], *, title: str, axis: str, colour: str,
              chart_id: str) -> str:
    """Horizontal bars, largest first as given: labels on the left (as wide as the longest
    needs, up to a third of the chart), the value at each bar's end, a value axis with
    gridlines under them."""
    row, bar, top = 26, 18, 38
    longest = max(len(m.label if m.shown is None else m.shown) for m in marks)
    label_width = round(min(WIDTH / 3, max(80, (longest + 1) * CHAR_WIDTH)))
    x0, x1 = label_width + 10, WIDTH - 60
    scale = ticks(max(m.value for m in marks))
    per_unit = (x1 - x0) / scale[-1]
    axis_y = top + row * len(marks) + 2
    height = axis_y + 44
    out = _open("bars", title, height, chart_id)
    for value in scale:
        x = x0 + value * per_unit
        out.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" '
                   f'y2="{axis_y}"/>')
        out.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 16}" '
                   f'text-anchor="middle">{number(value)}</text>')
    out.append(f'<line class="axis" x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}"/>')
    for i, mark in enumerate(marks):
        y = top + i * row
        width = mark.value * per_unit
        shown = cut(mark.label, label_width) if mark.shown is None else mark.shown
        out.append(
            f'<g class="bar"><title>{_tip(mark)}</title>'
            f'<text class="label" x="{label_width}" y="{y + bar - 4}" '
            f'text-anchor="end">{escape(shown)}</text>'
            f'<rect class="mark" x="{x0}" y="{y}" width="{width:.2f}" height="{bar}" '
            f'fill="{colour}" data-label="{escape(mark.label)}" data-value="{mark.value}"/>'
            f'<text class="value" x="{x0 + width + 6:.1f}" y="{y + bar - 4}">'
            f'{number(mark.value)}</text></g>')
    out.append(f'<text class="axis-title" x="{(x0 + x1) / 2:.0f}" y="{axis_y + 38}" '
               f'text-anchor="middle">{escape(axis)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def column_chart(marks: Sequence[Mark], *, title: str, axis: str, x_axis: str,
                 colour: str, chart_id: str) -> str:
    """Vertical columns in the given (time) order: the value axis on the left with
    gridlines, each mark's `shown` label under its column, values on top where they fit."""
    top, plot_height, left, right = 44, 220, 64, 12
    scale = ticks(max(m.value for m in marks))
    per_unit = plot_height / scale[-1]
    base = top + plot_height
    slot = (WIDTH - left - right) / len(marks)
    width = max(1.0, slot * 0.72)
    height = base + 58
    out = _open("columns", title, height, chart_id)
    for value in scale:
        y = base - value * per_unit
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" '
                   f'y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" '
                   f'text-anchor="end">{number(value)}</text>')
    out.append(f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}"/>')
    out.append(f'<text class="axis-title" transform="translate(14 {top + plot_height / 2}) '
               f'rotate(-90)" text-anchor="middle">{escape(axis)}</text>')
    for i, mark in enumerate(marks):
        centre = left + slot * (i + 0.5)
        bar_height = mark.value * per_unit
        shown = mark.label if mark.shown is None else mark.shown
        parts = [f'<g class="column"><title>{_tip(mark)}</title>'
                 f'<rect class="mark" x="{centre - width / 2:.2f}" '
                 f'y="{base - bar_height:.2f}" width="{width:.2f}" height="{bar_height:.2f}" '
                 f'fill="{colour}" data-label="{escape(mark.label)}" '
                 f'data-value="{mark.value}"/>']
        if slot >= 26 and mark.value:
            parts.append(f'<text class="value" x="{centre:.1f}" y="{base - bar_height - 4:.1f}" '
                         f'text-anchor="middle">{number(mark.value)}</text>')
        if shown:
            parts.append(f'<line class="axis" x1="{centre:.1f}" y1="{base}" x2="{centre:.1f}" '
                         f'y2="{base + 4}"/>'
                         f'<text class="tick" x="{centre:.1f}" y="{base + 18}" '
                         f'text-anchor="middle">{escape(shown)}</text>')
        out.append("".join(parts) + "</g>")
    out.append(f'<text class="axis-title" x="{(left + WIDTH - right) / 2:.0f}" '
               f'y="{base + 44}" text-anchor="middle">{escape(x_axis)}</text>')
    out.append("</svg>")
    return "\n".join(out)
