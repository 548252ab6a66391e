"""The native test before ``xmlsafe._MARK.sub`` (``native/src/parse.rs``, ``MarkNames``).

``xmlsafe._sub_marks`` returns its text unread when the native test says it holds no mark, so
the test must say "no mark" only where the expression replaces nothing. The module skips when
the extension is not built, or was built before ``parse.rs`` (``make venv`` rebuilds it).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.parse import xmlsafe

native = pytest.importorskip(
    "wirestream_native", reason="the native core is not built (make venv builds it)"
)
pytestmark = [
    pytest.mark.skipif(
        os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
    ),
    pytest.mark.skipif(
        not hasattr(native, "MarkNames"),
        reason="an installed native core built before parse.rs (make venv rebuilds it)",
    ),
]


def _replaces(text: str) -> bool:
    """Whether the expression, with the data's marks, changes ``text``."""
    marks = xmlsafe._marks()
    return xmlsafe._MARK.sub(lambda m: marks.get(m.group(1).lower(), m.group(0)), text) != text


def _names() -> native.MarkNames:
    return native.MarkNames(list(xmlsafe._marks()))


@pytest.mark.parametrize(
    "text",
    [
        "<endash>",
        "a <EnDash> b",
        "<p>x<nbsp>y</p>",
        "<<euro>",
        "<p>Prices rose 3<euro> — “ok”</p>",
        "<HELLIP>",
    ],
)
def test_a_mark_is_found(text: str) -> None:
    assert _replaces(text)
    assert _names().found(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<",
        "<p>text</p><br><em>x</em>",
        "<endash",
        "endash>",
        "< endash>",
        "<endash >",
        "<xendash>",
        "<endashes>",
        "<abcdefghijklm>",
        "<euro1>",
        "<é>",
        "<\u212aelvin>",  # KELVIN SIGN: not an ASCII letter for the expression either
        "<ſ>",
    ],
)
def test_no_mark_is_found_where_the_expression_replaces_nothing(text: str) -> None:
    assert not _replaces(text)
    assert not _names().found(text)


def test_names_the_expression_cannot_read_are_never_found() -> None:
    names = native.MarkNames(["x", "a1b", "Endash", "abcdefghijklm", "nbsp"])
    assert not names.found("<x><a1b><abcdefghijklm>")
    assert not names.found("<Endash><ENDASH>")  # keys are looked up lower-cased
    assert names.found("<NBSP>")


def test_a_lone_surrogate_raises_and_the_expression_decides() -> None:
    with pytest.raises(UnicodeEncodeError):
        _names().found("<endash>\ud800")
    assert xmlsafe.read_marks("<endash>\ud800") == "\u2013\ud800"


_PIECES = st.sampled_from(
    ["<", ">", "/", " ", "p", "br", "endash", "EnDash", "nbsp", "euro", "x", "é", "—", "\u212a"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_native_test_agrees_with_the_expression(text: str) -> None:
    assert _names().found(text) == _replaces(text)
    marks = xmlsafe._marks()
    want = xmlsafe._MARK.sub(lambda m: marks.get(m.group(1).lower(), m.group(0)), text)
    assert xmlsafe.read_marks(text) == want
