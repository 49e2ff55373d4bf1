"""Bytes to the NFC text that every span indexes into.

The text is decoded (UTF-8 with or without BOM, UTF-16 with BOM), line endings become "\\n",
and the result is NFC. Bytes that are not text raise `InputError`, which names what to do.
"""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """An input that cannot be read as an article; `kind` is a stable machine word."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Loaded:
    text: str
    sha256: str
    encoding: str


def detect_encoding(data: bytes) -> str:
    """The codec to read `data` with: a BOM decides, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return "utf-8"


def decode(data: bytes, encoding: str | None = None) -> Loaded:
    """Decode bytes to NFC text with "\\n" line endings, or raise `InputError`."""
    codec = encoding or detect_encoding(data)
    if encoding is None and b"\x00" in data and not codec.startswith("utf-16"):
        raise InputError("binary", "binary data, not text; give a .txt article")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            "encoding",
            f"not valid {codec} at byte {exc.start}; pass --encoding with the file's codec",
        ) from None
    except LookupError:
        raise InputError("encoding", f"unknown encoding {codec!r}") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Loaded(unicodedata.normalize("NFC", text), hashlib.sha256(data).hexdigest(), codec)


def read_path(
    path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Loaded:
    """Read and decode one file; every failure becomes an `InputError` with advice."""
    try:
        if path.is_dir():
            raise InputError("directory", "is a directory; use `vnextract batch` for folders")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError("too_large", f"{size} bytes is over --max-bytes {max_bytes}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("missing", "no such file; check the path") from None
    except PermissionError:
        raise InputError("unreadable", "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise InputError("unreadable", f"cannot read: {exc.strerror or exc}") from None
    return decode(data, encoding)
