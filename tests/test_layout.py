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


def test_a_related_block_glued_to_the_last_line_gives_no_fact() -> None:
    text = ("Tiêu đề bài viết\nĐoàn đã làm việc với tỉnh ngày 20/5. Lê Hoa  TIN LIÊN QUAN    "
            "Ngày 21/5 khai mạc kỳ họp  Đề nghị giảm thuế xuống 18% từ năm 2016")
    doc = build_doc(text)
    assert [p.role for p in doc.paragraphs] == ["title", "body", "related"]
    assert doc.text[doc.paragraphs[1].start : doc.paragraphs[1].end].endswith("Lê Hoa")
    article = extract(text)
    assert [d.value for d in article.dates] == ["--05-20"]
    assert article.counts == []


def test_a_capitalised_marker_in_running_text_splits_nothing() -> None:
    text = "Tiêu đề bài viết\nXem mục TIN LIÊN QUAN: vụ việc ngày 20/5 được đăng tải"
    assert len(build_doc(text).paragraphs) == 2


def test_a_related_block_followed_by_the_text_is_left_in_it() -> None:
    text = ("Tiêu đề bài viết\nMở đầu bài viết.TIN LIÊN QUAN    Một tin khác Ông Lê Văn Nam cho "
            "biết, ngày 20/5 đoàn đã làm việc. Các đại biểu đồng tình.")
    assert [d.value for d in extract(text).dates] == ["--05-20"]


def test_a_capitalised_marker_in_a_sentence_splits_nothing() -> None:
    text = "Tiêu đề bài viết\nBạn đọc XEM THÊM: Nghị quyết số 12 ngày 5/3/2024 về 300 dự án."
    assert [d.value for d in extract(text).dates] == ["2024-03-05"]
