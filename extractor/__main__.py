"""`python -m extractor` runs the vnextract command."""

from .cli import app

app(prog_name="vnextract")
