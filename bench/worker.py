"""One extraction worker for the memory figure: extract every path read from stdin.

Run by `bench/run.py`, which reads this process's peak RSS with `os.wait4`. Each article goes
through `extractor.extract` and is serialized, as a batch worker would.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor import extract  # the checkout's, not an installed copy


def main() -> None:
    """Extract each path named on stdin, one a line; print how many were done."""
    done = 0
    for line in sys.stdin:
        text = Path(line.strip()).read_text(encoding="utf-8")
        extract(text).model_dump_json()
        done += 1
    print(done)


if __name__ == "__main__":
    main()
