"""The `vnextract` command: the typer app and its terminal side."""
