"""Properties on any input: extraction never raises, spans index the NFC text, output
validates and is deterministic, work grows linearly; the CLI ends cleanly on a closed
pipe, Ctrl-C and a full disk."""

from __future__ import annotations

import json
import platform
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Article, extract
from extractor.engine import rules
from extractor.load.loading import InputError, decode
from extractor.output.emit import dumps, to_dict

from .conftest import ROOT, SAMPLES
from .test_contract import _mentions

SCHEMA = Article.model_json_schema(mode="serialization")
HANG = 60.0  # seconds: far beyond any real scan, only a runaway regex reaches it
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
PIECES = ["Ngày ", "11/6/2024", "1/1/", "quý I/2024", " năm 2023-2024", "Kết luận số ",
          "01-KL/TW", "100/2019/NĐ-CP", "Chỉ thị 36", " của Bộ Chính trị khoá XIII", "trên ",
          "20", "1,2 triệu", " tổ chức đảng", "Thứ nhất, ", "Một là, ", "(1) ", "1. ", "\n",
          "\n\n", ", ", ". ", "Tỉnh uỷ", "hoà", "\u00a0", "\u200b", "–", "Ð", " ", "%",
          "9" * 320, " người"]
ANY_CHAR = st.characters(blacklist_categories=())  # surrogates and controls included
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=400),
    st.lists(st.sampled_from(PIECES) | st.text(ANY_CHAR, max_size=3), max_size=80).map("".join),
)


def check_output(text: str) -> None:
    article = extract(text)
    nfc = unicodedata.normalize("NFC", text)
    data = to_dict(article)
    for mention in _mentions(data):
        start, end = mention["span"]
        assert 0 <= start < end <= len(nfc)
        assert nfc[start:end] == mention["text"]
    jsonschema.validate(data, SCHEMA)
    assert dumps(to_dict(extract(text))) == dumps(to_dict(article))


@SETTINGS
@given(TEXTS)
def test_any_text_extracts_to_valid_output(text: str) -> None:
    check_output(text)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_load_or_are_refused(data: bytes) -> None:
    try:
        loaded = decode(data)
    except InputError as error:
        assert error.kind in {"binary", "empty", "encoding"}
        return
    check_output(loaded.text)


PDF_LINES = ["a-", "\xad", "-", "kết thúc câu.", "quy-", "ết", "01-", "KL/TW", "số -", "của",
             "Tỉnh ủy chỉ đạo các cấp ủy", "triển khai thực hiện nghiêm túc", ""]


@SETTINGS
@given(st.lists(st.sampled_from(PDF_LINES), min_size=4, max_size=40).map("\n".join))
def test_text_copied_from_pdfs_loads_or_is_refused(text: str) -> None:
    try:
        loaded = decode(text.encode("utf-8"))
    except InputError as error:
        assert error.kind == "empty"
        return
    check_output(loaded.text)


ADVERSARIAL = ["1/1/", "1.1.", "1-1-", "Thứ nhất ", "Một là, ", "(1) ", "1.\n", " ",
               "số 01-KL/TW ", "ngày 1/1/2024 ", "trên 20 ", "01-KL/", "1,1,", "\u200b"]


def _calls(unit: str, size: int) -> int:
    """Python function calls made by extract() on `unit` repeated to `size` characters: a
    count of work that does not depend on how busy the machine is."""
    text = unit * (size // len(unit))
    extract(text[:100])  # load rules and models outside the count
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        extract(text)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_work_grows_linearly_on_repetitive_input(unit: str) -> None:
    """Ten times the input may take at most about ten times the calls, never a hundred."""
    small, large = _calls(unit, 2_000), _calls(unit, 20_000)
    assert large <= 15 * max(small, 100), (unit, small, large)


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_no_rule_backtracks_catastrophically(unit: str) -> None:
    """Every rule scans 100 KB of adversarial text; a catastrophic backtrack would run for
    hours, so the generous timeout only turns a hang into a failure."""
    text = unit * (100_000 // len(unit))
    for family in rules.families():
        for rule in rules.load(family).rules:
            for _ in rule.pattern.finditer(text, timeout=HANG):
                pass


def test_a_megabyte_of_digits_and_slashes_extracts() -> None:
    check_output("12/3/4567/" * 100_000)


CLI = [sys.executable, "-m", "extractor", "extract"]
SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"


def test_a_closed_pipe_ends_quietly() -> None:
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    proc = subprocess.run([*CLI, *[str(SAMPLE)] * 20], cwd=ROOT, stdout=reader.stdin,
                          stderr=subprocess.PIPE, timeout=300)
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait()
    assert proc.returncode == 0
    assert proc.stderr == b""


def test_a_full_disk_is_one_line_and_no_traceback() -> None:
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*CLI, str(SAMPLE)], cwd=ROOT, stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode != 0
    assert "Traceback" not in err and len(err.splitlines()) == 1, err


READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}.get(platform.machine(), "0")


def _blocked_reading(pid: int) -> bool:
    """Whether the process sits in read(0, …): it has started and waits for stdin."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return fields[:2] == [READ_SYSCALL, "0x0"]


def test_ctrl_c_ends_with_one_line_and_exit_130() -> None:
    proc = subprocess.Popen([*CLI, "-"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for _ in range(600):
        if _blocked_reading(proc.pid):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert out == b""
    assert err.decode("utf-8") == "vnextract: interrupted\n"


def test_output_lines_are_whole_json() -> None:
    proc = subprocess.run([*CLI, str(SAMPLE), str(SAMPLE)], cwd=ROOT, capture_output=True,
                          timeout=120, check=True)
    assert [json.loads(line)["source"]["chars"] for line in proc.stdout.splitlines()] == [
        len(SAMPLE.read_text(encoding="utf-8"))] * 2
