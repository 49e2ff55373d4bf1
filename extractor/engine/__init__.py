"""The rule engine: pattern files loaded and compiled, matches run and selected."""
