"""The extractor families: one module per kind of fact, and the grammars they share."""
