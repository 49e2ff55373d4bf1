"""Page furniture: a paragraph that repeats the one before it is read once."""

from __future__ import annotations

from extractor.pipeline import extract
from extractor.segment.layout import _is_duplicate

LEAD = "Tổng Bí thư cùng đoàn công tác đã đến thăm, tặng quà người dân vùng lũ của tỉnh."


def test_a_repeated_paragraph_is_read_once() -> None:
    result = extract(f"Tiêu đề\n{LEAD}\n{LEAD}\nNgày 3/11, đoàn làm việc với tỉnh.\n")
    assert result.lead is not None and result.lead.text == LEAD
    assert [d.value for d in result.dates] == ["--11-03"]


def test_a_repeat_that_adds_a_date_is_the_one_kept() -> None:
    result = extract(f"Tiêu đề\n{LEAD}\nSáng 2-11, {LEAD[0].lower()}{LEAD[1:]}\n")
    assert [(d.text, d.value) for d in result.dates] == [("Sáng 2-11", "--11-02")]


def test_a_repeat_longer_only_by_a_glued_caption_is_not_the_one_kept() -> None:
    repeat = f"{LEAD} Ảnh minh họa"
    assert _is_duplicate(LEAD, repeat)
    result = extract(f"Tiêu đề\n{LEAD}\n{repeat}\n")
    assert result.lead is not None and result.lead.text == LEAD
