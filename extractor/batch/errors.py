"""The error of a run as a whole, kept apart so that the command's error handling does not
import the load stage (`schema` and `--help` stay light)."""

from __future__ import annotations


class BatchError(Exception):
    """A problem with the batch as a whole (a bad glob, a corrupt output to resume)."""
