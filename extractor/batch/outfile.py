"""The -o file of a batch: one writer at a time.

Opened without truncating it and locked (an exclusive `flock`) before anything is cut or
written, so that a second run on the same file, fresh or `--resume`, is refused whole instead
of interleaving records. When `--resume` rewrites the file (a new inode renamed over the old
one), the new file is locked before the rename: there is no moment without a lock.
"""

from __future__ import annotations

import fcntl
import os
import stat
from pathlib import Path
from typing import BinaryIO


class Busy(Exception):
    """Another process holds the lock; `pid` is that process when the system says."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


class Output:
    """An -o file, open for writing and locked until `close`."""

    def __init__(self, path: Path, append: bool) -> None:
        self.path = path
        self.append = append
        self.fd = _claim(path, self._flags())
        if not append and _regular(self.fd):  # truncated only now that it is ours
            os.ftruncate(self.fd, 0)

    def _flags(self) -> int:
        return os.O_WRONLY | os.O_CREAT | (os.O_APPEND if self.append else 0)

    def replace(self, temporary: Path, target: Path) -> None:
        """`os.replace` for --resume's rewrite, the lock moved to the new file first."""
        fd = _lock(os.open(temporary, self._flags()))
        os.replace(temporary, target)
        os.close(self.fd)
        self.fd = fd

    def stream(self) -> BinaryIO:
        """The unbuffered file the records go to (a record cut short can be truncated)."""
        return open(self.fd, "ab" if self.append else "wb", buffering=0, closefd=False)

    def close(self) -> None:
        os.close(self.fd)


def _claim(path: Path, flags: int) -> int:
    """Open and lock `path`, again when another run's --resume renamed a new file over it
    meanwhile: the lock must be on the file the name stands for now."""
    while True:
        fd = os.open(path, flags, 0o666)
        if not _regular(fd):  # /dev/null, a pipe: shared by design, nothing to cut
            return fd
        _lock(fd)
        if _same_file(fd, path):
            return fd
        os.close(fd)


def _lock(fd: int) -> int:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pid = _holder(fd)
        os.close(fd)
        raise Busy(pid) from None
    return fd


def _regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)


def _same_file(fd: int, path: Path) -> bool:
    try:
        named = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _holder(fd: int) -> int | None:
    """The pid holding a lock on fd's file, as Linux lists it in /proc/locks; else None."""
    info = os.fstat(fd)
    key = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii") as locks:
            for line in locks:  # "1: FLOCK  ADVISORY  WRITE 4468 fe:00:2146842 0 EOF"
                fields = line.split()
                if fields[1:2] == ["FLOCK"] and fields[5:6] == [key]:
                    return int(fields[4])
    except (OSError, ValueError):
        return None
    return None
