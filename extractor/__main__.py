"""`python -m extractor` runs the vnextract command."""

from .cli import main

main()
