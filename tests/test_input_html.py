"""Web pages: the article's title, date and paragraphs are kept, the page furniture is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.loading import InputError, decode, read_path

from .conftest import ROOT
from .legacy_bytes import cp1258

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}">
<title>Tây Ninh sơ kết Kết luận 01-KL/TW - Báo Tây Ninh</title>
<meta property="og:title" content="Tây Ninh sơ kết Kết luận 01-KL/TW">
<meta property="article:published_time" content="2024-06-12T08:30:00+07:00">
<style>.x {{ content: "Nghị quyết 12-NQ/TW"; }}</style>
<script>var tracking = "Nghị định 99/2020/NĐ-CP";</script>
</head><body>
<header class="site-header"><nav><ul><li><a href="/">Trang chủ</a></li></ul></nav></header>
<div class="breadcrumb">Trang chủ &raquo; Xây dựng Đảng</div>
<div class="container"><article class="detail">
<h1 class="title">Tây Ninh sơ kết Kết luận 01-KL/TW</h1>
<h2 class="sapo">Ngày 11/6/2024, Tỉnh ủy Tây Ninh sơ kết việc thực hiện Kết luận số 01-KL/TW
của Bộ Chính trị.</h2>
<div class="content">
<p>Theo báo cáo, toàn tỉnh có trên 20 tổ chức đảng được biểu dương &amp; khen&nbsp;thưởng.</p>
<!-- Quy định 22-QĐ/TW trong chú thích -->
<p>Bài học kinh nghiệm được rút ra như sau:<br>Một là, phát huy vai trò nêu gương.<br>
Hai là, kiểm tra, giám sát thường xuyên.</p>
<div class="box-tin-lien-quan"><h3>Tin liên quan</h3>
<ul><li><a href="#">Chỉ thị 35-CT/TW về đại hội đảng bộ</a></li></ul></div>
<p>Hội nghị cũng quán triệt Quy định số 11-QĐi/TW ngày 10/2/2023 của Bộ Chính trị.</p>
</div></article>
<aside class="sidebar"><p>Đọc nhiều: Nghị quyết 18-NQ/TW</p></aside></div>
<div class="social-share">Chia sẻ Nghị quyết 19-NQ/TW</div>
<footer><p>Bản quyền Báo Tây Ninh, Giấy phép 33/GP-BTTTT</p></footer>
</body></html>
"""
KEPT = ["Tây Ninh sơ kết Kết luận 01-KL/TW", "12/06/2024 08:30", "Ngày 11/6/2024, Tỉnh ủy",
        "biểu dương & khen thưởng.", "Một là, phát huy vai trò nêu gương.",
        "Hai là, kiểm tra, giám sát thường xuyên.", "Quy định số 11-QĐi/TW ngày 10/2/2023"]
DROPPED = ["12-NQ/TW", "99/2020", "Trang chủ", "22-QĐ/TW", "35-CT/TW", "18-NQ/TW", "19-NQ/TW",
           "33/GP", "Báo Tây Ninh", "&amp;", "<"]


def _page(charset: str = "utf-8") -> str:
    return PAGE.format(charset=charset)


@pytest.fixture(scope="module")
def page_text() -> str:
    return decode(_page().encode("utf-8"), suffix=".html").text


def test_the_article_is_kept_with_its_paragraphs(page_text: str) -> None:
    for kept in KEPT:
        assert kept in page_text
    assert page_text.startswith("Tây Ninh sơ kết Kết luận 01-KL/TW\n\n12/06/2024 08:30\n\n")
    assert "\n\nMột là, phát huy vai trò nêu gương.\n\nHai là" in page_text


def test_furniture_scripts_and_comments_are_dropped(page_text: str) -> None:
    for dropped in DROPPED:
        assert dropped not in page_text


def test_extraction_reads_the_article_only(page_text: str) -> None:
    article = extract(page_text)
    assert article.title is not None and article.title.text == "Tây Ninh sơ kết Kết luận 01-KL/TW"
    assert [d.code for d in article.documents] == ["01-KL/TW", "11-QĐi/TW"]
    assert "2023-02-10" in [d.value for d in article.dates]
    assert [c.value for c in article.counts] == [20]
    for mention in [article.title, *article.dates, *article.counts]:
        assert mention is not None
        assert page_text[mention.span[0]:mention.span[1]] == mention.text


def test_a_page_is_known_by_its_content_whatever_its_name(page_text: str) -> None:
    assert decode(_page().encode("utf-8"), suffix=".txt").text == page_text


def test_the_declared_charset_is_honoured(page_text: str) -> None:
    loaded = decode(cp1258(_page("windows-1258")), suffix=".htm")
    assert loaded.encoding == "cp1258"
    assert loaded.text == page_text


def test_a_page_without_metadata_falls_back_to_title_and_h1() -> None:
    page = ("<html><head><title>Hội nghị Tỉnh ủy</title></head><body><div>"
            "<p>Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW về đại hội.</p>"
            "</div></body></html>")
    text = decode(page.encode("utf-8"), suffix=".html").text
    assert text == ("Hội nghị Tỉnh ủy\n\nNgày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số "
                    "35-CT/TW về đại hội.\n")


def test_a_page_with_no_article_text_is_refused() -> None:
    with pytest.raises(InputError) as error:
        decode(b"<html><head><script>var a = 1;</script></head><body></body></html>")
    assert error.value.kind == "empty"


def test_cli_spans_index_the_text_it_read_from_the_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    text = read_path(path).text
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(path)], cwd=ROOT,
                          capture_output=True, check=True, timeout=120)
    data = json.loads(proc.stdout)
    assert data["source"]["chars"] == len(text)
    for document in data["documents"]:
        for mention in document["mentions"]:
            assert text[mention["span"][0]:mention["span"][1]] == mention["text"]
