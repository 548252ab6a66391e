"""The item's web address (``ext.link``, session 17): a feed entry's link, a JSON item's
``links`` or url key; only http(s) addresses with a host, since geo reads the outlet from it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from streams.core.model import H_SOURCE, RawMessage
from streams.core.parse import ParseResult, parse
from streams.core.parse.build import web_link

Loader = Callable[..., ParseResult]
Raw = Callable[..., RawMessage]


def test_rss_and_atom_entries_keep_their_page(wire: Loader) -> None:
    rss = wire("rss/feed.xml").items
    assert rss[0].ext.link == "https://news.example.org/world/morocco-desalination"
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><entry><id>tag:x,2026:1'
        b'</id><title>Strike</title><link rel="edit" href="https://cms.example.com/e/1"/>'
        b'<link href="https://paper.example.ng/strike"/><updated>2026-01-01T00:00:00Z</updated>'
        b"<content>Nurses struck.</content></entry></feed>"
    )
    (entry,) = parse(RawMessage(atom, {H_SOURCE: b"test"})).items
    assert entry.ext.link == "https://paper.example.ng/strike"


def _ninjs(rawmsg: Raw, **fields: object) -> str | None:
    doc = {"uri": "urn:x:1", "headline": "Strike", "body_text": "Nurses struck.", **fields}
    (item,) = parse(rawmsg(json.dumps(doc).encode())).items
    return item.ext.link


def test_ninjs_links_self_or_canonical_first(rawmsg: Raw) -> None:
    links = [
        {"rel": "irel:seeAlso", "href": "https://other.example.com/x"},
        {"rel": "canonical", "href": "https://paper.example.ng/strike"},
    ]
    assert _ninjs(rawmsg, links=links, url="https://x.example.com") == (
        "https://paper.example.ng/strike"
    )


@pytest.mark.parametrize("key", ["url", "link", "source_url", "webUrl"])
def test_json_url_keys(rawmsg: Raw, key: str) -> None:
    assert _ninjs(rawmsg, **{key: "https://paper.example.ng/a"}) == "https://paper.example.ng/a"


@pytest.mark.parametrize(
    "value",
    ["/news/a", "mailto:desk@example.com", "tag:example.com,2026:1", "https:///x", "x" * 3000],
)
def test_what_is_no_web_address(value: str) -> None:
    assert web_link(value) is None


def test_a_long_but_real_address_is_kept() -> None:
    link = "https://paper.example.ng/" + "a" * 1000
    assert web_link(link) == link


def test_json_lines_are_one_item_a_line(rawmsg: Raw) -> None:
    """A ``.jsonl`` export (one item object a line) is read item by item, not refused whole."""
    lines = [
        {
            "id": "a1",
            "headline": "Strike",
            "body": "Nurses struck.",
            "url": "https://p.example.ng/1",
        },
        {"id": "a2", "headline": "Floods", "body_text": "Rain cut roads."},
    ]
    data = b"\r\n".join(json.dumps(line).encode() for line in lines) + b"\n\n"
    first, second = parse(rawmsg(data)).items
    assert (first.headline, first.ext.link) == ("Strike", "https://p.example.ng/1")
    assert (second.headline, second.body) == ("Floods", "Rain cut roads.")
