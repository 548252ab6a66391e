"""The compiled sketch core (``native/``) returns exactly what the Python reference returns.

Every stored sketch, posting key and decision depends on these values, so the check is
equality, not closeness: same words, same shingle hashes and count, same facts, same digest.
The module skips when the extension is not built (``make venv`` builds it, so CI runs it).
"""

from __future__ import annotations

import json
import os
import random
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import corpus
from streams.core.dedup import sketch
from streams.core.dedup.sketch import FURNITURE_MAX_WORDS
from tests.unit.core.dedup.conftest import FLOOD, FLOOD_MORE, MARKETS, MARKETS_NEXT_DAY

native = pytest.importorskip(
    "wirestream_native", reason="the native sketch core is not built (make venv builds it)"
)
pytestmark = pytest.mark.skipif(
    os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
)


def _same(text: str, size: int = sketch.SHINGLE, k: int = sketch.K) -> None:
    assert sketch._native() is not None
    got = sketch.sketch_text(text, size, k)
    want = sketch.sketch_text_python(text, size, k)
    assert got.mins.dtype == want.mins.dtype == np.uint32
    assert got.facts.dtype == want.facts.dtype == np.uint32
    assert got.mins.tolist() == want.mins.tolist()
    assert got.count == want.count
    assert got.facts.tolist() == want.facts.tolist()
    assert got.digest == want.digest


def _folded(text: str) -> str:
    return text if text.isascii() else text.casefold()


def _same_words(text: str) -> None:
    assert native.tokens(_folded(text)) == sketch.tokens(text)
    for size in range(1, 7):
        got = np.frombuffer(native.shingle_hashes(_folded(text), size), np.uint32)
        assert got.tolist() == sketch.shingle_hashes(sketch.tokens(text), size).tolist()


# Characters where the tokenizer's semantics are easy to get wrong: the typographic marks it
# separates on and their neighbours it does not, Unicode spaces that are word characters to
# ``bytes.split``, case folds that change length or reach ASCII (ß, ẞ, İ, the Kelvin sign,
# long s), non-ASCII digits (not figures), Arabic and Finnish letters, '#' (the repeat tag).
TRICKY = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2000\u2007\u200b\u2028\u3000"
    "\xab\xbb\u2010\u2013\u2014\u2015\u2016\u2017\u2018\u201c\u201f\u2020\u2026\u2032\u2033\u2034"
    ".,;:!?'\"()-_/#%&@*+=<>[]{}|\\^`~$"
    "ßẞİıKſﬁΣσςÅåÄäÖöŠšŽž"
    "٠١٢٣٤٥٦٧٨٩ ٣٤ والقاهرة القدس"
    "0123456789"
    "AaBbZz"
)
WORDS = [
    "Advertisement",
    "Read more:",
    "not",
    "fell",
    "rose",
    "four",
    "Helsingissä",
    "Jyväskylän",
    "القاهرة",
    "12",
    "12",
    "3.5",
    "2026",
    "NOT",
    "Rose",
    "\u2014",
    "\n",
    "\n\n",
]
texts = st.lists(
    st.one_of(
        st.text(alphabet=TRICKY, max_size=12),
        st.sampled_from(WORDS),
        st.text(max_size=8),
    ),
    max_size=60,
).map(" ".join)
any_text = st.text().filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_tricky_texts_sketch_the_same(text: str) -> None:
    _same(text)
    _same_words(text)


@settings(max_examples=200, deadline=None)
@given(any_text, st.integers(1, 6), st.integers(0, 200))
def test_any_text_any_size_sketches_the_same(text: str, size: int, k: int) -> None:
    _same(text, size, k)


def test_written_stories_sketch_the_same() -> None:
    for story in (FLOOD, FLOOD_MORE, MARKETS, MARKETS_NEXT_DAY):
        _same("\n\n".join(story))
        _same("\n".join(story) + "\nUpdated 27.11.2026 18:05\nAdvertisement\n")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "...!!!---",
        "\u2014\u2014",
        "one",
        "two words",
        "a b c",
        "7 7 7 7 7 7 7 7 7 7 7 7",
        "1.5 1,5 15 1#2 12#2",
        "not NOT Not n\u00f6t",
        "STRASSE stra\u00dfe STRA\u1e9eE",
        "\u0130stanbul \u212a \u017fun \ufb01le",
    ],
)
def test_edge_texts_sketch_the_same(text: str) -> None:
    _same(text)
    _same_words(text)


def test_huge_text_sketches_the_same() -> None:
    """Well past the parser's body cap: both paths bounded, and still equal."""
    line = "The river rose 4.2 metres in 36 hours, officials said, not 3 as forecast. "
    text = "\n".join(line * (i % 7 + 1) + str(i) for i in range(6000))
    assert len(text) > 1_000_000
    _same(text)


def test_corpus_texts_sketch_the_same() -> None:
    names = [n for n in ("dedup_pairs", "geo_en", "geo_multilingual") if corpus.available(n)]
    if not names:
        pytest.skip(f"the shared corpus is absent ({corpus.CORPUS_DIR})")
    seen = 0
    for name in names:
        with (corpus.CORPUS_DIR / f"{name}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                for value in row.values():
                    if isinstance(value, str) and value.strip():
                        _same(value)
                        seen += 1
    assert seen > 1000


def test_lone_surrogate_fails_as_in_python() -> None:
    with pytest.raises(UnicodeEncodeError):
        sketch.sketch_text_python("a \ud800 b")
    with pytest.raises(UnicodeEncodeError):
        sketch.sketch_text("a \ud800 b")


def test_size_outside_the_native_range_uses_python() -> None:
    with pytest.raises(IndexError):
        sketch.sketch_text_python("a b c d e f g h", 7)
    with pytest.raises(IndexError):
        sketch.sketch_text("a b c d e f g h", 7)
    with pytest.raises(ValueError, match="1 to 6"):
        sketch._native().sketch("a b", 0, 8, 8)  # type: ignore[union-attr]


def test_wire_native_0_forces_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRE_NATIVE", "0")
    sketch._native.cache_clear()
    try:
        assert sketch._native() is None
        assert (
            sketch.sketch_text("Rose 4 not").digest
            == sketch.sketch_text_python("Rose 4 not").digest
        )
    finally:
        monkeypatch.delenv("WIRE_NATIVE")
        sketch._native.cache_clear()
    assert sketch._native() is not None


class _PanickingSketcher:
    """What a panic in the compiled sketch looks like from Python: a ``RuntimeError``."""

    def sketch(self, *args: object) -> tuple[bytearray, int, bytearray, str]:
        raise RuntimeError("wirestream_native: Sketcher.sketch panicked (a bug)")


def test_a_panic_in_the_sketch_falls_back_to_the_python_reference(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Flood waters rose in Mozambique on Tuesday, officials said, forcing 3,000 to leave."
    want = sketch.sketch_text_python(text)
    monkeypatch.setattr(sketch, "_native", lambda: _PanickingSketcher())
    got = sketch.sketch_text(text)
    assert got.digest == want.digest and got.count == want.count
    assert np.array_equal(got.mins, want.mins) and np.array_equal(got.facts, want.facts)


# The native word scan reads eight bytes at a time and looks alone only at a mark's lead byte
# (0xC2, 0xE2): words of every length at every offset of an 8-byte chunk, ending the text at
# every offset, beside marks (which separate), lead bytes that open no mark ("©", "€": word
# bytes), other non-ASCII letters, capitals and digits inside words.
PIECES = ("a", "Ab", "xyz", "Word", "b52h", "2026", "QUICKLY", "tw\u00e9nty", "\u20acuro", "\u00a9")
GAPS = (" ", ". ", "\u2019", " \u2014 ", "\u00a0", "\n\n", "--", " \u00ab", "\u2026")


@pytest.mark.parametrize("lead", ["", " ", "xx ", "\u2019", "\u00e9t\u00e9 "])
def test_words_at_every_chunk_offset_sketch_the_same(lead: str) -> None:
    for pad in range(9):
        for length in range(1, 20):
            word = ("Ab3" * 7)[:length]
            for gap in GAPS:
                text = lead + "." * pad + word + gap + "Next " + word + gap
                for end in range(len(text) - 8, len(text) + 1):
                    _same_words(text[:end])
                _same(text)
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) + rng.choice(GAPS) for _ in range(rng.randint(1, 80)))
        _same(text)
        _same_words(text)


