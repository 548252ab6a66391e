"""The native whitespace pass (``native/src/text.rs``) gives what the Python pass gives.

``text._lines_flagged`` returns the native answer whenever there is one, so it must be
``_lines_python``'s, byte for byte, with the same "control removed" flag, in both modes; None
(the Python pass decides) is allowed only for a text holding a character outside ASCII and
the ranges the native side knows. The module skips when the extension is not built (``make
venv`` builds it, so CI runs it).
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core import text as textmod

native = pytest.importorskip(
    "wirestream_native", reason="the native core is not built (make venv builds it)"
)
pytestmark = [
    pytest.mark.skipif(
        os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
    ),
    pytest.mark.skipif(
        not hasattr(native, "normal_text"),
        reason="an installed native core built before text.rs (make venv rebuilds it)",
    ),
]


def _agrees(text: str) -> None:
    """The native answer, when there is one, is the Python pass's, in both modes."""
    for controls in (True, False):
        want = textmod._lines_python(text, controls=controls)
        got = native.normal_text(text, controls)
        if got is None:
            assert not text.isascii(), repr(text)
        else:
            assert got == want, repr(text)
            assert type(got[0]) is str
        assert textmod._lines_flagged(text, controls=controls) == want, repr(text)


SAMPLES = [
    "",
    "a",
    " ",
    "\n",
    "\n\n",
    "a\n\nb",
    "a\n\n\nb",
    "One line.\nTwo lines.",
    "  lead",
    "trail  ",
    "a  b",
    "a \nb",
    "a\n b",
    "\na",
    "a\n",
    "tab\there",
    "cr\rhere",
    "nul\x00here",
    "del\x7fhere",
    "framing\x01\x1f",
    "Café “quoted” — 東京 ‘x’ …",
    "nbsp\u00a0here",
    "soft\u00adhyphen",
    "zero\u200bwidth",
    "bom\ufeffhere",
    "nel\x85here",
    "line\u2028sep",
    "ideographic\u3000space",
    "thin\u2009space",
    "emoji 😀 here",
    "Ελληνικά και Русский текст",
    "עברית ועربي",
    "한국어 日本語 ひらがな カタカナ",
    "combining e\u0301",
    "x" * 100_000,
    ("word " * 20_000).strip(),
    "\n".join(["line"] * 5_000),
    "a" * 63 + "\x01" + "b" * 64,
    "a" * 64 + "  " + "b",
    "Ã¢â‚¬â„¢ mojibake",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_agree(text: str) -> None:
    _agrees(text)


def test_common_texts_are_answered_natively() -> None:
    """The native answer is the common one: clean or not, ASCII, Latin, Greek, CJK text."""
    for text in ("One line.\n\nTwo lines, “quoted”.", "Ελληνικά, Русский, 東京, 서울"):
        got = native.normal_text(text, True)
        assert got == (text, False)
        assert got[0] is text  # already normal: the same object, nothing allocated
    assert native.normal_text("  a  b \n\n\n\n c\x01 ", True) == ("a b\n\nc", True)
    assert native.normal_text("é\x01  b", False) == ("é\x01 b", False)
    assert native.normal_text("nbsp\u00a0here", True) is None


def test_known_printable_ranges_are_printable() -> None:
    """Every character the native pass keeps without asking is printable and no blank to
    Python, alone and between letters: the whole of Unicode."""
    said_printable = []
    for c in range(0x80, sys.maxunicode + 1):
        if 0xD800 <= c <= 0xDFFF:
            continue  # surrogates have no UTF-8 form (a separate test)
        ch = chr(c)
        if native.normal_text("a" + ch + "b", True) is not None:
            said_printable.append(ch)
            assert ch.isprintable(), hex(c)
            assert len(("a" + ch + "b").split()) == 1, hex(c)
    assert len(said_printable) > 30_000  # CJK and Hangul most of them


def test_lone_surrogate_takes_the_python_pass() -> None:
    text = "a\ud800b"
    with pytest.raises(ValueError):
        native.normal_text(text, True)
    assert textmod._lines_flagged(text, controls=True) == textmod._lines_python(text, controls=True)


_CHARS = st.sampled_from(
    [
        *"ab Z.\n\t\r\x00\x01\x0b\x0c\x1c\x1f\x7f\x85\xa0\xad",
        *("\u00e9", "\u2009", "\u200b", "\u2028", "\u3000", "\ufeff", "“", "東", "😀"),
        "\u0301",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=200))
def test_random_texts_agree(text: str) -> None:
    _agrees(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_agrees(text: str) -> None:
    _agrees(text)


_ASCII = st.sampled_from([*"ab Z.\n\t\r\x00\x01\x0b\x0c\x1c\x1f\x7f", "é", "“"])


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ASCII, max_size=200))
def test_texts_it_answers_agree(text: str) -> None:
    """Texts of ASCII and known characters only: every one answered natively, and right."""
    for controls in (True, False):
        got = native.normal_text(text, controls)
        assert got is not None
        assert got == textmod._lines_python(text, controls=controls)


def test_the_text_module_uses_it() -> None:
    """With the extension built, ``text`` takes the native pass (``WIRE_NATIVE=0`` aside)."""
    assert textmod._NORMAL_TEXT is not None


_PATTERNS = ["written", "rights reserved", "reserved", "served", "é", "“", "東京", "a", "aa"]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from([*_PATTERNS, " ", "x", "\n", "😀", "Reserved"]), max_size=30).map(
        "".join
    )
)
def test_substrings_are_the_in_tests(text: str) -> None:
    """``Substrings.present`` gives the patterns ``in`` finds: overlapping, nested, repeated,
    non-ASCII ones, and none."""
    subs = native.Substrings(_PATTERNS)
    assert subs.present(text) == [n for n, p in enumerate(_PATTERNS) if p in text]


def test_substrings_edge_cases() -> None:
    assert native.Substrings([]).present("text") == []
    assert native.Substrings(["", "a"]).present("") == [0]
    assert native.Substrings(["ab"]).present("x" * 1_000_000 + "ab") == [0]


def test_plain_reader_anchors_are_the_in_tests() -> None:
    """The plain reader's rights-phrase anchors, through the native finders, on texts holding
    each of them, none, and all."""
    from streams.core.parse import plaintext

    words = plaintext._words()
    scan = words.anchor_scan
    assert scan is not None
    anchors = words.anchors
    texts = ["", "no notice here", " ".join(anchors), *(f"x {a} y" for a in anchors)]
    for low in texts:
        assert {anchors[n] for n in scan.present(low)} == {a for a in anchors if a in low}
