"""Source-scoped identity: a native id names a story only within the source that sent it.

(issue 15, point 5: another feed re-using a story's uri with version 999999 was its "update".)
"""

from __future__ import annotations

import orjson
import pytest

from streams.core.dedup import Deduper, MemoryStore
from streams.core.geo import GeoResult
from streams.core.identity import SourceAliases, namespace_of, scoped_uri
from streams.core.model import RawMessage, WireItem
from streams.core.pipeline import Pipeline
from streams.core.topics import Topics

T = 1_795_000_000_000
BODY = (
    "BUCHAREST - Floods forced the evacuation of 2,000 people in eastern Romania on Tuesday after "
    "the Siret river burst its banks, the emergency ministry said, and more rain is forecast for "
    "the coming days across the region's farming districts."
)


class NoGeo:
    """A tagger with a fixed answer: geo is not under test here.

    Not a ``GeoTagger`` subclass: the tagger may be compiled (streams/compiled.py), and an
    interpreted class cannot inherit from a compiled one; the pipeline only calls ``tag``."""

    def tag(self, item: WireItem) -> GeoResult:
        return GeoResult(regions=["europe"])


def pipeline(aliases: str = "") -> Pipeline:
    return Pipeline(
        Topics("wire", ("europe",)),
        NoGeo(),
        Deduper(MemoryStore()),
        aliases=SourceAliases.parse(aliases),
    )


def ninjs(version: int, headline: str, body: str = BODY, **extra: object) -> bytes:
    doc = {"uri": "urn:x:ro-floods", "version": version, "headline": headline, "body_text": body}
    return orjson.dumps({**doc, **extra})


def run(p: Pipeline, source: str, value: bytes, offset: int) -> WireItem:
    raw = RawMessage(value, {"wire-source": source.encode()}, "wire.raw", 0, offset, T + offset)
    [item] = p.prepare(raw)
    decision, _ = p.decide(item, T + offset)
    p.remember(item, decision, T + offset)
    return item


def test_a_native_id_lives_in_its_source_namespace() -> None:
    assert scoped_uri("Reuters", "urn:x:1") == "urn:wirestream:reuters:id:urn:x:1"
    assert scoped_uri("ap", "a b/é%") == "urn:wirestream:ap:id:a%20b/%C3%A9%25"
    assert namespace_of("urn:wirestream:ap:id:a%20b") == "ap"
    assert scoped_uri("ap", "x" * 512) == "urn:wirestream:ap:id:" + "x" * 512
    long_id = scoped_uri("ap", "é" * 1_000_000)  # a hostile id does not grow every record
    assert long_id.startswith("urn:wirestream:ap:idh:") and len(long_id) == 22 + 64
    assert scoped_uri("ap", "é" * 1_000_000) == long_id != scoped_uri("ap", "é" * 999_999)
    assert namespace_of("urn:wirestream:ap:0123abcd") == "ap"
    assert namespace_of("urn:wirestream:flood-1") is None  # not built here
    assert namespace_of("urn:newsml:example.org:1") is None


def test_the_same_item_resent_by_its_source_keeps_its_uri_and_is_absorbed() -> None:
    p = pipeline()
    first = run(p, "reuters", ninjs(1, "Floods in Romania"), 0)
    again = run(p, "reuters", ninjs(1, "Floods in Romania"), 1)
    assert first.uri == again.uri == "urn:wirestream:reuters:id:urn:x:ro-floods"
    assert (first.ext.status, again.ext.status) == ("routed", "duplicate")


def test_another_source_cannot_take_over_a_story_with_its_native_id() -> None:
    p = pipeline()
    real = run(p, "reuters", ninjs(1, "Floods in Romania"), 0)
    fake = run(p, "mallory", ninjs(999999, "Floods in Romania: all clear", "Nothing happened."), 1)
    assert fake.uri != real.uri and fake.ext.update_of is None
    update = run(p, "reuters", ninjs(2, "UPDATE 1-Floods in Romania, 3,000 evacuated"), 2)
    assert update.ext.status == "update" and update.ext.update_of == real.uri


def test_another_source_cannot_kill_a_story_with_its_native_id() -> None:
    p = pipeline()
    real = run(p, "reuters", ninjs(1, "Floods in Romania"), 0)
    kill = run(p, "mallory", ninjs(9, "KILL - Floods in Romania", pubstatus="canceled"), 1)
    assert kill.ext.update_of is None and kill.ext.duplicate_of is None
    assert kill.uri != real.uri


def test_another_sources_copy_is_linked_but_never_takes_over_the_story() -> None:
    """A republication that adds text is an update (issue 16); it keeps its own uri, and the
    story's own source still updates the story (issue 15)."""
    p = pipeline()
    real = run(p, "reuters", ninjs(1, "Floods in Romania"), 0)
    wt = BODY.replace("2,000", "3,000") + " Roads to the north were closed."
    copy = run(p, "mallory", ninjs(2, "UPDATE 1-Floods in Romania", wt, uri="urn:x:m"), 1)
    assert copy.uri != real.uri and copy.ext.status == "update"
    mine = BODY + " The prime minister visited the flooded villages of Vaslui county by helicopter."
    own = run(p, "reuters", ninjs(3, "UPDATE 2-Floods in Romania", mine, uri="urn:x:ro-2"), 2)
    assert own.ext.status == "update" and own.ext.update_of == real.uri


def test_another_sources_copy_cannot_kill_the_story() -> None:
    p = pipeline()
    real = run(p, "reuters", ninjs(1, "Floods in Romania"), 0)
    kill = run(p, "mallory", ninjs(2, "KILL", BODY, uri="urn:x:m", pubstatus="canceled"), 1)
    assert kill.ext.update_of is None and kill.ext.duplicate_of is None
    assert kill.ext.status == "routed" and kill.ext.related_to == real.uri
    own = run(p, "reuters", ninjs(2, "KILL", BODY, pubstatus="canceled"), 2)
    assert own.ext.status == "update" and own.ext.update_of == real.uri


def test_declared_aliases_share_one_namespace() -> None:
    p = pipeline("reuters=rtrs,reuters-ftp;ap=apnews")
    real = run(p, "rtrs", ninjs(1, "Floods in Romania"), 0)
    assert real.uri == "urn:wirestream:reuters:id:urn:x:ro-floods"
    update = run(p, "Reuters-FTP", ninjs(2, "UPDATE 1-Floods in Romania, 3,000 evacuated"), 1)
    assert update.uri == real.uri and update.ext.status == "update"
    other = run(p, "apnews", ninjs(3, "Floods in Romania"), 2)
    assert other.uri == "urn:wirestream:ap:id:urn:x:ro-floods"
    assert real.ext.lineage is not None and real.ext.lineage.source == "rtrs"


@pytest.mark.parametrize("text", ["reuters", "reuters=", "=rtrs", "a=b;c=b", "a=b;b=c"])
def test_a_malformed_or_ambiguous_alias_declaration_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        SourceAliases.parse(text)


def test_aliases_fold_names_to_their_slugs() -> None:
    aliases = SourceAliases.parse(" Reuters = RTRS , reuters ftp ; ")
    assert aliases.namespace("rtrs") == aliases.namespace("Reuters FTP") == "reuters"
    assert aliases.namespace("afp") == "afp"
