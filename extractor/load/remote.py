"""Inputs named by fsspec URLs (`s3://…`, `gs://…`, `file://…`, `memory://…`).

Read by whichever process extracts them (a cluster's worker reads its own bytes), with the
refusals of a local file where they apply (missing, directory, too large, unreadable) and
the same decoding. A failure of the storage service itself (a network error) is no fault of
the input: it is `transient`, which `--resume` retries. fsspec is imported only for URLs.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from .loading import (
    DEFAULT_MAX_BYTES,
    InputError,
    Loaded,
    _special,
    _too_large,
    decode,
    read_stream,
)

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_MAGIC = re.compile(r"[*?\[]")
INSTALL = "pip install 'vnextract[dask]'"


def is_url(name: str) -> bool:
    """Whether an input name is a URL (`scheme://…`) rather than a local path."""
    return _URL.match(name) is not None


def filesystem(url: str) -> tuple[AbstractFileSystem, str]:
    """The fsspec filesystem of `url` and the path within it; ValueError says why not."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise ValueError(f"reading URLs needs fsspec: {INSTALL}") from None
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:  # "Install s3fs to access S3", unknown scheme
        raise ValueError(" ".join(str(exc).split())) from None


def read_url(url: str, encoding: str | None = None,
             max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read and decode the file at `url`, every failure an `InputError` with advice."""
    try:
        fs, path = filesystem(url)
    except ValueError as exc:
        raise InputError("unreadable", str(exc)) from None
    info = _info(fs, path)
    if info.get("type") == "directory":
        raise InputError("directory", "is a directory; use `vnextract batch` for folders")
    if info.get("type") == "other":  # a FIFO or a device (file://): reading it may not end
        raise _special(info.get("mode", 0))
    size = info.get("size")
    if isinstance(size, int) and size > max_bytes:
        raise _too_large(size, max_bytes)
    try:
        with fs.open(path, "rb") as stream:
            data = read_stream(stream, max_bytes)
    except InputError:
        raise
    except Exception as exc:
        raise _failed(exc) from None
    return decode(data, encoding, PurePosixPath(path).suffix)


def url_digest(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 of the bytes at `url`, or None when they would not be read."""
    try:
        fs, path = filesystem(url)
        info = fs.info(path)
        size = info.get("size")
        if info.get("type") != "file" or (isinstance(size, int) and size > max_bytes):
            return None
        with fs.open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except Exception:  # any failure to read means: no digest, as for a local file
        return None
    return hashlib.sha256(data).hexdigest() if len(data) <= max_bytes else None


def expand(url: str, pattern: str) -> list[str]:
    """The inputs a URL names: the matches of a URL glob, the files `pattern` matches below
    a folder URL, or the URL itself. Matches keep the URL's spelling up to the first glob
    character (`memory://a/*.txt` gives `memory://a/x.txt`, not `memory:///a/x.txt`)."""
    fs, path = filesystem(url)
    if _MAGIC.search(path):
        head = url[: url.rfind("/", 0, _MAGIC.search(url).start()) + 1]
        found = fs.glob(path)
    elif fs.isdir(path):
        head = url.rstrip("/") + "/"
        found = fs.glob(path.rstrip("/") + "/" + pattern)
    else:
        return [url]
    stripped = fs._strip_protocol(head).rstrip("/") + "/"
    return [head + name[len(stripped):] if name.startswith(stripped)
            else fs.unstrip_protocol(name) for name in found]


def _info(fs: AbstractFileSystem, path: str) -> dict[str, Any]:
    try:
        return fs.info(path)
    except Exception as exc:
        raise _failed(exc) from None


def _failed(exc: Exception) -> InputError:
    """A missing file or a refusal as for a local file; anything else the storage's fault."""
    if isinstance(exc, FileNotFoundError):
        return InputError("missing", "no such file; check the URL")
    if isinstance(exc, IsADirectoryError):
        return InputError("directory", "is a directory; use `vnextract batch` for folders")
    if isinstance(exc, PermissionError):
        return InputError("unreadable", "permission denied; check the credentials or the "
                                        "object's permissions")
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    return InputError("transient", f"the storage could not be read ({detail}); "
                                   "run again with --resume to retry it")
