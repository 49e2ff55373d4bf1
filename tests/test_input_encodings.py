"""Every encoding an archive may hold reads to the same text, so to the same extraction."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from extractor import extract
from extractor.load import legacy
from extractor.load.loading import InputError, decode, read_path
from extractor.output.emit import to_dict

from .conftest import ROOT, SAMPLES, articles
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


def test_invalid_bytes_for_a_forced_codec_become_replacement_characters() -> None:
    loaded = decode(b"Vi\xe1\xbb\x87t \xff\xfe\xfa Nam", "utf-8")
    assert (loaded.text, loaded.encoding) == ("Việt \ufffd\ufffd\ufffd Nam", "utf-8")
    assert loaded.warnings == (
        "3 bytes are not utf-8 (the first at byte 7) and became U+FFFD",)
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"abc", "no-such-codec")


def _cli(*args: str | Path) -> list[dict]:
    """The records the real CLI writes for its arguments (one JSON line each)."""
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "--compact",
                           *map(str, args)], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


QUOTE = TEXT.encode("utf-8").index("“".encode())
KL = TEXT.encode("utf-8").index(b"K\xe1\xba\xbft lu\xe1\xba\xadn")  # "Kết luận"
STRAY = {  # bytes, the text they must read as, the warning
    "windows-quote": (TEXT.encode("utf-8").replace("“".encode(), b"\x93", 1),
                      TEXT.replace("“", "\ufffd", 1),
                      f"1 byte is not UTF-8 (the first at byte {QUOTE}) and became U+FFFD"),
    "cut-in-last-letter": ((TEXT + "Thành phố").encode("utf-8")[:-1], TEXT + "Thành ph\ufffd",
                           f"2 bytes are not UTF-8 (the first at byte "
                           f"{len((TEXT + 'Thành ph').encode())}) and became U+FFFD"),
    "lone-surrogate": (TEXT.encode("utf-8")[:KL] + b"\xed\xa0\x80" + TEXT.encode("utf-8")[KL:],
                       TEXT[:len(TEXT.encode()[:KL].decode())] + "\ufffd" * 3
                       + TEXT[len(TEXT.encode()[:KL].decode()):],
                       f"3 bytes are not UTF-8 (the first at byte {KL}) and became U+FFFD"),
}


def test_a_stray_byte_costs_one_character_not_the_article(tmp_path: Path) -> None:
    """One bad byte in UTF-8 used to turn the whole article into TCVN3 mojibake."""
    paths = []
    for name, (data, _, _) in STRAY.items():
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_bytes(data)
    for record, (_, text, warning) in zip(_cli(*paths), STRAY.values(), strict=True):
        assert record["source"]["encoding"] == "utf-8"
        assert warning in record["source"]["warnings"]
        del record["source"]
        assert record == facts(text)
    assert [d["code"] for d in facts(STRAY["windows-quote"][1])["documents"]] == [
        "01-KL/TW", "11-QĐi/TW"]


def test_forced_utf8_reads_a_file_with_a_stray_byte(tmp_path: Path) -> None:
    path = tmp_path / "quote.txt"
    data, text, _ = STRAY["windows-quote"]
    path.write_bytes(data)
    [record] = _cli("--encoding", "utf-8", path)
    assert record["source"]["warnings"] == [
        f"1 byte is not utf-8 (the first at byte {QUOTE}) and became U+FFFD"]
    del record["source"]
    assert record == facts(text)


def test_a_file_half_utf8_half_cp1258_keeps_both_halves(tmp_path: Path) -> None:
    lines = TEXT.split("\n")
    half = len(lines) // 2
    path = tmp_path / "mixed.txt"
    path.write_bytes("\n".join(lines[:half]).encode("utf-8") + b"\n"
                     + cp1258("\n".join(lines[half:])))
    [record] = _cli(path)
    legacy_lines = sum(1 for line in lines[half:] if not line.isascii())
    assert record["source"]["encoding"] == "utf-8,cp1258"
    assert record["source"]["warnings"] == [
        f"{legacy_lines} of {len(lines)} lines are not UTF-8 (the first is line "
        f"{half + 1 + next(i for i, line in enumerate(lines[half:]) if not line.isascii())})"
        "; read them as cp1258"]
    del record["source"]
    assert record == CLEAN


VISCII_TEXT = TEXT.translate(str.maketrans({"“": '"', "”": '"', "…": "...", "\xa0": " "}))


def test_viscii_is_read_as_viscii_not_as_tcvn3(tmp_path: Path) -> None:
    """VISCII's bytes overlap TCVN3's: read as TCVN3 it scored as Vietnamese, with no warning."""
    article, line = tmp_path / "viscii.txt", tmp_path / "line.txt"
    article.write_bytes(legacy_bytes(VISCII_TEXT, "viscii"))
    line.write_bytes(b"B\xb5 Ch\xednh tr\xb8\n")  # "Bộ Chính trị" in RFC 1456's table
    [record] = _cli(article)
    assert (record["source"]["encoding"], record["source"]["warnings"]) == ("viscii", [])
    del record["source"]
    assert record == facts(VISCII_TEXT)
    [record] = _cli("--encoding", "viscii", line)
    assert record["title"]["text"] == "Bộ Chính trị"


@pytest.mark.parametrize("name", [*legacy.NAMES, "cp1258"])
def test_legacy_articles_are_not_taken_for_viscii(name: str) -> None:
    """VISCII is only taken when it reads clearly better: every article stored in another
    legacy encoding still reads as that one, without a warning."""
    for path in articles():
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        loaded = decode(cp1258(text) if name == "cp1258" else legacy_bytes(text, name))
        assert (loaded.encoding, loaded.warnings) == (name, ()), path.name


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
