"""The real `vnextract` command in a subprocess: outputs, errors and exit codes."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "tay-ninh-hoc-tap-lam-theo-bac.txt"
CLI = [sys.executable, "-m", "extractor"]


def run(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


def assert_one_line_error(proc: subprocess.CompletedProcess, name: str) -> None:
    err = proc.stderr.decode("utf-8")
    assert err.count("\n") == 1, err
    assert name in err and "Traceback" not in err
    assert proc.stdout == b""


def test_extract_prints_one_compact_json_object_to_a_pipe() -> None:
    proc = run("extract", str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode("utf-8")
    assert out.count("\n") == 1
    data = json.loads(out)
    assert [d["code"] for d in data["documents"]] == ["01-KL/TW", "11-QĐi/TW"]
    assert "Tây Ninh" in out  # ensure_ascii=False: Vietnamese as written


def test_pretty_flag_indents() -> None:
    proc = run("extract", "--pretty", str(SAMPLE))
    assert proc.stdout.decode("utf-8").startswith('{\n  "schema_version"')


def test_stdin_dash_reads_the_same_article() -> None:
    from_file = json.loads(run("extract", str(SAMPLE)).stdout)
    from_stdin = json.loads(run("extract", "-", stdin=SAMPLE.read_bytes()).stdout)
    assert from_stdin["source"]["path"] == "-"
    assert from_stdin["source"]["sha256"] == from_file["source"]["sha256"]
    del from_file["source"], from_stdin["source"]
    assert from_stdin == from_file


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    other = tmp_path / "b.txt"
    other.write_text("Tiêu đề\nNgày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.\n",
                     encoding="utf-8")
    proc = run("extract", str(SAMPLE), str(other))
    lines = proc.stdout.decode("utf-8").splitlines()
    assert proc.returncode == 0 and len(lines) == 2
    assert json.loads(lines[1])["documents"][0]["code"] == "35-CT/TW"


def test_tokens_add_word_spans() -> None:
    data = json.loads(run("extract", "--tokens", str(SAMPLE)).stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    words = [t for s in data["sentences"] for t in s["tokens"]]
    assert any(w["text"] == "đảng viên" for w in words)
    assert all(text[w["span"][0]:w["span"][1]] == w["text"] for w in words)


def test_schema_command_prints_the_schema_outputs_validate_against() -> None:
    schema = json.loads(run("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(run("extract", str(SAMPLE)).stdout), schema)


def test_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = run("extract", str(missing))
    assert proc.returncode == 1
    assert_one_line_error(proc, str(missing))


def test_directory_is_refused_with_advice(tmp_path: Path) -> None:
    proc = run("extract", str(tmp_path))
    assert proc.returncode == 1
    assert_one_line_error(proc, str(tmp_path))
    assert "batch" in proc.stderr.decode()


def test_binary_file_is_refused(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    proc = run("extract", str(png))
    assert proc.returncode == 1
    assert_one_line_error(proc, str(png))


def test_usage_errors_exit_2() -> None:
    assert run("extract").returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("extract", "--max-bytes", "0", str(SAMPLE)).returncode == 2


def test_installed_command_works_from_any_directory(tmp_path: Path) -> None:
    exe = shutil.which("vnextract")
    if exe is None:
        pytest.skip("vnextract is not installed (pip install .)")
    proc = subprocess.run([exe, "extract", str(SAMPLE)], cwd=tmp_path, capture_output=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["lists"]


def test_several_files_are_json_lines_even_with_pretty(tmp_path: Path) -> None:
    proc = run("extract", "--pretty", str(SAMPLE), str(SAMPLE))
    assert proc.returncode == 0
    assert len(proc.stdout.decode("utf-8").splitlines()) == 2


def test_an_unknown_encoding_is_a_usage_error() -> None:
    proc = run("extract", "--encoding", "bogus", str(SAMPLE))
    assert proc.returncode == 2
    assert_one_line_error(proc, "--encoding bogus")


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = run("--help").stdout.decode("utf-8")
    commands = [line.split()[0] for line in help_text.split("Commands:")[1].splitlines()
                if line.strip()]
    assert set(commands) == {"extract", "batch", "load", "export", "report", "eval", "show",
                             "schema"}
    for command in commands:
        assert f"vnextract {command}" in readme, command


@pytest.mark.parametrize(("command", "code", "words"), [
    ("extract {sample} >&-", 2, "stdout is closed"),
    ("batch samples >&-", 2, "stdout is closed"),
    ("batch --files-from - <&-", 2, "stdin is closed"),
    ("extract - <&-", 1, "stdin is closed"),
    ("schema > /dev/full", 1, "cannot write the output"),
    ("--help > /dev/full", 1, "cannot write the output"),
])
def test_closed_or_full_standard_streams_are_one_line(command: str, code: int,
                                                      words: str) -> None:
    line = f"{shlex.join(CLI)} {command.format(sample=shlex.quote(str(SAMPLE)))}"
    proc = subprocess.run(["bash", "-c", line], capture_output=True, cwd=ROOT, timeout=120)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == code, err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err, err
    assert "internal" not in err and "report" not in err


def test_batch_with_o_needs_no_stdout(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    line = f"{shlex.join([*CLI, 'batch', str(SAMPLE), '-o', str(out)])} >&-"
    proc = subprocess.run(["bash", "-c", line], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(out.read_bytes())["source"]["path"] == str(SAMPLE)


def test_the_schema_file_is_the_models_schema(update_golden: bool) -> None:
    """`vnextract schema` prints extractor/data/schema.json; it must be what the models say
    (regenerate with `pytest tests/test_cli.py --update-golden`)."""
    from extractor.cli.app import SCHEMA_FILE
    from extractor.output.models import record_schema

    generated = json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"
    if update_golden:
        SCHEMA_FILE.write_text(generated, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated
