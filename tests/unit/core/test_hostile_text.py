"""Adversarial text (issue #15) through the text functions, at 100-200 KB.

Each case ran for seconds to minutes with the old regular expressions (quadratic in the
input); here each must finish within pytest-timeout's 30 s and give the expected text.
The shapes a spec tree builder itself handles in super-linear time must be routed to the
linear scanner, which is asserted directly. Speed figures per MB: ``bench/hostile_bench.py``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from streams.core import text as textmod
from streams.core.model import RawMessage
from streams.core.parse import parse
from streams.core.parse.markers import derive_headline
from streams.core.parse.markers import first_sentence as _first_sentence
from streams.core.parse.xmlsafe import paragraphs

SIZE = 200_000

HTML = {
    "comment-open": "<p" + "<!--" * (SIZE // 4),
    "script-open": "<p>x</p>" + "<script>" * (SIZE // 8),
    "unclosed-tags": "<p>x</p>" + "<a " * (SIZE // 3),
    "lt-flood": "<p>x</p>" + "<" * SIZE,
    "deep-div": "<p>x" + "<div>" * (SIZE // 5),
    "formatting-reopen": "<p>"
    + "".join(f"<b x={i}>" for i in range(2000))
    + "</p>"
    + "<p>x</p>" * 2000,
    "attributes": "<p " + "".join(f"a{i}=1 " for i in range(SIZE // 8)) + ">x",
    "adoption": "<p><a href=x>" + "<div>y</a>" * (SIZE // 10),
    "select": "<p><select>" + "<option>x" * (SIZE // 9),
}
EXPECTED_WORDS = {
    "comment-open": [],
    "script-open": ["x"],
    "unclosed-tags": ["x"],
    "lt-flood": ["x", "<" * SIZE],
    "deep-div": ["x"],
    "formatting-reopen": ["x"] * 2000,
    "attributes": ["x"],
    "adoption": ["y"] * (SIZE // 10),
    "select": ["x" * (SIZE // 9)],
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(HTML))
def test_hostile_html_is_reduced(name: str) -> None:
    assert textmod.html_to_text(HTML[name]).split() == EXPECTED_WORDS[name]


@pytest.mark.parametrize("name", ["deep-div", "formatting-reopen", "adoption", "attributes"])
def test_shapes_that_make_tree_building_superlinear_skip_the_parser(name: str) -> None:
    markup = HTML[name]
    assert textmod._LONG_TAG.search(markup) is not None or not textmod._tree_safe(markup)


NORMAL = [
    "<div><h1>Title</h1><p>First &amp; <b>bold</b> para.<br>Line two.</p>"
    "<script>var x = '<p>';</script><style>p {}</style><!-- a <p> note -->"
    "<p>Second&nbsp;para</p></div>",
    "<p>Talks <a href='https://example.org/?a=1&amp;b=2'>resumed</a> on Tuesday.</p>"
    "<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>after",
    "".join(f"<p>Paragraph {i} with <i>some</i> text.</p>\n" for i in range(400)),
]


@pytest.mark.parametrize("markup", NORMAL)
def test_linear_scanner_agrees_with_the_parser_on_ordinary_markup(markup: str) -> None:
    assert textmod.clean(textmod._strip_linear(markup)) == textmod.html_to_text(markup)


def _parsed(markup: str) -> bool:
    """Whether ``html_to_text`` handed ``markup`` to Lexbor (its reused document counts the
    bytes it was given)."""
    before = textmod.lexbor_bytes()
    textmod.html_to_text(markup)
    return textmod.lexbor_bytes() != before


def test_flat_markup_past_the_tag_cap_skips_the_parser() -> None:
    """Shallow but huge markup is tree-safe yet costs Lexbor a node a tag (4 MB of
    ``<option>x`` grew the worker by 147 MB): past ``_MAX_TREE_OPENS`` "<" signs the linear
    scanner reads it, with the same words."""
    cap = textmod._MAX_TREE_OPENS
    under = "<p><select>" + "<option>x" * (cap - 10)
    over = "<p><select>" + "<option>x" * (cap + 10)
    assert textmod._tree_safe(under) and textmod._tree_safe(over)
    assert not textmod._linear_only(under, under.count("<"), False)
    assert textmod._linear_only(over, over.count("<"), False)
    assert _parsed(under) and not _parsed(over)
    assert textmod.html_to_text(over).split() == ["x" * (cap + 10)]
    assert textmod.html_to_text(under).split() == ["x" * (cap - 10)]
    flood = "<p>x</p>" + "<" * (cap + 10)  # no tag at all: one run of text for the scanner
    assert textmod._linear_only(flood, flood.count("<"), False)
    assert textmod.html_to_text(flood).split() == ["x", "<" * (cap + 10)]


def test_long_ordinary_markup_still_goes_to_the_parser() -> None:
    assert textmod._tree_safe(NORMAL[2])


@pytest.mark.timeout(30)
def test_looks_like_html_on_unclosed_tags() -> None:
    assert not textmod.looks_like_html("<a" * (SIZE // 2))
    assert textmod.looks_like_html("<a" * (SIZE // 2) + " <b>x</b>")


@pytest.mark.timeout(30)
def test_first_sentence_skips_initials_in_one_pass() -> None:
    para = "A. " * (SIZE // 3) + "Then it ended. Next one."
    assert _first_sentence(para) == para[: para.index("ended.") + 6]


@pytest.mark.timeout(30)
def test_headline_from_a_run_of_dots() -> None:
    assert derive_headline("Word" + "." * SIZE + " End") == "Word"


def _raw(data: bytes) -> RawMessage:
    return RawMessage(data, {"wire-source": b"test"})


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "payload",
    [
        ("A. " * (SIZE // 3)).encode(),
        json.dumps({"uri": "urn:x:1", "body_html": "<p>Talks" + "<!--" * (SIZE // 4)}).encode(),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
            "<title>Talks</title><description>" + "&lt;" * (SIZE // 4) + "</description>"
            "</item></channel></rss>"
        ).encode(),
    ],
    ids=["plain-initials", "ninjs-comments", "rss-escaped-lt"],
)
def test_hostile_payloads_parse(payload: bytes) -> None:
    items = parse(_raw(payload)).items
    assert len(items) == 1
    assert items[0].headline


def test_nested_xml_blocks_are_read_once() -> None:
    el = ET.fromstring("<b>" + "<p><span>" * 30 + "Talks resumed." + "</span></p>" * 30 + "</b>")
    assert paragraphs(el) == "Talks resumed."
