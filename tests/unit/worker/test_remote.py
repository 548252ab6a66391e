"""The remote feed: which dedup partitions a worker follows, and what it hands the deduper."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import orjson
from faust.types import TP

from streams.core.dedup import Deduper, MemoryStore
from streams.settings import Settings
from streams.worker.remote import RemoteFeed
from tests.unit.core.dedup.conftest import FLOOD, T0, make, seen

CHANGELOG = "wire-dedup-changelog"


class Table:
    def __init__(self) -> None:
        self.changelog_topic = SimpleNamespace(get_topic_name=lambda: CHANGELOG)
        self.callbacks: list[Any] = []

    def on_recover(self, callback: Any) -> None:
        self.callbacks.append(callback)


def feed(owned: set[int], partitions: int = 4) -> tuple[RemoteFeed, Deduper, list[float]]:
    actives = {TP(CHANGELOG, p) for p in owned}
    actives.add(TP("wire.items", 3))  # other topics do not count
    app = SimpleNamespace(assignor=SimpleNamespace(assigned_actives=lambda: actives))
    deduper = Deduper(MemoryStore())
    lags: list[float] = []
    settings = Settings.from_env({}, items_partitions=partitions)
    return RemoteFeed(app, Table(), deduper, settings, 0, lags.append), deduper, lags


async def test_after_a_recovery_it_follows_the_partitions_it_does_not_own() -> None:
    remote, deduper, _ = feed({0, 2})
    deduper.observe(2, "s:00000000000a", None)
    await remote.recovered()
    assert remote.owned() == {0, 2}
    assert remote.tail._wanted == {1, 3}


async def test_a_partition_now_owned_is_dropped_from_the_remote_stories() -> None:
    owner = MemoryStore()
    seen(Deduper(owner), make("urn:wirestream:a:id:1", FLOOD))
    remote, deduper, lags = feed({0})
    for key, record in owner.data.items():
        remote._deliver(2, orjson.dumps(key), orjson.dumps(record), int(T0))
    assert len(deduper.remote) == 1 and len(lags) == 1
    assert deduper.decide(make("urn:wirestream:b:id:2", FLOOD), T0).status == "duplicate"
    remote, deduper2, _ = feed({0, 2})
    for key, record in owner.data.items():
        remote._deliver(2, orjson.dumps(key), orjson.dumps(record), int(T0))
    await remote.recovered()
    assert len(deduper2.remote) == 0


def test_tombstones_are_delivered_and_unreadable_records_counted() -> None:
    owner = MemoryStore()
    seen(Deduper(owner), make("urn:wirestream:a:id:1", FLOOD))
    remote, deduper, _ = feed({0})
    ((key, record),) = owner.data.items()
    remote._deliver(1, orjson.dumps(key), orjson.dumps(record), int(T0))
    remote._deliver(1, orjson.dumps(key), None, int(T0))
    remote._deliver(1, b"{not json", b"{}", int(T0))
    assert len(deduper.remote) == 0
    assert remote.unreadable == 1


async def test_records_of_an_owned_partition_never_become_remote_stories() -> None:
    """Found in review: whatever the tail delivers, an owned partition's stories stay the
    store's (as remote stories they shadowed the owner's updates and were never evicted)."""
    owner = MemoryStore()
    seen(Deduper(owner), make("urn:wirestream:a:id:1", FLOOD))
    remote, deduper, _ = feed({2})
    await remote.recovered()
    for key, record in owner.data.items():
        remote._deliver(2, orjson.dumps(key), orjson.dumps(record), int(T0))
    assert len(deduper.remote) == 0


async def test_the_tail_starts_a_window_before_the_event_clock_when_it_lags() -> None:
    """Draining a backlog, the event clock is behind the wall clock: stories still in the
    window were written before ``now - window``, and must be read (found in review)."""
    remote, deduper, _ = feed({0})
    window = Settings.from_env({}).dedup_window_ms
    wall = remote.tail._since_ms() + window
    deduper.decide(make("urn:wirestream:a:id:1", FLOOD), int(T0))
    assert int(T0) < wall
    assert remote.tail._since_ms() == int(T0) - window
