"""Whole answers where an example of patterns/*.toml, which checks one mention is found,
cannot say what must not be found beside it."""

from __future__ import annotations

import pytest

from extractor import extract


@pytest.mark.parametrize(("text", "names"), [
    ("Trường Đại học Y khoa Phạm Ngọc Thạch (TP.HCM) thông báo tuyển sinh.",
     ["Trường Đại học Y khoa Phạm Ngọc Thạch"]),  # a city in brackets is no acronym
    ("Ngân hàng Chính sách xã hội (NHCSXH) cho vay hộ nghèo.",
     ["Ngân hàng Chính sách xã hội", "NHCSXH"]),
    ("Trường ĐH Y khoa Phạm Ngọc Thạch phát đi thông báo mới.",
     ["Trường ĐH Y khoa Phạm Ngọc Thạch"]),  # the namesake's last word keeps no verb
    ("Ông Trần Văn An, Phó trưởng ban Thường trực Ban Tổ chức Tỉnh ủy, phát biểu.",
     ["Ban Tổ chức Tỉnh ủy"]),  # "Thường trực" is part of the office, not of a body
    ("Ông Trần Văn An, Trưởng ban Tổ chức Tỉnh ủy, nói. Ban Tổ chức Tỉnh ủy đã họp.",
     ["Ban Tổ chức Tỉnh ủy"]),  # one body, capitalised, whichever mention comes first
    ("Thực hiện Quyết định 12/2024/QĐ-UBND, HĐND-UBND tỉnh đã họp.",
     ["HĐND", "UBND tỉnh"]),  # the UBND of a document's code names no body, two glued do
    ("Bài đăng trên Tạp chí Tài chính số 5 năm nay.",
     ["Tạp chí Tài chính"]),  # "số 5" is an issue here, a unit only after `numbered_by_so`
    ("Công ty Minh Phát số 12 Lê Lợi bị phạt.",
     ["Công ty Minh Phát"]),  # an address, not a company's number
    ("Bà là đại biểu Quốc hội TP.HCM, ông là đại biểu Quốc hội Cuba.",
     ["Quốc hội", "Quốc hội Cuba"]),  # a city's deputy; a country's parliament
    ("Đại sứ quán Việt Nam tại Lào và Đại sứ quán Việt Nam tại Campuchia dự lễ.",
     ["Đại sứ quán Việt Nam tại Lào", "Đại sứ quán Việt Nam tại Campuchia"]),
    ("Học viện Báo chí tiếp đón Đoàn công tác tỉnh Lào Cai.",
     ["Học viện Báo chí", "Đoàn công tác tỉnh Lào Cai"]),
    ("Chủ nhiệm Tổng cục Chính trị Lương Cường dự lễ.",
     ["Tổng cục Chính trị"]),  # a school is named after a person, a department is not
])
def test_organizations_named(text: str, names: list[str]) -> None:
    assert [o.name for o in extract(text).organizations] == names


@pytest.mark.parametrize(("text", "names"), [
    ("Ông Trần Lê Minh, Giám đốc Sở Y tế, và ông Lê Minh, Chủ tịch Hội Nông dân tỉnh, dự họp.",
     ["Trần Lê Minh", "Lê Minh"]),  # two people, though one name ends the other
    ("Bà Lê Thị Kim Hoa, Thứ trưởng Bộ Công Thương, dự lễ. Thứ trưởng Kim Hoa phát biểu.",
     ["Lê Thị Kim Hoa"]),  # called by her last two names
    ("Hiệu trưởng Trường ĐH Y khoa Phạm Ngọc Thạch Lê Văn Tâm phát biểu.",
     ["Lê Văn Tâm"]),  # the school's namesake is no person, the rector is
    ("Ông Trần Văn Bình, Chủ tịch UBND quận Nam Từ Liêm cho biết.",
     ["Trần Văn Bình"]),  # "Từ Liêm" ends a district's name, it is no person
    ("Đại sứ Hoa Kỳ tại Việt Nam Marc Evans Knapper dự lễ.",
     ["Marc Evans Knapper"]),  # not "Nam Marc Evans Knapper"
])
def test_people_named(text: str, names: list[str]) -> None:
    assert [p.name for p in extract(text).people] == names


@pytest.mark.parametrize(("text", "names"), [
    ("Tổng Bí thư Đảng Cộng sản Trung Quốc Tập Cận Bình thăm Việt Nam.",
     ["Đảng Cộng sản Trung Quốc"]),  # a country ends the name before the leader's
    ("Bộ GD&ĐT ý thức rõ trách nhiệm.", ["Bộ GD&ĐT"]),  # an abbreviation takes no verb
    ("Chủ tịch Ủy ban MTTQ Việt Nam TP Hồ Chí Minh phát biểu.",
     ["Ủy ban MTTQ Việt Nam TP Hồ Chí Minh"]),  # but a city after the country stays
    ("Ban CHQS huyện Đức Thọ tổ chức diễn tập.", ["Ban CHQS huyện Đức Thọ"]),
])
def test_where_names_end(text: str, names: list[str]) -> None:
    assert [o.name for o in extract(text).organizations] == names


def test_a_government_and_a_bank_joined_by_and_are_two_bodies() -> None:
    names = [o.name for o in extract("Chính phủ và NHNN đã chỉ đạo các ngân hàng.").organizations]
    assert names == ["Chính phủ", "NHNN"]


@pytest.mark.parametrize(("text", "names"), [
    ("Chính phủ Đức viện trợ 10 triệu euro cho Việt Nam.", ["Chính phủ Đức"]),
    ("Bộ Ngoại giao Anh thuật lại sự việc.", ["Bộ Ngoại giao Anh"]),
    ("Bộ Quốc phòng vũ trang cho lực lượng dân quân.", ["Bộ Quốc phòng"]),
    ("Phó Vụ trưởng Vụ Pháp chế phát biểu.", ["Vụ Pháp chế"]),  # no France
])
def test_a_country_after_a_head(text: str, names: list[str]) -> None:
    assert [o.name for o in extract(text).organizations] == names


@pytest.mark.parametrize(("text", "dates"), [
    ("Bài đăng trên Tạp chí Cộng sản số 11-12 năm 1956.",
     [("năm 1956", "1956")]),  # after "số", two numbers are an issue's, no day
    ("Ngày 11-12 năm 1956, hội nghị họp.", [("11-12 năm 1956", "1956-12-11")]),
    ("Kết quả xổ số 15/3/2024 đã công bố.", [("15/3/2024", "2024-03-15")]),
])
def test_dates_read(text: str, dates: list[tuple[str, str]]) -> None:
    assert [(d.text, d.value) for d in extract(text).dates] == dates
