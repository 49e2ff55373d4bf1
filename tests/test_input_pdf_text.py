"""Text copied out of a PDF: wrapped lines, hyphenated words and odd spaces are repaired in
the load stage, and spans index the repaired text."""

from __future__ import annotations

from pathlib import Path

from extractor import extract
from extractor.load.loading import decode, read_path
from extractor.load.repair import repair
from extractor.output.emit import to_dict

from .conftest import SAMPLES

CLEAN = (
    "Tỉnh ủy sơ kết Kết luận 01-KL/TW\n"
    "Ngày 11/6/2024, Ban Thường vụ Tỉnh ủy Tây Ninh tổ chức hội nghị sơ kết việc thực hiện "
    "Kết luận số 01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW. Hội nghị "
    "đã đánh giá kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của "
    "Đảng bộ tỉnh, nơi có trên 20 tổ chức đảng được biểu dương theo Quy định số 11-QĐi/TW "
    "ngày 10/2/2023.\n"
    "Một là, phát huy vai trò nêu gương của cán bộ, đảng viên.\n"
)
# The same article as a PDF viewer copies it: cut to the page width, a word hyphenated, a
# code cut at its hyphen, a non-breaking space, zero-width spaces and a soft hyphen.
WRAPPED = (
    "Tỉnh ủy sơ kết Kết luận 01-KL/TW\n"
    "Ngày 11/6/2024, Ban Thường vụ Tỉnh ủy Tây Ninh tổ chức hội nghị sơ kết việc thực\n"
    "hiện Kết luận số 01-KL/TW của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-\n"
    "CT/TW. Hội nghị đã đánh giá kết quả học tập và làm theo tư tưởng, đạo đức, phong cá-\n"
    "ch Hồ\u00a0Chí Minh của Đảng bộ tỉnh, nơi có trên 20 tổ chức đảng được biểu dương\n"
    "theo Quy định số 11-QĐi/TW ngày 10/2/2023.\u200b\n"
    "Một là, phát huy vai trò nêu gư\u00ad\nơng của cán bộ, đảng\u200b viên.\n"
)


def _facts(text: str) -> dict:
    data = to_dict(extract(text))
    del data["source"]
    return data


def test_a_wrapped_copy_reads_as_the_clean_article() -> None:
    loaded = decode(WRAPPED.encode("utf-8"))
    assert loaded.text == CLEAN
    assert any("PDF" in w for w in loaded.warnings)
    assert _facts(loaded.text) == _facts(CLEAN)


def test_spans_index_the_repaired_text(tmp_path: Path) -> None:
    path = tmp_path / "copied.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    loaded = read_path(path)
    article = extract(loaded.text)
    assert [d.code for d in article.documents] == ["01-KL/TW", "05-CT/TW", "11-QĐi/TW"]
    for mention in [m for d in article.documents for m in d.mentions] + article.dates:
        assert loaded.text[mention.span[0]:mention.span[1]] == mention.text


def test_paragraph_per_line_articles_are_left_as_they_are() -> None:
    for article in SAMPLES.glob("*.txt"):
        text = article.read_text(encoding="utf-8")
        assert repair(text) == (text, [])
    assert repair(CLEAN) == (CLEAN, [])


def test_invisible_characters_go_from_any_text() -> None:
    text = "Tiêu đề\nBộ Chính trị ban hành Kết luận số 01-KL/\u200bTW.\n"
    loaded = decode(text.encode("utf-8"))
    assert "\u200b" not in loaded.text
    assert [d.code for d in extract(loaded.text).documents] == ["01-KL/TW"]


def test_non_breaking_spaces_in_an_unwrapped_text_still_match() -> None:
    text = "Tiêu đề\nNgày\u00a014/6/2024, Bộ\u00a0Chính trị ban hành Chỉ thị số\u00a035-CT/TW.\n"
    article = extract(decode(text.encode("utf-8")).text)
    assert [d.code for d in article.documents] == ["35-CT/TW"]
    assert [d.value for d in article.dates] == ["2024-06-14"]


def test_sentences_glued_at_a_lost_tag_are_parted() -> None:
    glued = ("Tiêu đề\nCác cấp ủy cần tập trung các nhiệm vụ sau: Thứ nhất, làm tốt công tác "
             "cán bộ. Thứ hai, chăm lo đời sống nhân dân.Hội nghị biểu dương 20 tập thể, "
             "Ban Tuyên giáo T.Ư và TP.HCM. Vì sao?Bởi vì đó là nhiệm vụ.\n")
    loaded = decode(glued.encode("utf-8"))
    assert "nhân dân. Hội nghị" in loaded.text and "T.Ư" in loaded.text
    assert "TP.HCM" in loaded.text and "Vì sao? Bởi" in loaded.text
    assert any("glued" in w for w in loaded.warnings)
    tasks = extract(loaded.text).tasks
    assert [t.text for t in tasks][-1] == "chăm lo đời sống nhân dân."


def test_words_glued_at_a_lost_tag_are_parted_but_brands_are_not() -> None:
    glued = ("Tiêu đề\nTiếp xúc cử tri tỉnh Khánh HòaThứ trưởng Bộ Quốc phòng, Thượng tướng "
             "Lê Văn Tâm cho rằng mạng VinaPhone và MobiFone cần phủ sóng biên giới "
             "ĐắkLắk, theo tinh thần #ChungTayVìCộngĐồng, gồm MobiFoneMột số xã.\n"
             "Việt AnhTừ 1/6, tỉnh thu phí.\n")
    loaded = decode(glued.encode("utf-8"))
    assert "Khánh Hòa\nThứ trưởng" in loaded.text  # a heading glued to its paragraph
    assert "Việt Anh\nTừ 1/6" in loaded.text  # a byline: the mark is in the word after
    assert "VinaPhone" in loaded.text and "MobiFone\nMột" in loaded.text
    assert "ĐắkLắk" in loaded.text and "#ChungTayVìCộngĐồng" in loaded.text
    assert any("blocks glued" in w for w in loaded.warnings)
    people = extract(loaded.text).people
    assert [(p.name, p.titles) for p in people] == [
        ("Lê Văn Tâm", ["Thứ trưởng Bộ Quốc phòng", "Thượng tướng"])]
