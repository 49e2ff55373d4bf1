"""Web pages: the article's title, date and paragraphs are kept, the page furniture is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.load.loading import InputError, decode, read_path

from .conftest import ROOT, cli_timed
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


ARTICLE = "<p>Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.</p>"


def _nested(depth: int, start: str = "<div>") -> str:
    """A page whose article sits inside `depth` nested <div> elements."""
    return f"<html><body>{start * depth}{ARTICLE}{'</div>' * depth}</body></html>"


@pytest.mark.parametrize(("depth", "start"), [(100_000, "<div>"), (500_000, "<div>"),
                                              (100_000, "<div/>")])
def test_a_page_nested_too_deep_is_refused_before_parsing(tmp_path: Path, depth: int,
                                                          start: str) -> None:
    """The parser took 68 s on 100,000 levels and was still running 6 minutes after SIGTERM
    on 500,000 (a signal cannot stop the C parse): such a page is refused before parsing,
    for about what reading a normal page costs. "<div/>" opens a <div> too."""
    normal, deep = tmp_path / "normal.html", tmp_path / "deep.html"
    normal.write_text(_page(), encoding="utf-8")
    deep.write_text(_nested(depth, start), encoding="utf-8")
    (normal_run, normal_cpu), (deep_run, deep_cpu) = cli_timed("extract", normal), cli_timed(
        "extract", deep)
    assert normal_run.returncode == 0
    assert deep_run.returncode == 1 and deep_run.stdout == b""
    message = deep_run.stderr.decode()
    assert message.count("\n") == 1 and "Traceback" not in message
    assert "deep.html" in message and "more than 512 elements deep" in message
    assert deep_cpu < 2 * normal_cpu, (deep_cpu, normal_cpu)


def test_a_page_with_a_large_inline_svg_is_not_too_deep() -> None:
    icon = "<svg>" + '<path d="M0 0h1"/>' * 2_000 + "<g>" * 100 + "</g>" * 100 + "</svg>"
    page = f"<html><body>{'<div>' * 300}{icon}{ARTICLE}{'</div>' * 300}</body></html>"
    assert decode(page.encode("utf-8"), suffix=".html").text == (
        "Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n")


def test_a_batch_with_a_page_nested_too_deep_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "b.html").write_text(_nested(100_000), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extractor", "batch", str(tmp_path),
                           "--glob", "*.html", "-o", str(out)], cwd=ROOT, capture_output=True,
                          timeout=300)
    assert proc.returncode == 1
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert [d["code"] for d in first["documents"]] == ["01-KL/TW", "11-QĐi/TW"]
    assert second["error"]["kind"] == "too_deep"


def test_a_page_nested_just_under_the_cap_is_read_in_linear_time(tmp_path: Path) -> None:
    """Each text node used to climb to its paragraph's element, one step per level: a page
    of spans nested 256 deep took 110 s per 20 MB. Same bytes, four times deeper, is now
    about the same CPU (it was about four times as much)."""
    def page(depth: int, runs: int) -> str:
        run = "<p>" + "<span>x" * depth + "</span>" * depth + "</p>"
        return "<html><body>" + run * runs + "</body></html>"

    large = tmp_path / "deep.html"
    large.write_text(page(500, 200), encoding="utf-8")
    small = [tmp_path / f"shallow-{copy}.html" for copy in range(4)]
    for path in small:
        path.write_text(page(125, 200), encoding="utf-8")
    (large_run, large_cpu), (small_run, small_cpu) = (cli_timed("extract", large),
                                                      cli_timed("extract", *small))
    assert large_run.returncode == small_run.returncode == 0, large_run.stderr
    assert large_cpu < 2 * small_cpu, (large_cpu, small_cpu)