@pytest.mark.parametrize("k", [0, 1, 16, 127, 128, 129, 200, 1000])
def test_bottom_k_with_repeats_and_any_k_sketches_the_same(k: int) -> None:
    """The native bottom-k takes the hashes under a cut set by the distinct count, and sorts
    everything when too few are under it: repeated shingles (few distinct among many),
    counts just around the cut, and texts long and short for every k."""
    rng = random.Random(k)
    vocab = [f"w{i}" for i in range(400)]
    texts = [
        "one two three four " * 300 + " ".join(vocab[:50]),
        " ".join(rng.choice(vocab[:30]) for _ in range(2000)),
        " ".join(vocab[: k + k // 2 + 20]),
        " ".join(vocab[: k + k // 2 + 14]),
        " ".join(rng.choice(vocab) for _ in range(5000)),
    ]
    for text in texts:
        for size in (1, 4, 6):
            _same(text, size, k)


def test_repeated_shingles_sharing_a_bucket_sketch_in_linear_time() -> None:
    """Review hrev28a: a text of 400 distinct words (more distinct shingles than the cut's
    ``want``), then two words repeated, whose two shingle values both fall under the cut and
    in one of ``sorted_under``'s 256 buckets. The repeats all reach the insertion sort, and
    each later copy of the smaller value once shifted past every copy of the larger: about
    (n/4)**2 moves, 1.4 CPU-s for 560 KB (0.08 s in Python), some 20 minutes at the 16 MB
    message bound. The pair below ("x4", "x31") was found by a search against the
    reference's hashes; the sketch must stay equal and cost about a sort."""
    words = [f"p{i}" for i in range(400)] + ["x4", "x31"] * 150_000
    text = " ".join(words)
    assert len(text) > 1_000_000
    cpu = time.process_time()
    got = sketch.sketch_text(text)
    spent = time.process_time() - cpu
    want = sketch.sketch_text_python(text)
    assert got.mins.tolist() == want.mins.tolist() and got.count == want.count
    assert spent < 1.0, spent


# Lines around the furniture rule's edges: blanks Python's ``lstrip`` and ``split`` take
# (vertical tab, form feed, the 0x1C-0x1F separators, carriage return) before and inside a
# phrase line, cased phrases, a phrase cut by the 40-character head after leading blanks,
# 16 and 17 words, 159 and 160 characters, and a line opening with a character that is no
# phrase's initial.
_ASCII_LINES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Advertisement",
            "ADVERTISEMENT",
            "  READ MORE: the other story",
            "\tShare this article",
            "\x0bAdvertisement",
            " \x0b\x1cAdvertisement",
            "\rAdvertisement",
            "Advertisement\x1cnext\x1fword\x0bthird",
            " " * 30 + "Advertisement",
            " " * 35 + "Advertisement",
            "Related: " + "word " * FURNITURE_MAX_WORDS,
            "Related: " + "word " * (FURNITURE_MAX_WORDS - 2),
            "Related: " + "w " * (FURNITURE_MAX_WORDS - 1) + "x" * 100,
            "Advertisement " + "x" * (159 - len("Advertisement ")),
            "Advertisement " + "x" * (160 - len("Advertisement ")),
            "Sign up for " + "x" * 160,
            "*Advertisement",
            "The minister said on Monday that talks would go on.",
        ]
    ),
    st.text(alphabet="aAdRrSsIi \t\x0b\x1c\r:", max_size=30),
)


_WITH_FURNITURE = pytest.mark.skipif(
    not hasattr(native, "Furniture"),
    reason="the installed native core predates Furniture (make venv rebuilds it)",
)


@_WITH_FURNITURE
@settings(max_examples=500, deadline=None)
@given(st.lists(_ASCII_LINES, max_size=12), st.booleans())
def test_ascii_furniture_is_stripped_natively_as_in_python(lines: list[str], newline: bool) -> None:
    """``Furniture.strip`` drops exactly the lines the Python rule drops, and returns the text
    itself when none goes; ``strip_furniture`` takes it for every ASCII text."""
    furniture = sketch._NATIVE_FURNITURE
    assert furniture is not None
    text = "\n".join(lines) + ("\n" if newline else "")
    want = sketch.strip_furniture_python(text)
    got = furniture.strip(text)
    assert got == want
    if want is text:
        assert got is text
    assert sketch.strip_furniture(text) == want


@_WITH_FURNITURE
def test_furniture_of_a_text_that_is_not_ascii_is_left_to_python() -> None:
    furniture = sketch._NATIVE_FURNITURE
    assert furniture is not None
    for text in ("Advertisement\nZ\u00fcrich story", "Read more: \ud800", "\u0130\nAdvertisement"):
        assert furniture.strip(text) is None
        assert sketch.strip_furniture(text) == sketch.strip_furniture_python(text)


_WITH_PACK = pytest.mark.skipif(
    not hasattr(native, "pack"),
    reason="the installed native core predates pack (make venv rebuilds it)",
)


@_WITH_PACK
@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=140))
def test_pack_is_binascii_on_every_array_layout(values: list[int]) -> None:
    """``pack`` writes what ``binascii`` writes: natively for a C-contiguous native-order
    array, by the reference for a strided view, a big-endian copy or another dtype."""
    assert sketch._NATIVE_PACK is not None
    array = np.array(values, dtype=np.uint32)
    want = sketch.pack_python(array)
    assert native.pack(array) == want
    assert sketch.pack(array) == want
    # A view at an offset of a writable copy (what stage 2's decoded sketches are).
    padded = np.frombuffer(bytearray(b"\0" * 4 + array.tobytes()), np.uint32)[1:]
    assert native.pack(padded) == want
    assert native.pack(array.astype(">u4")) is None
    assert sketch.pack(array.astype(">u4")) == want
    assert sketch.pack(array.astype(np.uint64)) == sketch.pack_python(array.astype(np.uint64))
    strided = array[::2]
    if not strided.flags.c_contiguous:  # one value or none: numpy calls the view contiguous
        assert native.pack(strided) is None
    assert sketch.pack(strided) == sketch.pack_python(strided)
