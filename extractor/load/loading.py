"""Bytes to the text that every span indexes into, or an `InputError` that says what to do.

The load stage, in order: refuse what is not text (known binary signatures, NUL or control
bytes); decode (a forced `--encoding`; a BOM: UTF-8, UTF-16; a web page's declared charset:
bytes invalid for the codec become U+FFFD, with a warning; else UTF-8, line by line where
it is not all UTF-8, and the most Vietnamese reading of Windows-1258, TCVN3 and VNI for the
lines that are not, see `charsets`); "\\r\\n" and "\\r" to "\\n"; NFC; a web page to its
article's text (`webpage`; one nested deeper than `webpage.MAX_DEPTH` is refused before
parsing, which no signal could stop); invisible characters out and PDF line wraps joined
(`repair`); refuse text that is empty.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import charsets, legacy, repair, webpage

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
SNIFF_BYTES = 65_536
CONTROL_SHARE = 0.01  # more control bytes than this and it is not text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF file; copy its text out (pdftotext FILE.pdf) and give the .txt"),
    (b"\x89PNG", "a PNG image, not text; give the article's .txt or .html"),
    (b"\xff\xd8\xff", "a JPEG image, not text; give the article's .txt or .html"),
    (b"GIF8", "a GIF image, not text; give the article's .txt or .html"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); unpack it or save the article as .txt"),
    (b"\xd0\xcf\x11\xe0", "an Office document (.doc/.xls); save the article as .txt"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first (gunzip)"),
    (b"\x7fELF", "a program, not text; give the article's .txt or .html"),
)
_CONTROL_BYTES = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A, 0x1B}))


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
    warnings: tuple[str, ...] = ()


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 whose every other byte is NUL (ASCII-heavy text saved without a BOM)."""
    head = data[:SNIFF_BYTES]
    even, odd = head[0::2], head[1::2]
    if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str | None:
    """The codec a BOM or a BOM-less UTF-16 layout names; None when the content must decide."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return _utf16_without_bom(data) if b"\x00" in data[:SNIFF_BYTES] else None


def check_signature(data: bytes) -> None:
    """Refuse bytes that start like an image, an archive, a PDF or a program."""
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise InputError("binary", message)


def check_not_binary(data: bytes, codec: str | None) -> None:
    """Refuse bytes with a binary signature or, in a non-UTF-16 text, a NUL byte anywhere or
    control bytes over 1% of any 64 KiB: a binary tail after a text head is no article."""
    check_signature(data)
    if codec is not None and codec.startswith("utf-16"):
        return
    if b"\x00" in data or any(_controls(block) > CONTROL_SHARE * len(block)
                              for block in _blocks(data)):
        raise InputError("binary", "binary data, not text; give the article's .txt or .html")


def _blocks(data: bytes) -> Iterator[bytes]:
    """`data` in SNIFF_BYTES blocks, the last one ending at the end (never a short tail)."""
    last = max(len(data) - SNIFF_BYTES, 0)
    for start in [*range(0, last, SNIFF_BYTES), last]:
        yield data[start : start + SNIFF_BYTES]


def _controls(block: bytes) -> int:
    """How many control bytes: one pass in C, where counting each byte value takes 26."""
    return len(block) - len(block.translate(None, _CONTROL_BYTES))


def known_encoding(name: str) -> bool:
    """Whether `name` is a text codec this tool can read with (Python's, or a legacy one)."""
    if name.lower() in legacy.CODECS:
        return True
    try:
        return codecs.lookup(name)._is_text_encoding
    except LookupError:
        return False


def _decode_with(data: bytes, codec: str) -> charsets.Decoded:
    """Decode with a named codec (legacy names too); invalid bytes become U+FFFD, with a
    warning, so that a forced or declared codec always gives the text a way out."""
    if codec.lower() in legacy.CODECS:
        return charsets.Decoded(legacy.decode(data, codec.lower()), codec.lower())
    try:
        return charsets.Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        return charsets.replaced(data, codec, exc.start)
    except (LookupError, UnicodeError):  # unknown, or not a text codec ("undefined")
        raise InputError("encoding", f"unknown encoding {codec!r}; try utf-8, cp1258, "
                                     "tcvn3 or vni") from None


def _page_charset(data: bytes) -> str | None:
    """The charset a web page declares, when Python knows that codec."""
    declared = webpage.declared_charset(data)
    try:
        info = codecs.lookup(declared) if declared else None
    except LookupError:
        return None
    if info is None or not info._is_text_encoding:  # "undefined", "rot13": not a charset
        return None
    return "utf-8" if info.name.startswith("utf-16") else info.name  # as browsers do


def _decode_bytes(data: bytes, encoding: str | None, html: bool) -> charsets.Decoded:
    if encoding:
        check_signature(data)
        return _decode_with(data, encoding)
    codec = detect_encoding(data)
    check_not_binary(data, codec)
    if codec is None and html:
        codec = _page_charset(data)
    if codec is not None:
        return _decode_with(data, codec)
    try:
        return charsets.from_utf8(data.decode("utf-8"))
    except UnicodeDecodeError:
        return charsets.from_mostly_utf8(data)


def _is_html(data: bytes, suffix: str) -> bool:
    return suffix.lower() in HTML_SUFFIXES or webpage.looks_like_html(
        data[:256].decode("latin-1").replace("\x00", ""))


def decode(data: bytes, encoding: str | None = None, suffix: str = "") -> Loaded:
    """Bytes (of a file named with `suffix`) to repaired NFC text, or raise `InputError`."""
    html = _is_html(data, suffix)
    decoded = _decode_bytes(data, encoding, html)
    text = decoded.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    notes = list(decoded.warnings)
    if html:
        if webpage.too_deep(text):
            raise InputError("too_deep", f"a web page nested more than {webpage.MAX_DEPTH} "
                                         "elements deep (no article is); save the article's "
                                         "text as .txt")
        text = webpage.to_text(text)
        notes.append("web page: kept the article's title, date and paragraphs")
    text, repairs = repair.repair(text)
    if not text.strip():
        what = "no article text in the page" if html else "empty or only white space"
        raise InputError("empty", f"{what}; nothing to extract, check the file")
    return Loaded(text, hashlib.sha256(data).hexdigest(), decoded.encoding,
                  tuple(notes + repairs))


def _too_large(size: int, max_bytes: int) -> InputError:
    return InputError("too_large", f"over --max-bytes {max_bytes} ({size} bytes or more); "
                                   "raise --max-bytes or split the file")


def _stat(path: Path) -> os.stat_result:
    """The file's status, with every failure as an `InputError` that names the fix."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError("broken_link", f"broken symbolic link to {os.readlink(path)}; "
                                            "fix or remove the link") from None
        raise InputError("missing", "no such file; check the path") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("link_loop", "symbolic link loop; fix the link") from None
        raise _unreadable(exc) from None
    except ValueError:  # a NUL byte in the name (from --files-from)
        raise InputError("missing", "no such file (the name holds a NUL byte); check the path"
                         ) from None


def _special(mode: int) -> InputError:
    """A FIFO, socket or device: reading one can wait for a writer forever, or never end."""
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device")
    return InputError("special", f"{what}, not a regular file; save the article to a file, "
                                 "or pipe it to `vnextract extract -`")


def _unreadable(exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError("unreadable", "permission denied; check the file's permissions")
    return InputError("unreadable", f"cannot read ({exc.strerror or exc}); check the file")


def read_stream(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most `max_bytes` from an open stream (stdin, a pipe), or a too-large error."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(exc) from None
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def read_path(
    path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Loaded:
    """Read and decode one file; every failure becomes an `InputError` with advice."""
    info = _stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise InputError("directory", "is a directory; use `vnextract batch` for folders")
    if not stat.S_ISREG(info.st_mode):
        raise _special(info.st_mode)
    if info.st_size > max_bytes:
        raise _too_large(info.st_size, max_bytes)
    try:
        with path.open("rb") as stream:
            data = read_stream(stream, max_bytes)
    except OSError as exc:
        raise _unreadable(exc) from None
    return decode(data, encoding, path.suffix)
