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


# The passes before the HTML parser (``html_marks``), the words joined (``words_utf8``) and
# the byte count (``count_bytes``): each against the Python code it replaces.

_NEW = pytest.mark.skipif(
    not hasattr(native, "html_marks"),
    reason="an installed native core built before html_marks (make venv rebuilds it)",
)


def _python_marks(markup: str) -> tuple[str, int, bool, bool]:
    marked = textmod._MARK_LINE.sub("\n<", textmod._MARK_BLOCK.sub("\n\n<", markup))
    if "<t" in marked or "<T" in marked:
        marked = textmod._MARK_CELL.sub(" <", marked)
    return (
        marked,
        markup.count("<"),
        textmod._LONG_TAG.search(markup) is not None,
        textmod._HAS_DROPPED.search(markup) is not None,
    )


def _marks_agree(markup: str) -> None:
    new, opens, long_tag, dropped = native.html_marks(markup)
    assert (markup if new is None else new, opens, long_tag, dropped) == _python_marks(markup), (
        repr(markup)
    )


_TAG_PIECES = [
    *("<p>", "</p>", "<P class=x>", "<p/>", "<pre>", "<p-x>", "<p1>", "<div\n>", "</DIV >"),
    *("<br>", "<br/>", "<hr\u00a0>", "<BR\u2028>", "<h1>", "<h7>", "<h1x>", "<header>", "</tr>"),
    *("<td>", "</td>", "<TH>", "<t>", "<table>", "<tbody>", "<li>", "<blockquote>", "<ol>"),
    *("<script>", "<STYLE>", "<title", "<templates>", "</script>", "<s>", "<sc", "<ul\x1c>"),
    # the four characters an IGNORECASE pattern reads as an ASCII letter
    *(
        "<\u0130>",
        "<l\u0131>",
        "<\u017fection>",
        "<bloc\u212aquote>",
        "<\u017fcript>",
        "<t\u0131tle",
    ),
    *("<tr\u0085>", "<tr\u3000>", "<tr\u200b>", "<", "<<", "<>", "</", "< p>", "<1>", "<é>"),
    *("a", " ", "\n", "é", "😀", "&amp;", ">", "/", "p", "x" * 50),
]


@_NEW
@pytest.mark.parametrize("markup", _TAG_PIECES)
def test_html_marks_samples_agree(markup: str) -> None:
    _marks_agree(markup)
    _marks_agree(f"x{markup}y{markup}")


@_NEW
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TAG_PIECES), max_size=40).map("".join))
def test_html_marks_random_markup_agrees(markup: str) -> None:
    _marks_agree(markup)


@_NEW
@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"<>/ptdhr1 x\n", "\u0130", "\u212a"]), max_size=80))
def test_html_marks_random_text_agrees(markup: str) -> None:
    _marks_agree(markup)


@_NEW
def test_html_marks_long_tags() -> None:
    """``_LONG_TAG``: 1,024 characters (not bytes) after "<" and a letter or "/", none of them
    "<" or ">", at the end of the text or before one."""
    for run in (1022, 1023, 1024, 1025):
        for fill in ("x", "é", "😀"):
            for head in ("<a", "</", "<1", "<<a", "a<b"):
                for tail in ("", ">", "<", "x"):
                    _marks_agree(head + fill * run + tail)
    _marks_agree("<a" + "x" * 1000 + "<b" + "x" * 1030)


@_NEW
def test_html_to_text_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole reduction with the native passes and with the patterns."""
    samples = [
        "<p>One</p><p>Two<br>three</p>",
        "<table><tr><td>a</td><td>b</td></tr></table>",
        "a</td>b",
        "<div><script>x()</script>Text &amp; more</div>",
        "<P>Caf\u00e9 \u201cquoted\u201d</P><\u017fection>x</\u017fection>",
        "<a" + "x" * 1100,
        "<div>" * 300 + "deep",
    ]
    native_out = [textmod.html_to_text(m) for m in samples]
    monkeypatch.setattr(textmod, "_HTML_MARKS", None)
    assert [textmod.html_to_text(m) for m in samples] == native_out


_WORD_CHARS = st.sampled_from(
    [*"ab Z.\n\t\r\x0b\x0c\x1c\x1f\x00\x85\xa0\u1680\u2000\u200a\u200b\u2028\u3000", "é", "😀"]
)


def _python_words(text: str) -> bytes:
    return " ".join(text.split()).encode("utf-8")


@_NEW
@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_WORD_CHARS, max_size=200))
def test_words_utf8_agrees(text: str) -> None:
    from streams.core import identity

    assert native.words_utf8(text) == _python_words(text)
    assert identity._words_utf8(text) == _python_words(text)


@_NEW
def test_words_utf8_every_blank() -> None:
    """Every code point ``str.split()`` cuts at, and no other, between two words."""
    for cp in range(0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        text = f"a{chr(cp)}b"
        if chr(cp).isspace() or cp < 0x80:
            assert native.words_utf8(text) == _python_words(text), hex(cp)
    sample = "".join(chr(cp) for cp in range(0x80, 0x3100) if not 0xD800 <= cp < 0xE000)
    assert native.words_utf8(sample) == _python_words(sample)


@_NEW
def test_words_utf8_surrogate_raises_as_python() -> None:
    from streams.core import identity

    with pytest.raises(UnicodeEncodeError):
        identity._words_utf8("a\ud800 b")


@_NEW
def test_ignorecase_letters_are_the_four_known() -> None:
    """The characters an IGNORECASE ``str`` pattern reads as an ASCII letter or digit (what
    ``html_marks`` folds): ASCII's own and U+0130, U+0131, U+017F, U+212A, no other."""
    import re

    every = "".join(chr(cp) for cp in range(0x80, 0x110000) if not 0xD800 <= cp < 0xE000)
    found = set(re.findall("(?i)[a-z0-9]", every))
    assert found == {"\u0130", "\u0131", "\u017f", "\u212a"}


@_NEW
@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_count_bytes_is_the_translation(data: bytes) -> None:
    want = len(data) - len(data.translate(None, textmod._BAD_BYTES))
    assert native.count_bytes(data, textmod._BAD_BYTES) == want
    assert textmod._bad_bytes(data) == want


@_NEW
def test_block_copies_at_every_offset() -> None:
    """The 16-byte block copies of the whitespace pass and the word join, with a blank run,
    a control or a character outside ASCII at every offset of a block, and blanks at the ends."""
    base = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    for cut in range(40):
        for odd in ("  ", " \n ", "\t", "\n\n\n", "\x01", "\u00e9", " \u00a0", " "):
            text = base[:cut] + odd + base[cut:] + " " + base
            for sample in (text, " " + text + " ", text[cut:], text.replace(" ", "  ")):
                assert native.words_utf8(sample) == _python_words(sample), repr(sample)
                _agrees(sample)
