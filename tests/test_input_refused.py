"""Inputs that cannot be read are refused with one line that names the file and the fix;
text that is not Vietnamese is read, with a warning in the record."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor import extract
from extractor.load.loading import InputError, check_not_binary, read_path, read_stream

from .conftest import ROOT

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bai-viet.txt", "Bộ Chính trị")
    return buffer.getvalue()


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input made in `tmp`, with the error kind it must give."""
    files = {"empty.txt": b"", "blank.txt": b" \n\t\r\n  \n", "photo.png": PNG,
             "scan.pdf": PDF, "archive.zip": _zip(), "page.txt.gz": gzip.compress(b"abc"),
             "nuls.txt": b"ab\x00cd" * 50, "controls.txt": bytes(range(1, 9)) * 20}
    kinds = {"empty.txt": "empty", "blank.txt": "empty"}
    cases = {}
    for name, data in files.items():
        (tmp / name).write_bytes(data)
        cases[name] = (tmp / name, kinds.get(name, "binary"))
    (tmp / "folder").mkdir()
    (tmp / "broken").symlink_to(tmp / "gone.txt")
    (tmp / "loop").symlink_to(tmp / "loop")
    (tmp / "big.txt").write_bytes("Bộ Chính trị ".encode() * 100)
    cases.update({
        "folder": (tmp / "folder", "directory"),
        "missing": (tmp / "missing.txt", "missing"),
        "broken": (tmp / "broken", "broken_link"),
        "loop": (tmp / "loop", "link_loop"),
        "big": (tmp / "big.txt", "too_large"),
    })
    return cases


def test_each_bad_input_gives_its_error_kind(tmp_path: Path) -> None:
    for name, (path, kind) in _bad_inputs(tmp_path).items():
        with pytest.raises(InputError) as error:
            read_path(path, max_bytes=1000)
        assert error.value.kind == kind, name
        assert "\n" not in error.value.message and ";" in error.value.message, name


def test_the_messages_say_what_to_do(tmp_path: Path) -> None:
    cases = _bad_inputs(tmp_path)
    advice = {"scan.pdf": "pdftotext", "folder": "batch", "broken": "fix or remove",
              "big": "--max-bytes", "archive.zip": "unpack"}
    for name, words in advice.items():
        with pytest.raises(InputError, match=words):
            read_path(cases[name][0], max_bytes=1000)


def test_an_io_error_while_reading_is_refused() -> None:
    with pytest.raises(InputError) as error:
        read_path(Path("/proc/self/mem"))
    assert error.value.kind == "unreadable"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Bộ Chính trị", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission"):
        read_path(path)


def test_a_stream_over_the_limit_is_refused_without_reading_it_all() -> None:
    stream = io.BytesIO(b"x" * 5000)
    with pytest.raises(InputError) as error:
        read_stream(stream, max_bytes=100)
    assert error.value.kind == "too_large"
    assert stream.tell() == 101


def test_cli_refuses_each_with_one_line_and_goes_on(tmp_path: Path) -> None:
    cases = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Tiêu đề\nBộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n", encoding="utf-8")
    names = [str(path) for path, _ in cases.values()]
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "--max-bytes", "1000",
                           *names, str(good)], cwd=ROOT, capture_output=True, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1
    assert "Traceback" not in err
    assert len(err.splitlines()) == len(names)
    for line, name in zip(err.splitlines(), names, strict=True):
        assert line.startswith(f"vnextract: error: {name}: ")
    assert "35-CT/TW" in proc.stdout.decode("utf-8").splitlines()[-1]


def test_text_that_is_not_vietnamese_is_read_with_a_warning() -> None:
    english = "Title\nThe Politburo issued Directive 35-CT/TW on 14/6/2024 to all branches.\n"
    warnings = extract(english).source.warnings
    assert len(warnings) == 1 and "not look like Vietnamese" in warnings[0]
    assert extract("Tiêu đề\nBộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n").source.warnings == []


def test_load_warnings_reach_the_record() -> None:
    article = extract("Tiêu đề\nBộ Chính trị họp.\n", warnings=("read as vni",))
    assert article.source.warnings == ["read as vni"]


def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path) -> None:
    """Reading a FIFO waits for a writer forever: anything but a regular file is refused."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text("Tiêu đề\nBộ Chính trị họp.\n", encoding="utf-8")
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    cli = [sys.executable, "-m", "extractor"]
    for name in (str(fifo), "/dev/zero"):
        proc = subprocess.run([*cli, "extract", name], cwd=ROOT, capture_output=True,
                              timeout=60)
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 1 and proc.stdout == b""
        assert err.startswith(f"vnextract: error: {name}: ") and err.count("\n") == 1, err
        assert "not a regular file" in err
    proc = subprocess.run([*cli, "batch", str(folder)], cwd=ROOT, capture_output=True,
                          timeout=60)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert [r["source"]["path"] for r in records] == [str(folder / "good.txt"), str(fifo)]
    assert records[1]["error"]["kind"] == "special"


def test_nul_and_control_bytes_are_refused_anywhere_in_the_file(tmp_path: Path) -> None:
    """Not only in the first 64 KiB: a text with a binary tail is no article either."""
    text = "Tiêu đề\nNgày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n".encode()
    head = text * (100_000 // len(text))  # past the first 64 KiB
    files = {"nul.txt": head + b"\x00" + text,
             "controls.txt": head + bytes(range(1, 9)) * 100 + text,
             "fine.txt": head + b"\x0c\x1a" + text}  # a form feed, a DOS end of file
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    names = [str(tmp_path / name) for name in files]
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", *names], cwd=ROOT,
                          capture_output=True, timeout=300)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert [r.get("error", {}).get("kind") for r in records] == ["binary", "binary", None]


def _calls_to_check(data: bytes) -> int:
    """Python and C calls made by the binary check on `data`: work, not time."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        check_not_binary(data, None)
    finally:
        sys.setprofile(None)
    return calls


def test_the_binary_check_is_linear() -> None:
    """Each 64 KiB block is scanned once in C: 4x the bytes make at most about 4x the calls."""
    block = "Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n".encode() * 1500
    small, large = _calls_to_check(block * 4), _calls_to_check(block * 16)
    assert large <= 4.5 * small, (small, large)
