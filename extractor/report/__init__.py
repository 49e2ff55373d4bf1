"""`vnextract report`: one self-contained HTML page of a store, with charts and tables.

`queries` holds the SQL of every section, `charts` draws rows as SVG, `page` writes the
HTML, `pages` makes the per-article pages the rows link to, and `build` puts them together.
Needs DuckDB (the `db` extra) and nothing else: the charts are hand-written SVG.
"""
