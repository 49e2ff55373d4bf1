"""Work grows linearly on the inputs that used to make it quadratic: a paragraph of many
inline lists, two long near-duplicate paragraphs. Measured as CPU seconds of the real CLI
and asserted as a ratio, never as an absolute time: one run on the 16x article against one
run on four 4x articles, the same amount of text after the same start-up, is about 1 when
the work is linear and about 4 when it is quadratic."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import cli_timed

LINEAR_AT_MOST = 2.0
LISTS = ("Thứ nhất, tăng cường kiểm tra. Thứ hai, đẩy mạnh tuyên truyền. Thứ ba, rà soát quy "
         "hoạch. Nhiệm vụ gồm: 1. Công khai kết quả. 2. Chăm lo an sinh. 3. Rà soát quy hoạch. ")
SENTENCE = "Người dân trong xã phấn khởi vì mùa màng bội thu và đời sống được nâng lên rõ rệt. "


def _work_ratio(tmp_path: Path, article: Callable[[int], str]) -> float:
    """CPU of `extract` on `article(16)` over CPU of `extract` on four copies of `article(4)`."""
    large = tmp_path / "x16.txt"
    large.write_text(article(16), encoding="utf-8")
    small = [tmp_path / f"x4-{copy}.txt" for copy in range(4)]
    for path in small:
        path.write_text(article(4), encoding="utf-8")
    (large_run, large_cpu), (small_run, small_cpu) = (cli_timed("extract", large),
                                                      cli_timed("extract", *small))
    assert large_run.returncode == small_run.returncode == 0, large_run.stderr
    return large_cpu / small_cpu


def _inline_lists(times: int) -> str:
    """One paragraph of 200 x `times` lists, of three inline items each."""
    return "Tiêu đề\nTỉnh ủy đề ra các nhiệm vụ sau: " + LISTS * 200 * times + "\n"


def _near_duplicates(times: int) -> str:
    """Two paragraphs of 8,000 x `times` characters that differ in one letter."""
    line = (SENTENCE * (8_000 * times // len(SENTENCE) + 1))[: 8_000 * times]
    half = len(line) // 2
    return f"Tiêu đề\n{line}\n{line[:half]}x{line[half + 1:]}\n"


def test_a_paragraph_of_many_inline_lists_takes_linear_time(tmp_path: Path) -> None:
    """Each list's last item and intro were found by rescanning the paragraph's sentences,
    and each "1." marker by searching back to the paragraph's start."""
    ratio = _work_ratio(tmp_path, _inline_lists)
    assert ratio < LINEAR_AT_MOST, ratio


def test_two_long_near_duplicate_paragraphs_take_linear_time(tmp_path: Path) -> None:
    """difflib compared the whole of both paragraphs: two 32,000-character lines took 25 s."""
    ratio = _work_ratio(tmp_path, _near_duplicates)
    assert ratio < LINEAR_AT_MOST, ratio
