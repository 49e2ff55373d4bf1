"""The report as one HTML page: inline CSS and SVG, a few lines of script, nothing fetched.

Every text from the store is escaped. The page states its own limits: how many rows each
table holds out of how many, and how many citations each time series covers. Tables of the
top entries are folded under their chart; the article table pages itself by script (without
script every row shows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from urllib.parse import quote

from . import queries as q
from .charts import Mark, bar_chart, column_chart, number
from .pages import Link

PAGE_ROWS = 25  # article rows per page of the table

FACT_LABELS = {
    "dates": "Mốc thời gian",
    "documents": "Văn bản được trích dẫn",
    "counts": "Số liệu",
    "list_items": "Mục liệt kê",
    "organizations": "Tổ chức",
    "people": "Nhân vật",
    "campaigns": "Phong trào, mô hình",
}
KIND_LABELS = {
    "party": "Đảng", "state": "Nhà nước", "front": "Mặt trận", "mass": "Đoàn thể",
    "armed": "Lực lượng vũ trang", "court": "Tư pháp", "enterprise": "Doanh nghiệp",
    "press": "Báo chí", "education": "Giáo dục", "other": "Khác",
}
COLOURS = {"documents": "#2b6cb0", "time": "#2c7a7b", "issued": "#3182ce",
           "units": "#b7791f", "organizations": "#6b46c1", "people": "#c05621"}


@dataclass
class Contents:
    """Everything the page shows: the rows of the queries, and the pages made."""

    title: str
    store: str
    made: datetime
    version: str
    summary: q.Summary
    facts: list[q.FactCount]
    errors: list[q.ErrorKind]
    documents: list[q.CitedDocument]
    by_issue_year: q.Series
    by_article_date: q.Series
    units: list[q.Unit]
    organizations: list[q.Organization]
    people: list[q.Person]
    articles: list[q.ArticleRow]
    chart_rows: int  # bars per chart; the tables under them hold all the top rows
    folder: str | None = None  # the pages' folder (relative href), None without pages
    links: dict[int, Link] = field(default_factory=dict)


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _table(headers: Sequence[tuple[str, str]], rows: Sequence[Sequence[str]],
           table_id: str = "") -> str:
    """A table; headers are (text, css class); cells are already HTML."""
    ident = f' id="{table_id}"' if table_id else ""
    head = "".join(f'<th class="{css}" scope="col">{escape(text)}</th>'
                   for text, css in headers)
    body = "\n".join("<tr>" + "".join(f'<td class="{css}">{cell}</td>'
                                      for (_, css), cell in zip(headers, row, strict=True))
                     + "</tr>" for row in rows)
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def _folded(summary: str, table: str) -> str:
    return f'<details><summary>{escape(summary)}</summary>{table}</details>'


def _section(ident: str, heading: str, *parts: str) -> str:
    return (f'<section id="{ident}"><h2>{escape(heading)}</h2>\n' + "\n".join(parts)
            + "</section>")


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def _empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def _stat(label: str, value: str, raw: int | str, detail: str = "", key: str = "",
          wide: bool = False) -> str:
    extra = f'<span class="detail">{escape(detail)}</span>' if detail else ""
    css = "stat wide" if wide else "stat"
    return (f'<div class="{css}" data-key="{escape(key)}" data-value="{escape(str(raw))}">'
            f'<span class="value">{escape(value)}</span>'
            f'<span class="label">{escape(label)}</span>{extra}</div>')


def summary_section(c: Contents) -> str:
    s = c.summary
    errors = ", ".join(f"{e.kind}: {number(e.rows)}" for e in c.errors)
    span = (f"{day(s.first_date)} – {day(s.last_date)}" if s.first_date else "—")
    stats = [
        _stat("Bài viết", number(s.articles), s.articles, key="articles"),
        _stat("Tệp lỗi", number(s.errors), s.errors, errors, key="errors"),
        _stat("Bài có ngày đăng", number(s.dated), s.dated,
              f"{_share(s.dated, s.articles)} số bài", key="dated"),
        _stat("Ngày đăng", span, f"{s.first_date or ''}/{s.last_date or ''}",
              "từ bài sớm nhất đến bài muộn nhất", key="date_range", wide=True),
    ]
    facts = [_stat(FACT_LABELS[f.table], number(f.facts), f.facts,
                   f"trong {number(f.articles)} bài", key=f.table) for f in c.facts]
    return _section(
        "tong-quan", "Tổng quan",
        f'<div class="stats top">{"".join(stats)}</div>',
        "<h3>Dữ kiện theo loại</h3>",
        f'<div class="stats facts">{"".join(facts)}</div>',
        _note("Mỗi dữ kiện đếm một lần trong mỗi bài: một văn bản, tổ chức hay nhân vật được "
              "nhắc lại nhiều lần trong cùng một bài vẫn là một."))


def _share(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{100 * part / whole:.1f}%".replace(".", ",")


def _chart_or_empty(marks: list[Mark], draw: Callable[[list[Mark]], str], empty: str) -> str:
    return draw(marks) if marks else _empty(empty)


def documents_section(c: Contents) -> str:
    marks = [Mark(d.label, d.articles, tip=f"{number(d.mentions)} lần nhắc")
             for d in c.documents[: c.chart_rows]]
    chart = _chart_or_empty(marks, lambda m: bar_chart(
        m, title=f"{len(m)} văn bản được nhiều bài viết trích dẫn nhất",
        axis="Số bài viết trích dẫn", colour=COLOURS["documents"], chart_id="chart-documents"),
        "Kho chưa có văn bản nào được trích dẫn.")
    rows = [(str(i), escape(d.type), escape(d.code), escape(d.issuer or "—"),
             number(d.articles), number(d.mentions)) for i, d in enumerate(c.documents, 1)]
    table = _table([("#", "num"), ("Loại", ""), ("Số hiệu", ""), ("Cơ quan ban hành", ""),
                    ("Số bài viết", "num"), ("Số lần nhắc", "num")], rows)
    return _section("van-ban", "Văn bản được trích dẫn nhiều nhất", chart,
                    _folded(f"Bảng {len(rows)} văn bản đầu", table) if rows else "",
                    _note("Xếp theo số bài viết trích dẫn, rồi số lần nhắc. Cơ quan ban hành: "
                          "tên được ghi sau số hiệu nhiều nhất."))


def _period_marks(series: q.Series) -> list[Mark]:
    """Columns of a series, with only every k-th period labelled so that labels never touch.
    Years may span a millennium (an article on the year 1010): steps run to 1000, which
    covers every four-digit year."""
    count = len(series.periods)
    if series.unit == "year":
        step = next(k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if count / k <= 16)
        return [Mark(str(p.start.year), p.citations,
                     shown=str(p.start.year) if p.start.year % step == 0 else "")
                for p in series.periods]
    step = next(k for k in (1, 2, 3, 6, 12) if count / k <= 12)
    return [Mark(f"tháng {p.start.month}/{p.start.year}", p.citations,
                 shown=f"{p.start.month}/{p.start.year}" if (p.start.month - 1) % step == 0
                 else "")
            for p in series.periods]


def _series_chart(series: q.Series, title: str, x_axis: str, colour: str, chart_id: str,
                  empty: str) -> str:
    marks = _period_marks(series)
    return _chart_or_empty(marks, lambda m: column_chart(
        m, title=title, axis="Lượt trích dẫn", x_axis=x_axis, colour=colour,
        chart_id=chart_id), empty)


def time_section(c: Contents) -> str:
    issued, dated = c.by_issue_year, c.by_article_date
    per = "tháng" if dated.unit == "month" else "năm"
    return _section(
        "thoi-gian", "Trích dẫn theo thời gian",
        _note("Một lượt trích dẫn là một bài viết nhắc đến một văn bản, dù nhắc bao nhiêu lần."),
        _series_chart(issued, "Lượt trích dẫn theo năm ban hành văn bản", "Năm ban hành",
                      COLOURS["issued"], "chart-issued",
                      "Không văn bản nào có năm ban hành."),
        _note(f"{number(issued.covered)} trên {number(issued.total)} lượt trích dẫn có năm "
              "ban hành: năm của ngày ghi sau số hiệu, hoặc năm trong số hiệu "
              "(100/2019/NĐ-CP); số hiệu văn bản của Đảng (05-CT/TW) không ghi năm."),
        _series_chart(dated, f"Lượt trích dẫn theo {per} đăng bài", f"{per.capitalize()} "
                      "đăng bài", COLOURS["time"], "chart-dated",
                      "Không bài viết nào có trích dẫn và ngày đăng."),
        _note(f"{number(dated.covered)} trên {number(dated.total)} lượt trích dẫn nằm trong "
              "bài có ngày đăng (dòng ngày dưới tiêu đề, hoặc ngày mở đầu đoạn đầu)."))


def units_section(c: Contents) -> str:
    marks = [Mark(u.unit, u.counts, tip=f"trong {number(u.articles)} bài")
             for u in c.units[: c.chart_rows]]
    chart = _chart_or_empty(marks, lambda m: bar_chart(
        m, title=f"{len(m)} đơn vị có nhiều số liệu nhất", axis="Số số liệu",
        colour=COLOURS["units"], chart_id="chart-units"),
        "Kho chưa có số liệu nào.")
    rows = [(str(i), escape(u.unit), number(u.counts), number(u.articles))
            for i, u in enumerate(c.units, 1)]
    table = _table([("#", "num"), ("Đơn vị", ""), ("Số liệu", "num"), ("Số bài viết", "num")],
                   rows)
    return _section("don-vi", "Số liệu theo đơn vị", chart,
                    _folded(f"Bảng {len(rows)} đơn vị đầu", table) if rows else "",
                    _note("Đơn vị là danh từ được đếm, viết thường; % là tỉ lệ phần trăm."))


def organizations_section(c: Contents) -> str:
    marks = [Mark(o.canonical, o.articles, tip=f"{number(o.mentions)} lần nhắc")
             for o in c.organizations[: c.chart_rows]]
    chart = _chart_or_empty(marks, lambda m: bar_chart(
        m, title=f"{len(m)} tổ chức được nhiều bài viết nhắc đến nhất",
        axis="Số bài viết nhắc đến", colour=COLOURS["organizations"],
        chart_id="chart-organizations"), "Kho chưa có tổ chức nào.")
    rows = [(str(i), escape(o.canonical), escape(KIND_LABELS.get(o.kind, o.kind)),
             number(o.articles), number(o.mentions)) for i, o in enumerate(c.organizations, 1)]
    table = _table([("#", "num"), ("Tên (đầy đủ)", ""), ("Loại", ""), ("Số bài viết", "num"),
                    ("Số lần nhắc", "num")], rows)
    return _section("to-chuc", "Tổ chức được nhắc đến nhiều nhất", chart,
                    _folded(f"Bảng {len(rows)} tổ chức đầu", table) if rows else "",
                    _note("Gộp theo tên đầy đủ (viết tắt đã mở: UBND → Ủy ban nhân dân)."))


def people_section(c: Contents) -> str:
    marks = [Mark(p.name, p.articles, tip=p.title or "") for p in c.people[: c.chart_rows]]
    chart = _chart_or_empty(marks, lambda m: bar_chart(
        m, title=f"{len(m)} nhân vật được nhiều bài viết nhắc đến nhất",
        axis="Số bài viết nhắc đến", colour=COLOURS["people"], chart_id="chart-people"),
        "Kho chưa có nhân vật nào.")
    rows = [(str(i), escape(p.name), escape(p.title or "—"), number(p.articles),
             number(p.mentions)) for i, p in enumerate(c.people, 1)]
    table = _table([("#", "num"), ("Họ tên", ""), ("Chức danh ghi nhiều nhất", ""),
                    ("Số bài viết", "num"), ("Số lần nhắc", "num")], rows)
    return _section("nhan-vat", "Nhân vật được nhắc đến nhiều nhất", chart,
                    _folded(f"Bảng {len(rows)} nhân vật đầu", table) if rows else "")


def _article_title(c: Contents, row: q.ArticleRow) -> str:
    title = escape(row.title or "(không có tiêu đề)")
    link = c.links.get(row.article_id)
    if c.folder is not None and link is not None and link.file is not None:
        title = f'<a href="{escape(quote(f"{c.folder}/{link.file}"))}">{title}</a>'
    return f'{title}<span class="path">{escape(row.path)}</span>'


def articles_section(c: Contents) -> str:
    total = c.summary.articles
    if not c.articles:
        return _section("bai-viet", "Danh sách bài viết", _empty("Kho chưa có bài viết nào."))
    rows = []
    for row in c.articles:
        link = c.links.get(row.article_id)
        rows.append((f'<span data-sort="{row.article_date or ""}">{day(row.article_date)}'
                     "</span>",
                     _article_title(c, row), number(row.documents), number(row.organizations),
                     number(row.people), number(row.counts),
                     escape(link.note) if link and link.note else ""))
    table = _table([("Ngày đăng", "date"), ("Tiêu đề và tệp", "title"), ("Văn bản", "num"),
                    ("Tổ chức", "num"), ("Nhân vật", "num"), ("Số liệu", "num"),
                    ("Ghi chú", "remark")], rows, table_id="articles")
    shown = len(c.articles)
    cap = (f"Hiển thị {number(shown)} trên tổng số {number(total)} bài viết "
           "(giới hạn của báo cáo, đổi bằng --max-articles)" if shown < total
           else f"Đủ {number(total)} bài viết")
    pages = ("mỗi tiêu đề mở trang xem bài với các dữ kiện được tô sáng"
             if c.folder is not None else "không tạo trang xem từng bài")
    pager = (f'<div class="pager" data-rows="{PAGE_ROWS}" hidden>'
             '<button type="button" data-step="-1">‹ Trước</button>'
             '<span class="where"></span>'
             '<button type="button" data-step="1">Sau ›</button></div>')
    return _section("bai-viet", "Danh sách bài viết",
                    _note(f"{cap}; bài mới nhất trước, bài không có ngày đăng xếp sau theo tên "
                          f"tệp; {pages}. Bấm tiêu đề cột để sắp xếp; {PAGE_ROWS} bài mỗi trang."),
                    pager, table)


def render(c: Contents) -> str:
    """The whole page."""
    sections = [summary_section(c), documents_section(c), time_section(c), units_section(c),
                organizations_section(c), people_section(c), articles_section(c)]
    nav = "".join(f'<a href="#{ident}">{escape(text)}</a>' for ident, text in NAV)
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(c.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f'<header><h1>{escape(c.title)}</h1><p class="meta">Kho dữ liệu '
            f"<code>{escape(c.store)}</code> · tạo lúc {c.made:%H:%M %d/%m/%Y} · "
            f"vnextract {escape(c.version)}</p><nav>{nav}</nav></header>\n<main>\n"
            + "\n".join(sections)
            + f"\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")


NAV = (("tong-quan", "Tổng quan"), ("van-ban", "Văn bản"), ("thoi-gian", "Theo thời gian"),
       ("don-vi", "Đơn vị"), ("to-chuc", "Tổ chức"), ("nhan-vat", "Nhân vật"),
       ("bai-viet", "Bài viết"))

STYLE = """
:root { --ink: #1a202c; --muted: #4a5568; --rule: #e2e8f0; --paper: #fff; --bg: #f4f6f9;
        --accent: #1f3a5f; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 15px/1.5 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
header { background: var(--accent); color: #fff; padding: 1.2rem 2rem .6rem; }
header h1 { margin: 0 0 .2rem; font-size: 1.6rem; }
header .meta { margin: 0 0 .6rem; opacity: .85; font-size: .9rem; }
header code { font-size: .85rem; }
nav { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
nav a { color: #fff; opacity: .9; text-decoration: none; font-size: .92rem; }
nav a:hover { text-decoration: underline; }
main { max-width: 1060px; margin: 0 auto; padding: 1.2rem 1.5rem 3rem; }
section { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px;
          padding: 1rem 1.4rem 1.2rem; margin: 0 0 1.2rem; }
h2 { margin: 0 0 .8rem; font-size: 1.25rem; color: var(--accent); }
h3 { margin: 1rem 0 .5rem; font-size: 1rem; color: var(--muted); }
.stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(11.5rem, 1fr));
         gap: .6rem; }
.stat { border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .8rem;
        display: flex; flex-direction: column; background: #fafbfc; }
.stat .value { font-size: 1.45rem; font-weight: 650; color: var(--accent); }
.stats.facts .stat .value { font-size: 1.2rem; }
.stats.top { display: flex; flex-wrap: wrap; }
.stats.top .stat { flex: 1 1 10rem; }
.stats.top .stat.wide { flex: 2 1 18rem; }
.stat.wide .value { font-size: 1.3rem; white-space: nowrap; }
.stat .label { font-weight: 600; }
.stat .detail { color: var(--muted); font-size: .85rem; }
.note { color: var(--muted); font-size: .88rem; margin: .4rem 0 .6rem; }
.empty { color: var(--muted); font-style: italic; }
svg.chart { display: block; width: 100%; max-width: 960px; height: auto; margin: .4rem 0; }
svg.chart text { font-family: system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
svg.chart .chart-title { font-size: 15px; font-weight: 600; fill: var(--ink); }
svg.chart .label { font-size: 12.5px; fill: var(--ink); }
svg.chart .tick { font-size: 11.5px; fill: var(--muted); }
svg.chart .value { font-size: 12px; font-weight: 600; fill: var(--ink); }
svg.chart .axis-title { font-size: 12.5px; fill: var(--muted); }
svg.chart .grid { stroke: var(--rule); }
svg.chart .axis { stroke: #a0aec0; }
svg.chart .mark:hover { opacity: .75; }
details { margin: .4rem 0; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
th { background: #edf2f7; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.date, td.date { white-space: nowrap; width: 6.5rem; }
th.remark, td.remark { width: 9rem; }
td.remark { color: #9c4221; font-size: .85rem; }
td.title a { color: #2b6cb0; }
td .path { display: block; color: var(--muted); font-size: .78rem; word-break: break-all; }
#articles th { cursor: pointer; user-select: none; }
#articles th[aria-sort="ascending"]::after { content: " ▲"; }
#articles th[aria-sort="descending"]::after { content: " ▼"; }
.pager { display: flex; align-items: center; gap: .8rem; margin: .4rem 0; }
.pager button { font: inherit; padding: .15rem .7rem; border: 1px solid #a0aec0;
                border-radius: 4px; background: #fff; cursor: pointer; }
.pager button:disabled { opacity: .4; cursor: default; }
"""

# Paging and sorting of the article table; cells sort by their data-sort value when given.
SCRIPT = """
(function () {
  var table = document.getElementById("articles");
  if (!table) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var pager = document.querySelector("#bai-viet .pager"), where = pager.querySelector(".where");
  var size = Number(pager.getAttribute("data-rows")), page = 0;
  function show() {
    var pages = Math.max(1, Math.ceil(rows.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    rows.forEach(function (row, i) { row.hidden = i < page * size || i >= (page + 1) * size; });
    where.textContent = "Trang " + (page + 1) + "/" + pages;
    pager.querySelector('[data-step="-1"]').disabled = page === 0;
    pager.querySelector('[data-step="1"]').disabled = page === pages - 1;
  }
  function key(row, col, numeric) {
    var cell = row.cells[col], marked = cell.querySelector("[data-sort]");
    var text = marked ? marked.getAttribute("data-sort") : cell.textContent;
    return numeric ? Number(text.replace(/[.]/g, "")) : text;
  }
  pager.addEventListener("click", function (event) {
    var step = event.target.getAttribute("data-step");
    if (step) { page += Number(step); show(); }
  });
  table.tHead.addEventListener("click", function (event) {
    var th = event.target.closest("th");
    if (!th) return;
    var col = th.cellIndex, numeric = th.classList.contains("num");
    var up = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = key(a, col, numeric), y = key(b, col, numeric);
      var order = numeric ? x - y : String(x).localeCompare(String(y), "vi");
      return up ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    page = 0;
    show();
  });
  pager.hidden = false;
  show();
})();
"""
