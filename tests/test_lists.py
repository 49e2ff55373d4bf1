"""List structure beyond single examples: where items end, what is not an item."""

from __future__ import annotations

from extractor import extract

ARTICLE = """Tiêu đề
Tỉnh ủy đề ra các nhiệm vụ sau:
Thứ nhất, tăng cường kiểm tra, giám sát.
Thứ hai, đẩy mạnh tuyên truyền.
Thứ Ba, 18/06/2024 - 09:00
Tin khác trong ngày được cập nhật.
"""


def test_a_weekday_date_line_does_not_continue_a_list() -> None:
    tasks = extract(ARTICLE).tasks
    assert [t.ordinal for t in tasks] == [1, 2]


def test_inline_items_end_at_the_next_marker_and_the_last_at_its_sentence() -> None:
    text = ("Tiêu đề\nHội nghị thống nhất các giải pháp: (1) rà soát quy hoạch; (2) công khai "
            "kết quả. Bài: Thanh Phúc")
    items = extract(text).tasks
    assert [i.text for i in items] == ["rà soát quy hoạch", "công khai kết quả."]


def test_kind_follows_the_intro_not_the_marker() -> None:
    text = ("Tiêu đề\nĐại hội rút ra bốn bài học kinh nghiệm:\n1. Giữ vững đoàn kết.\n"
            "2. Bám sát cơ sở.\nĐại hội đề ra các nhiệm vụ:\nMột là, phát triển kinh tế.\n"
            "Hai là, chăm lo an sinh.")
    article = extract(text)
    assert [(i.ordinal, i.marker) for i in article.lessons] == [(1, "1."), (2, "2.")]
    assert [(i.ordinal, i.marker) for i in article.tasks] == [(1, "Một là"), (2, "Hai là")]


def test_results_and_causes_are_listed_but_are_neither_lessons_nor_tasks() -> None:
    text = ("Tiêu đề\nTỉnh đạt được ba kết quả nổi bật: (1) kinh tế tăng trưởng; (2) an sinh "
            "bảo đảm.\nCó hai nguyên nhân:\nMột là, cấp ủy vào cuộc.\nHai là, dân đồng thuận.")
    article = extract(text)
    assert [lst.kind for lst in article.lists] == ["results", "causes"]
    assert article.lessons == [] and article.tasks == []


def test_a_list_opened_by_truoc_het_keeps_its_numbering_without_an_unmarked_first_item() -> None:
    text = ("Tiêu đề\nCác giải pháp là: Trước hết, phải nghe dân. Dân nói thì cán bộ nghe. "
            "Thứ hai, cần phân cấp. Cấp dưới tự giải quyết. Thứ ba, phải công khai. Việc gì "
            "cũng công khai. Cuối cùng, về báo chí, cần đưa tin đầy đủ.")
    tasks = extract(text).tasks
    assert [(t.ordinal, t.marker) for t in tasks] == [(2, "Thứ hai"), (3, "Thứ ba")]
    assert tasks[-1].text == "phải công khai. Việc gì cũng công khai."


def test_truoc_het_inside_an_item_opens_no_new_list() -> None:
    text = ("Tiêu đề\nCác nhiệm vụ sau: Thứ nhất, rà soát hồ sơ. Trước hết, cần lập danh sách. "
            "Thứ hai, công khai kết quả. Thứ ba, báo cáo cấp trên.")
    assert [t.ordinal for t in extract(text).tasks] == [1, 2, 3]
