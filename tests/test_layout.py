"""Page furniture: a paragraph that repeats the one before it is read once."""

from __future__ import annotations

from extractor.pipeline import build_doc, extract

LEAD = "Tổng Bí thư cùng đoàn công tác đã đến thăm, tặng quà người dân vùng lũ của tỉnh."


def _roles(text: str) -> list[str]:
    return [para.role for para in build_doc(text).paragraphs]


def test_a_repeated_paragraph_is_read_once() -> None:
    text = f"Tiêu đề\n{LEAD}\n{LEAD}\nNgày 3/11, đoàn làm việc với tỉnh.\n"
    assert _roles(text) == ["title", "lead", "duplicate", "body"]


def test_a_repeat_that_adds_a_date_is_the_one_kept() -> None:
    text = f"Tiêu đề\n{LEAD}\nSáng 2-11, {LEAD[0].lower()}{LEAD[1:]}\n"
    assert _roles(text) == ["title", "duplicate", "lead"]
    assert [(d.text, d.value) for d in extract(text).dates] == [("Sáng 2-11", "--11-02")]


def test_a_repeat_longer_only_by_a_glued_caption_is_not_the_one_kept() -> None:
    assert _roles(f"Tiêu đề\n{LEAD}\n{LEAD} Ảnh minh họa\n") == ["title", "lead", "duplicate"]
