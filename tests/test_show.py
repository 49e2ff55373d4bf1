"""`vnextract show`: the overlap rules of the view, the terminal and HTML renderings, and the
real command in a subprocess. The page in a real browser is in test_show_browser.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from extractor.output.models import Article
from extractor.pipeline import extract
from extractor.show import read_article
from extractor.show.html import page
from extractor.show.spans import KINDS, Mark, View, build, place
from extractor.show.terminal import plain

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
CLI = [sys.executable, "-m", "extractor"]
# Written for these tests: a document naming its issuer's abbreviation, a body named after a
# document, a person named twice, a campaign, and a list whose items share their markers.
ARTICLE = """Huyện Cẩm Giàng sơ kết công tác dân vận
Ngày 5/3/2024, Ủy ban nhân dân huyện ban hành Kế hoạch số 25/KH-UBND về cải cách hành chính. \
Ban Chỉ đạo thực hiện Kết luận 01 của tỉnh đã kiểm tra 12 xã.
Ông Nguyễn Văn Bình, Bí thư Đảng ủy xã Tân Trường, trao 15 suất quà cho hộ nghèo trong phong \
trào “Ngày thứ Bảy vì người nghèo”. Ông Bình cho biết <b>trên 2/3</b> số hộ đã thoát nghèo & \
mua được ti vi.
Ba bài học được rút ra như sau:
Một là, bám sát cơ sở.
Hai là, lắng nghe nhân dân.
"""


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, cwd=ROOT,
                          timeout=120, env={**os.environ, **(env or {})})


def mark(text: str, kind: str, words: str, value: str = "") -> Mark:
    start = text.index(words)
    return Mark(kind, start, start + len(words), words, value or words)  # type: ignore[arg-type]


def drawn(pieces: list[tuple[Mark, int, int]], text: str) -> list[tuple[str, str]]:
    return [(m.kind, text[s:e]) for m, s, e in pieces]


# The overlap rules, on sentences written for them.

def test_a_date_inside_a_document_belongs_to_the_document() -> None:
    text = "Thực hiện Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ."
    document = mark(text, "document", "100/2019/NĐ-CP ngày 30/12/2019")
    date = mark(text, "date", "30/12/2019", "2019-12-30")
    pieces = place([date, document])
    assert drawn(pieces, text) == [("document", "100/2019/NĐ-CP ngày 30/12/2019")]
    assert pieces[0][0].inner == (date,)


def test_on_the_same_span_the_kind_first_in_kinds_wins() -> None:
    text = "Văn bản của Ban Tuyên giáo Trung ương."
    pieces = place([mark(text, "organization", "Ban Tuyên giáo"),
                    mark(text, "document", "Ban Tuyên giáo")])
    assert drawn(pieces, text) == [("document", "Ban Tuyên giáo")]
    assert [m.kind for m in pieces[0][0].inner] == ["organization"]


def test_crossing_marks_keep_kind_order_and_clipped_edges_lose_their_blanks() -> None:
    text = "Đồng chí đã qua 2 nhiệm kỳ 2015-2020 ở xã."
    pieces = place([mark(text, "count", "2 nhiệm kỳ"), mark(text, "date", "nhiệm kỳ 2015-2020")])
    assert drawn(pieces, text) == [("count", "2"), ("date", "nhiệm kỳ 2015-2020")]
    assert all(m.inner == () for m, _, _ in pieces)


def test_a_mark_crossed_on_both_sides_to_nothing_is_kept_inside_its_neighbour() -> None:
    text = "Hội nghịlầnthứba"
    left, right = mark(text, "document", "Hội nghị"), mark(text, "date", "lầnthứba")
    middle = mark(text, "count", "nghịlần")
    pieces = place([middle, left, right])
    assert drawn(pieces, text) == [("document", "Hội nghị"), ("date", "lầnthứba")]
    assert pieces[0][0].inner == (middle,)


# The view of a whole article, through the real pipeline.

def covered(view: View, article: Article) -> list[str]:
    """Every mention of the article that the view neither draws nor holds inside a mark."""
    marks = {s.mark for p in view.paragraphs for s in p.segments if s.mark is not None}
    spans = {(m.start, m.end) for m in marks} | {(i.start, i.end) for m in marks
                                                   for i in m.inner}
    mentions = [m for d in article.documents for m in d.mentions] + article.dates \
        + article.counts + [m for p in article.people for m in p.mentions] \
        + [m for o in article.organizations for m in o.mentions] + article.campaigns
    return [m.text for m in mentions if tuple(m.span) not in spans]


def check_view(text: str, article: Article, view: View) -> None:
    """Paragraphs keep every character once, marks never overlap, no mention is lost."""
    lines = [line for line in text.split("\n") if line.strip()]
    assert ["".join(s.text for s in p.segments) for p in view.paragraphs] == lines
    for p in view.paragraphs:
        assert all(text[s.start:s.end] == s.text for s in p.segments)
        assert all(a.end == b.start for a, b in pairwise(p.segments))
    assert covered(view, article) == []


def test_the_view_of_an_article_keeps_every_fact() -> None:
    article = extract(ARTICLE)
    view = build(ARTICLE, article)
    check_view(ARTICLE, article, view)
    assert [p.role for p in view.paragraphs][:2] == ["title", "lead"]
    document = next(m for m in view.paragraphs[1].notes if m.text == "25/KH-UBND")
    assert not document.inner  # the UBND of a document's code names no body
    body = next(m for m in view.paragraphs[1].notes if m.kind == "organization"
                and "Kết luận 01" in m.text)
    assert [(m.kind, m.text) for m in body.inner] == [("document", "Kết luận 01")]
    items = [s for p in view.paragraphs for s in p.segments if s.opens and s.part.kind == "item"]
    assert [(s.part.label, s.text[:6]) for s in items] == [("lessons 1", "Một là"),
                                                             ("lessons 2", "Hai là")]
    later = next(s.mark for s in view.paragraphs[2].segments if s.text == "Bình")
    assert later is not None and later.value.startswith("Nguyễn Văn Bình — Bí thư")
    assert [m.text for m in view.paragraphs[2].notes if m.kind == "person"] == [
        "Nguyễn Văn Bình"]  # one note per person and paragraph


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt"))
                         + sorted((ROOT / "tests/data/synthetic").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_spans_index_the_loaded_text_and_the_view_keeps_every_fact(path: Path) -> None:
    text, article = read_article(str(path), None, 1 << 24)
    mentions = [m for d in article.documents for m in d.mentions] + article.dates \
        + article.counts + article.campaigns + [m for p in article.people for m in p.mentions] \
        + [m for o in article.organizations for m in o.mentions] \
        + [i for lst in article.lists for i in lst.items]
    assert mentions and all(text[m.span[0]:m.span[1]] == m.text for m in mentions)
    check_view(text, article, build(text, article))


# The renderings.

class Checker(HTMLParser):
    """Fails on a closing tag that does not match the open one; collects the marks."""

    VOID = frozenset({"meta", "input", "br", "img", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag not in self.VOID:
            self.open.append(tag)
        if tag == "mark":
            self.marks.append((dict(attrs)["class"] or "", ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-3:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "mark":
            kind, text = self.marks[-1]
            self.marks[-1] = (kind, text + data)


def test_the_page_is_well_formed_escaped_and_marks_every_fact() -> None:
    article = extract(ARTICLE)
    view = build(ARTICLE, article)
    html = page(view, "<thử>.txt", article.title.text)
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.open == [] and "script" not in checker.tags
    assert "<b>trên" not in html and "&lt;b&gt;trên 2/3&lt;/b&gt;" in html
    assert "&amp; mua" in html and "&lt;thử&gt;.txt" in html
    assert "http" not in html and "src=" not in html and "@import" not in html
    expected = [(f"k-{s.mark.kind}", s.text) for p in view.paragraphs for s in p.segments
                if s.mark is not None]
    assert [(c.split()[0], t) for c, t in checker.marks] == expected
    assert {k for k, _ in expected} == {f"k-{k}" for k in KINDS}


def test_plain_text_brackets_each_mark_with_its_kind() -> None:
    article = extract(ARTICLE)
    out = plain(build(ARTICLE, article), "bai.txt")
    assert out.startswith("bai.txt: document 1 · date 1 ·")
    assert "[document: 25/KH-UBND]" in out and "in it: document Kết luận 01" in out
    assert "{lessons 1} Một là, bám sát cơ sở." in out
    assert "\x1b[" not in out


# The command.

def test_show_on_a_pipe_is_plain_text() -> None:
    proc = run("show", str(SAMPLE))
    assert proc.returncode == 0 and proc.stderr == b""
    out = proc.stdout.decode("utf-8")
    assert "\x1b[" not in out
    assert "[document: 01-KL/TW]" in out and "[date: 11/6/2024]" in out
    assert "date         11/6/2024 → 2024-06-11" in out
    assert "{lessons 1} Một là," in out


@pytest.mark.parametrize("columns", ["120", "80"])
def test_show_with_color_on_a_pipe_draws_colours_and_no_color_wins_over_default(
        columns: str) -> None:
    coloured = run("show", "--color", str(SAMPLE),
                   env={"COLUMNS": columns, "TERM": "xterm-256color"})
    out = coloured.stdout.decode("utf-8")
    assert coloured.returncode == 0 and "\x1b[" in out
    words = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert " document 9 " in words and "■ 11/6/2024 → 2024-06-11" in words
    lines = words.splitlines()
    assert max(map(len, lines)) <= int(columns)
    beside = [line for line in lines
              if line.split("■")[0].strip() not in ("", "in it:") and "■" in line]
    assert bool(beside) == (columns == "120")  # values beside the text, or under it
    forced = run("show", str(SAMPLE), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert forced.stdout == run("show", "--no-color", str(SAMPLE)).stdout


def test_show_html_to_a_file_and_to_stdout_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "bai.html"
    proc = run("show", str(SAMPLE), "--html", str(out))
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr == b""
    piped = run("show", "-", "--html", "-", stdin=SAMPLE.read_bytes())
    assert piped.returncode == 0
    from_file = out.read_text(encoding="utf-8")
    assert piped.stdout.decode("utf-8") == from_file.replace(str(SAMPLE), "-")
    assert from_file.count("<mark ") >= 50


def test_show_errors_are_one_line_with_the_exit_code_of_extract(tmp_path: Path) -> None:
    for bad in ("missing.txt", str(SAMPLES)):
        shown, extracted = run("show", bad), run("extract", bad)
        assert (shown.returncode, shown.stderr) == (extracted.returncode, extracted.stderr)
        assert shown.returncode == 1 and shown.stderr.count(b"\n") == 1
        assert shown.stdout == b""
    itself = run("show", str(SAMPLE), "--html", str(SAMPLE))
    assert itself.returncode == 2 and b"is the article itself" in itself.stderr
    unwritable = run("show", str(SAMPLE), "--html", str(tmp_path / "no" / "bai.html"))
    assert unwritable.returncode == 1
    assert unwritable.stderr.decode("utf-8").count("\n") == 1
    assert "no/bai.html: cannot write the page" in unwritable.stderr.decode("utf-8")


@pytest.mark.parametrize("flag", ["--no-color", "--color"])
def test_show_to_a_closed_pipe_a_full_disk_or_no_stdout_ends_in_one_line(flag: str) -> None:
    command = " ".join([*CLI, "show", flag, str(SAMPLE)])
    head = subprocess.run(["bash", "-c", f"{command} | true; exit ${{PIPESTATUS[0]}}"],
                          capture_output=True, cwd=ROOT, timeout=120)  # a reader long gone
    assert (head.returncode, head.stderr) == (0, b"")
    full = subprocess.run(["bash", "-c", f"{command} >/dev/full"], capture_output=True,
                          cwd=ROOT, timeout=120)
    assert full.returncode == 1
    assert full.stderr == b"vnextract: error: cannot write the output: No space left on device\n"
    closed = subprocess.run(["bash", "-c", f"{command} >&-"], capture_output=True, cwd=ROOT,
                            timeout=120)
    assert closed.returncode == 2 and closed.stderr.count(b"\n") == 1
    assert b"stdout is closed" in closed.stderr
