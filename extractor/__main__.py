"""`python -m extractor` runs the vnextract command."""

from .cli.app import main

main()
