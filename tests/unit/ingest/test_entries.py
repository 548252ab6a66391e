"""Feed splitting: one raw payload per entry, each parsed by the real pipeline as one item."""

from __future__ import annotations

from typing import Any

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import H_FORMAT, H_SOURCE, RawMessage
from streams.errors import ParseError
from streams.ingest.entries import message_key, split_feed
from streams.settings import Settings

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Desk</title><language>en</language>
<lastBuildDate>Tue, 01 Dec 2026 10:00:00 GMT</lastBuildDate>
<item><guid>hd-101</guid><title>Ferry strike halts crossings to Malta</title>
<description>VALLETTA - Ferry crews in Malta walked out on Monday.</description></item>
<item><link>https://harbour.example/story/102</link><title>Chilean copper port reopens</title>
<content:encoded>&lt;p&gt;SANTIAGO - Chile reopened its biggest copper port.&lt;/p&gt;</content:encoded></item>
<item><title>No id at all</title><description>An entry without guid or link.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Upland Wire</title>
<entry><id>tag:upland.example,2026:1</id><title>Nepal opens mountain rail survey</title>
<updated>2026-12-01T08:00:00Z</updated><summary>KATHMANDU - Nepal began a rail survey.</summary></entry>
<entry><id>tag:upland.example,2026:2</id><title>Bolivia lithium talks resume</title>
<updated>2026-12-01T09:00:00Z</updated><summary>LA PAZ - Talks resumed in Bolivia.</summary></entry>
</feed>"""

NINJS = b"""{"items": [
 {"uri": "urn:example:a1", "headline": "Iceland volcano quiet again", "body_text": "REYKJAVIK - Iceland said the eruption ended."},
 {"uri": "urn:example:a2", "headline": "Fiji cyclone season outlook", "body_text": "SUVA - Fiji expects fewer storms."}
]}"""


@pytest.fixture(scope="module")
def pipeline() -> Any:
    return build_pipeline(Settings.from_env({}), MemoryStore())


@pytest.mark.parametrize(
    ("doc", "fmt", "guids"),
    [
        (RSS, "rss", ["hd-101", "https://harbour.example/story/102", None]),
        (ATOM, "atom", ["tag:upland.example,2026:1", "tag:upland.example,2026:2"]),
        (NINJS, "ninjs", ["urn:example:a1", "urn:example:a2"]),
    ],
)
def test_each_entry_is_a_document_the_worker_parses_as_one_item(
    pipeline: Any, doc: bytes, fmt: str, guids: list[str | None]
) -> None:
    entries = split_feed(doc)
    assert [e.format for e in entries] == [fmt] * len(guids)
    for entry, guid in zip(entries, guids, strict=True):
        if guid is None:
            assert entry.guid.startswith("sha256:")
        else:
            assert entry.guid == guid
        raw = RawMessage(entry.payload, {H_SOURCE: b"feed", H_FORMAT: fmt.encode()})
        items = pipeline.prepare(raw)
        assert len(items) == 1
    whole = [i.headline for i in pipeline.prepare(RawMessage(doc, {H_SOURCE: b"feed"}))]
    split = [
        pipeline.prepare(RawMessage(e.payload, {H_SOURCE: b"feed"}))[0].headline for e in entries
    ]
    assert split == whole


def test_the_channel_metadata_a_parser_uses_is_kept_and_build_dates_are_not() -> None:
    first = split_feed(RSS)[0].payload
    assert b"<title>Harbour Desk</title>" in first and b"<language>en</language>" in first
    assert b"lastBuildDate" not in first
    assert b"Chilean" not in first


def test_content_hash_moves_with_the_entry_not_with_the_feed() -> None:
    before = {e.guid: e.content_hash for e in split_feed(RSS)}
    rebuilt = RSS.replace(b"10:00:00 GMT", b"11:30:00 GMT")
    assert {e.guid: e.content_hash for e in split_feed(rebuilt)} == before
    edited = RSS.replace(b"walked out on Monday", b"walked out on Monday and Tuesday")
    after = {e.guid: e.content_hash for e in split_feed(edited)}
    assert after["hd-101"] != before["hd-101"]
    assert after["https://harbour.example/story/102"] == before["https://harbour.example/story/102"]


def test_not_a_feed() -> None:
    with pytest.raises(ParseError, match="not a feed"):
        split_feed(b"<html><body>hello</body></html>")
    with pytest.raises(ParseError):
        split_feed(b"<rss><channel><item>")
    with pytest.raises(ParseError):
        split_feed(b'<!DOCTYPE rss [<!ENTITY x "y">]><rss/>')


def test_message_keys_are_stable_and_distinguish_content() -> None:
    k = message_key("ftp", "a.txt", "00ff")
    assert k == message_key("ftp", "a.txt", "00ff") and len(k) == 32
    assert k != message_key("ftp", "a.txt", "00fe")
    assert k != message_key("sftp", "a.txt", "00ff")
