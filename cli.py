"""The typer app of the design card, runnable from a checkout: `python cli.py extract FILE`.

The app itself lives in `extractor/cli/app.py` so that the installed `vnextract` command finds it
without a generic top-level `cli` module in site-packages; this file is the checkout's shim.
"""

from extractor.cli.app import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":
    main()
