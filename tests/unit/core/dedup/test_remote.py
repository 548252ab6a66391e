"""Two-level dedup: a worker finds near copies among the stories of partitions it does not own.

Two dedupers with their own stores stand for two workers owning one partition each; what one
writes reaches the other as its changelog would deliver it (:meth:`Deduper.observe`).
"""

from __future__ import annotations

from typing import Any

from streams.core.dedup import Deduper, MemoryStore
from tests.unit.core.dedup.conftest import FLOOD, HOUR, MARKETS, T0, make, seen

WINDOW = 72 * HOUR
ORIGINAL = "urn:wirestream:a:id:flood"
COPY = "urn:wirestream:b:id:flood-copy"


def replicate(owner: MemoryStore, other: Deduper, source: int = 0) -> None:
    """Every story record of ``owner`` to ``other``, as its changelog would carry them."""
    for key, record in owner.scan():
        other.observe(source, key, record)


def test_a_near_copy_of_another_partitions_story_is_a_duplicate() -> None:
    store_a, store_b = MemoryStore(), MemoryStore()
    a, b = Deduper(store_a), Deduper(store_b)
    seen(a, make(ORIGINAL, FLOOD))
    copy = make(COPY, FLOOD)
    assert b.decide(copy, T0 + 1).status == "routed"  # per partition: not found
    replicate(store_a, b)
    decision = b.decide(copy, T0 + 1)
    assert (decision.status, decision.duplicate_of) == ("duplicate", ORIGINAL)
    assert store_b.data == {}  # nothing of another partition is written here


def test_records_seen_before_the_index_is_built_are_in_its_rebuild() -> None:
    store_a = MemoryStore()
    a = Deduper(store_a)
    seen(a, make(ORIGINAL, FLOOD))
    b = Deduper(MemoryStore())
    replicate(store_a, b)  # b's index is not built yet
    assert b.decide(make(COPY, FLOOD), T0 + 1).duplicate_of == ORIGINAL
    b.invalidate()
    assert b.decide(make(COPY, FLOOD), T0 + 1).duplicate_of == ORIGINAL


def test_a_tombstone_or_a_new_text_replaces_the_remote_story() -> None:
    store_a = MemoryStore()
    a, b = Deduper(store_a), Deduper(MemoryStore())
    seen(a, make(ORIGINAL, FLOOD))
    replicate(store_a, b)
    key = next(iter(store_a))
    # The owner rewrote the story with another text: the old text no longer matches.
    seen(a, make(ORIGINAL, MARKETS, headline="Riga stocks", version=2), T0 + HOUR)
    replicate(store_a, b)
    assert b.decide(make(COPY, FLOOD), T0 + HOUR).status == "routed"
    assert b.decide(make(COPY, MARKETS), T0 + HOUR).duplicate_of == ORIGINAL
    b.observe(0, key, None)  # the owner evicted it
    assert b.decide(make(COPY, MARKETS), T0 + HOUR).status == "routed"
    assert len(b.remote) == 0


def test_eviction_drops_remote_stories_from_memory_only() -> None:
    store_a, store_b = MemoryStore(), MemoryStore()
    a, b = Deduper(store_a), Deduper(store_b)
    seen(a, make(ORIGINAL, FLOOD))
    seen(b, make("urn:wirestream:b:id:mkt", MARKETS, headline="Riga stocks"))
    replicate(store_a, b)
    assert b.evict(T0 + WINDOW + 2 * HOUR) == 1  # b's own story, deleted from b's store
    assert store_b.data == {} and len(b.remote) == 0
    assert b.index.buckets == {}


def test_a_partition_that_becomes_local_is_read_from_the_store() -> None:
    store_a = MemoryStore()
    a = Deduper(store_a)
    seen(a, make(ORIGINAL, FLOOD))
    # b takes partition 0 over: its store now holds the same record, recovered.
    store_b = MemoryStore()
    store_b.data.update(store_a.data)
    b = Deduper(store_b)
    replicate(store_a, b)
    sketch_key = int(b.features(make(COPY, FLOOD)).sketch.index_keys[0])
    assert len(b.index.members(sketch_key)) == 1  # held in both: indexed once
    b.drop_source(0)
    assert len(b.remote) == 0
    assert b.decide(make(COPY, FLOOD), T0 + 1).duplicate_of == ORIGINAL
    assert len(b.index.members(sketch_key)) == 1


def test_unreadable_records_and_other_keys_are_ignored() -> None:
    b = Deduper(MemoryStore())
    bad: list[tuple[str, Any]] = [
        ("s:00000000000a", {"u": "x"}),
        ("s:zz", {"u": "x"}),
        ("h:1", ["ab"]),
        ("s:00000000000b", "not a record"),
    ]
    for key, record in bad:
        b.observe(1, key, record)
    assert len(b.remote) == 0
    assert b.decide(make(COPY, FLOOD), T0).status == "routed"


def test_a_kill_of_another_partitions_story_goes_to_its_regions() -> None:
    """The agency kills its story under another id: the kill lands on another partition and
    must still reach every region the original was routed to."""
    store_a = MemoryStore()
    a, b = Deduper(store_a), Deduper(MemoryStore())
    original = make("urn:wirestream:a:id:flood", FLOOD)
    a.remember(original, a.decide(original, T0), T0, regions=["europe", "africa"])
    replicate(store_a, b)
    kill = make("urn:wirestream:a:id:flood-kill", FLOOD, pubstatus="canceled")
    decision = b.decide(kill, T0 + HOUR)
    assert (decision.status, decision.update_of) == ("update", "urn:wirestream:a:id:flood")
    assert decision.regions == ("africa", "europe")


def test_an_items_own_uri_is_never_decided_from_a_remote_copy() -> None:
    """A stale remote copy of the item's own story (its partition just taken over) is
    trimmed to what near matches read: deciding the uri from it raised KeyError 'v'."""
    owner = MemoryStore()
    seen(Deduper(owner), make("urn:wirestream:a:id:1", FLOOD))
    other = Deduper(MemoryStore())
    replicate(owner, other)
    decision = other.decide(make("urn:wirestream:a:id:1", FLOOD, version=2), T0 + 1)
    assert decision.status in ("duplicate", "routed", "update")
