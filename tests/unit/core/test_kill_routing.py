"""A kill reaches every desk its original went to (issue #14), whatever its version."""

from __future__ import annotations

from streams.core.dedup import Deduper, MemoryStore
from streams.core.geo import GeoTagger
from streams.core.model import Body, Headline, PubStatus, WireItem
from streams.core.pipeline import Pipeline
from streams.core.topics import Topics

REGIONS = ("europe", "africa", "americas")


def make() -> Pipeline:
    return Pipeline(Topics("wire", REGIONS), GeoTagger(REGIONS), Deduper(MemoryStore()))


def story(version: int, regions: list[str], text: str, status: PubStatus = "usable") -> WireItem:
    item = WireItem(
        uri="urn:wirestream:reuters:id:k1",
        headlines=[Headline("Copper mine halts shipments")],
        bodies=[Body(text)],
        version=version,
        pubstatus=status,
    )
    item.ext.regions = regions
    return item


def send(p: Pipeline, item: WireItem, t: int) -> list[str]:
    decision, records = p.decide(item, t)
    p.remember(item, decision, t)
    return [r.topic.rsplit(".", 1)[-1] for r in records]


ORIGINAL = "SANTIAGO - A copper mine in northern Chile stopped loading ore trains on Monday."
CORRECTED = (
    "SANTIAGO - A copper mine in Chile stopped loading ore trains on Monday, officials said."
)
KILL = "This story has been withdrawn. There will be no substitute."


def test_kill_goes_to_every_region_of_the_original_and_correction() -> None:
    p = make()
    assert send(p, story(1, ["americas"], ORIGINAL), 0) == ["americas"]
    assert send(p, story(2, ["americas", "europe"], CORRECTED), 1) == ["americas", "europe"]
    kill = story(3, [], KILL, "canceled")
    topics = send(p, kill, 2)
    assert sorted(topics) == ["americas", "europe"]
    assert kill.ext.status == "update" and kill.ext.update_of == kill.uri


def test_kill_at_a_lower_version_than_a_correction_still_routes() -> None:
    p = make()
    send(p, story(5, ["africa"], ORIGINAL), 0)
    send(p, story(9, ["africa"], CORRECTED), 1)
    kill = story(6, ["unlocated"], KILL, "canceled")
    assert send(p, kill, 2) == ["africa"]
    assert kill.ext.status == "update"
    # The same kill again is a repeat; the version remembered stays the highest seen.
    again = story(6, ["unlocated"], KILL, "canceled")
    assert send(p, again, 3) == ["duplicates"]
    later = story(10, ["africa"], CORRECTED + " More.", "usable")
    assert p.decide(later, 4)[0].status == "update"
