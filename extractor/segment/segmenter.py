"""underthesea's word segmentation, loaded without the rest of underthesea.

`import underthesea` runs a package `__init__` that imports its NER, chunking, POS and
classification pipelines, `requests`, and numpy through joblib: about 0.65 s of a cold
start, none of it used to segment words. This module loads only what `word_tokenize` runs:
the regex syllable tokenizer with its token normalisation, and the CRF model through
`underthesea_core`. The model's pickles are read with `pickle`, which joblib wrote them as.
The words are the same as `underthesea.word_tokenize` gives (a test compares them).

When underthesea is already imported in this process, its own `word_tokenize` is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import pickle
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

_MODEL = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")
_NORMALIZER_RULES = ("pipeline", "text_normalize", "tn_rules_2023_07_14.bin")
_PACKAGES = ("underthesea", "underthesea.pipeline", "underthesea.pipeline.text_normalize")
_NORMALIZER = "underthesea.pipeline.text_normalize.text_normalizer"
_LOADING = threading.Lock()


@cache
def word_tokenize() -> Callable[[str], list[str]]:
    """underthesea's `word_tokenize(text) -> words`, as cheaply as it can be loaded; the full
    package's own function when it is already imported or the lean load fails."""
    with _LOADING:  # one load at a time: the stand-in modules are process-wide
        if "underthesea" not in sys.modules and (root := _package_root()) is not None:
            try:
                return _lean(root)
            except (ImportError, OSError, KeyError, AttributeError, pickle.UnpicklingError):
                pass  # an underthesea laid out otherwise: the full import below still works
        from underthesea import word_tokenize as full

        return full


def _lean(root: Path) -> Callable[[str], list[str]]:
    with _bare_packages(root):
        tokenize = importlib.import_module(
            "underthesea.pipeline.word_tokenize.regex_tokenize").tokenize
    from underthesea_core import CRFFeaturizer, CRFTagger

    model = root.joinpath(*_MODEL)
    tagger = CRFTagger()
    tagger.load(str(model / "models.bin"))
    featurizer = CRFFeaturizer(_unpickle(model / "features.bin"),
                               _unpickle(model / "dictionary.bin"))

    def segment(text: str) -> list[str]:
        syllables = tokenize(text)
        tags = tagger.tag(featurizer.process([[[s] for s in syllables]])[0])
        return list(_words(syllables, tags))

    return segment


def _words(syllables: list[str], tags: list[str]) -> Iterator[str]:
    """Join each syllable tagged I-W (inside a word) to the word before it."""
    word: list[str] = []
    for syllable, tag in zip(syllables, tags, strict=True):
        if word and tag != "I-W":
            yield " ".join(word)
            word = []
        word.append(syllable)
    if word:
        yield " ".join(word)


def _package_root() -> Path | None:
    spec = importlib.util.find_spec("underthesea")
    return Path(spec.origin).parent if spec and spec.origin else None


def _unpickle(path: Path) -> object:
    with path.open("rb") as f:
        return pickle.load(f)  # underthesea's own model files, shipped with the package


@contextmanager
def _bare_packages(root: Path) -> Iterator[None]:
    """Stand-ins for underthesea's package modules (so their `__init__` files do not run)
    and for its normalisation table module (so joblib is not imported); afterwards no
    underthesea module is left in `sys.modules`, so a later `import underthesea` elsewhere in
    the process runs as usual."""
    rules = _unpickle(root.joinpath(*_NORMALIZER_RULES))
    before = set(sys.modules)
    try:
        for name in _PACKAGES:
            module = types.ModuleType(name)
            module.__path__ = [str(root.joinpath(*name.split(".")[1:]))]
            sys.modules[name] = module
        normalizer = types.ModuleType(_NORMALIZER)
        normalizer.character_map, normalizer.token_map = rules["character"], rules["token"]
        sys.modules[_NORMALIZER] = normalizer
        normalize = importlib.import_module("underthesea.pipeline.text_normalize.token_normalize")
        sys.modules[_PACKAGES[-1]].token_normalize = normalize.token_normalize
        yield
    finally:  # every underthesea module loaded here goes: its functions keep their globals
        for name in set(sys.modules) - before:
            if name == "underthesea" or name.startswith("underthesea."):
                del sys.modules[name]
