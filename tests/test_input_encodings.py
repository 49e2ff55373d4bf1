"""Every encoding an archive may hold reads to the same text, so to the same extraction."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from extractor import extract, legacy
from extractor.emit import to_dict
from extractor.loading import InputError, decode, read_path

from .conftest import ROOT, SAMPLES
from .legacy_bytes import cp1258, legacy_bytes, legacy_text, representable, vietnamese_letters

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
TEXT = unicodedata.normalize("NFC", SAMPLE.read_text(encoding="utf-8"))
SHORT = "Tiêu đề\nNgày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW về đại hội.\n"


def facts(text: str, warnings: tuple[str, ...] = ()) -> dict:
    """The output without its source: what must not depend on how the bytes were stored."""
    data = to_dict(extract(text, warnings=warnings))
    del data["source"]
    return data


CLEAN = facts(TEXT)

SAME_TEXT = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16-le with BOM": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-16-le without BOM": TEXT.encode("utf-16-le"),
    "CRLF": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "lone CR": TEXT.replace("\n", "\r").encode("utf-8"),
    "NFD (macOS)": unicodedata.normalize("NFD", TEXT).encode("utf-8"),
    "cp1258": cp1258(TEXT),
    "cp1258 CRLF": cp1258(TEXT.replace("\n", "\r\n")),
}


@pytest.mark.parametrize("data", SAME_TEXT.values(), ids=SAME_TEXT.keys())
def test_stored_forms_read_to_the_clean_text(data: bytes) -> None:
    loaded = decode(data)
    assert loaded.text == TEXT
    assert loaded.warnings == ()
    assert facts(loaded.text) == CLEAN


@pytest.mark.parametrize("name", legacy.NAMES)
@pytest.mark.parametrize("saved_as_utf8", [False, True], ids=["bytes", "saved-as-utf-8"])
def test_legacy_files_are_detected_and_converted(name: str, saved_as_utf8: bool) -> None:
    data = (legacy_text(TEXT, name).encode("utf-8") if saved_as_utf8
            else legacy_bytes(TEXT, name))
    loaded = decode(data)
    assert loaded.encoding == (f"utf-8+{name}" if saved_as_utf8 else name)
    assert loaded.text == representable(TEXT, name)
    assert facts(loaded.text) == facts(representable(TEXT, name))
    assert [d["code"] for d in facts(loaded.text)["documents"]] == ["01-KL/TW", "11-QĐi/TW"]


@pytest.mark.parametrize("name", legacy.NAMES)
def test_every_vietnamese_letter_round_trips_through_the_table(name: str) -> None:
    letters = vietnamese_letters()
    for letter in letters:
        assert legacy.decode(legacy_bytes(letter, name), name) == representable(letter, name)
    if name == "vni":  # VNI has every capital; TCVN3 (VN3) has only Ă Â Ê Ô Ơ Ư Đ
        assert all(representable(c, name) == c for c in letters)


def test_tcvn3_toned_capitals_read_as_small_letters() -> None:
    assert legacy.decode(legacy_bytes("Ủy ban", "tcvn3"), "tcvn3") == "ủy ban"
    assert legacy.decode(bytes.fromhex("A7B6"), "tcvn3") == "Đả"


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258", "TCVN3"])
def test_forced_encoding_reads_a_line_too_short_to_detect(encoding: str) -> None:
    line = "Bộ Chính trị"
    data = cp1258(line) if encoding == "cp1258" else legacy_bytes(line, encoding.lower())
    assert decode(data, encoding).text == line


def test_a_short_legacy_article_is_still_detected() -> None:
    for name in legacy.NAMES:
        loaded = decode(legacy_bytes(SHORT, name))
        assert (loaded.encoding, loaded.text) == (name, SHORT)


def test_unsure_detection_says_how_to_force_the_encoding() -> None:
    loaded = decode(b"Total: 12 \xe9l\xe8ves, 3 \xe9coles.\n")
    assert any("--encoding tcvn3" in w and "--encoding vni" in w for w in loaded.warnings)


def test_genuine_utf8_with_latin1_letters_is_not_converted() -> None:
    text = "Tôi yêu Việt Nam. Café, élève, São Paulo và những câu tiếng Việt có dấu đầy đủ."
    assert decode(text.encode("utf-8")) == decode(text.encode("utf-8"), "utf-8")


def test_invalid_bytes_for_a_forced_codec_are_refused() -> None:
    with pytest.raises(InputError) as error:
        decode(b"\xff\xfe\xfa not utf-8", "utf-8")
    assert error.value.kind == "encoding" and "--encoding" in error.value.message
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


def test_mixed_tone_placement_reads_the_same() -> None:
    old = "Tiêu đề\nTỉnh uỷ ban hành Kết luận số 01-KL/TW của Bộ Chính trị khoá XIII.\n"
    new = old.replace("uỷ", "ủy").replace("khoá", "khóa")
    assert [d["code"] for d in facts(old)["documents"]] == ["01-KL/TW"]
    assert [d["code"] for d in facts(old)["documents"]] == [
        d["code"] for d in facts(new)["documents"]]


def test_cli_detects_vni_and_forces_tcvn3(tmp_path: Path) -> None:
    vni = tmp_path / "vni.txt"
    vni.write_bytes(legacy_bytes(TEXT, "vni"))
    short = tmp_path / "short.txt"
    short.write_bytes(legacy_bytes("Bộ Chính trị", "tcvn3"))
    cli = [sys.executable, "-m", "extractor", "extract"]
    out = subprocess.run([*cli, str(vni)], cwd=ROOT, capture_output=True, check=True,
                         timeout=120).stdout
    assert json.loads(out)["source"]["encoding"] == "vni"
    out = subprocess.run([*cli, "--encoding", "tcvn3", str(short)], cwd=ROOT,
                         capture_output=True, check=True, timeout=120).stdout
    assert json.loads(out)["title"]["text"] == "Bộ Chính trị"


def test_read_path_reports_detection_warnings(tmp_path: Path) -> None:
    unsure = tmp_path / "unsure.txt"
    unsure.write_bytes(b"Total: 12 \xe9l\xe8ves.\n")
    assert read_path(unsure).warnings


def test_cli_records_carry_the_load_warnings(tmp_path: Path) -> None:
    unsure = tmp_path / "unsure.txt"
    unsure.write_bytes(b"Total: 12 \xe9l\xe8ves.\n")
    out = subprocess.run([sys.executable, "-m", "extractor", "extract", str(unsure)], cwd=ROOT,
                         capture_output=True, check=True, timeout=120).stdout
    warnings = json.loads(out)["source"]["warnings"]
    assert any("--encoding tcvn3" in w for w in warnings)
    assert any("not look like Vietnamese" in w for w in warnings)
