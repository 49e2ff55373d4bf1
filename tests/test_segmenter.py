"""The lean loader of underthesea's segmenter gives underthesea's words, and leaves the
process able to import underthesea as usual."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT, articles

CHECK = """
import json, sys
from extractor.segment.segmenter import word_tokenize
lean = word_tokenize()
assert not [m for m in sys.modules if m.split(".")[0] == "underthesea"], "modules left"
lines = json.load(sys.stdin)
ours = [lean(line) for line in lines]
import underthesea
theirs = [underthesea.word_tokenize(line) for line in lines]
assert underthesea.sent_tokenize("Một câu. Hai câu.") == ["Một câu.", "Hai câu."]
print(json.dumps({"lines": len(lines), "same": sum(a == b for a, b in zip(ours, theirs))}))
"""


def test_lean_segmenter_gives_underthesea_words_and_a_normal_import_after() -> None:
    lines = [line for path in articles() for line in path.read_text("utf-8").splitlines()
             if line.strip()]
    proc = subprocess.run([sys.executable, "-c", CHECK], input=json.dumps(lines),
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result == {"lines": len(lines), "same": len(lines)}


def test_a_word_read_in_a_window_is_the_word_of_its_whole_sentence() -> None:
    """`Doc.word_around` segments WORD_REACH syllables either side of a position instead of
    the sentence; at the last syllable of every fourth word of the dev articles it finds the
    same word."""
    from extractor.pipeline import build_doc
    from extractor.segment.tokens import word_spans

    checked = 0
    for path in articles():
        doc = build_doc(path.read_text("utf-8"))
        for para in doc.content():
            for start, end in doc.sentences(para):
                words = word_spans(doc.view, start, end)
                for s, e in words[::4]:
                    pos = e - 1
                    assert doc.word_around(pos) == (s, e), (path.name, doc.text[s:e])
                    checked += 1
    assert checked > 500


def test_a_remembered_window_gives_its_words_at_any_offset() -> None:
    """Segmentation remembers windows by their text: the same text read at another place of
    another article gives the same words, moved to that place; and a window too long to be
    remembered gives the words a short one would."""
    from extractor.segment.tokens import forget_windows, word_spans

    phrase = "Ban Thường vụ Tỉnh ủy họp phiên thường kỳ"
    first, second = f"{phrase}.", f"Sáng nay, {phrase}."
    forget_windows()
    words = word_spans(first, 0, len(phrase))
    again = word_spans(second, 10, 10 + len(phrase))
    assert again == [(s + 10, e + 10) for s, e in words]
    assert [first[s:e] for s, e in words][:2] == ["Ban", "Thường vụ"]
    long = " ".join([phrase] * 12)
    assert len(long) > 256
    spans = word_spans(long, 0, len(long))
    opening = len(words) - 1  # the last word may join the repeat after it
    assert [long[s:e] for s, e in spans][:opening] == [first[s:e] for s, e in words][:opening]
