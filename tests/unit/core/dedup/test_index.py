"""The derived index: one stored record per story; postings and buckets rebuilt from them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from streams.core.dedup import DedupConfig, Deduper, MemoryStore, OverlayStore
from streams.core.dedup.index import StoryIndex
from streams.core.dedup.sketch import INDEX
from tests.unit.core.dedup.conftest import (
    FLOOD,
    FLOOD_MORE,
    HOUR,
    MARKETS,
    MARKETS_NEXT_DAY,
    T0,
    make,
    seen,
)


def test_the_store_holds_one_record_per_story_and_nothing_else(store: MemoryStore) -> None:
    deduper = Deduper(store)
    seen(deduper, make("urn:wirestream:a", FLOOD))
    seen(deduper, make("urn:wirestream:b", MARKETS, headline="Riga stocks"), T0 + HOUR)
    seen(deduper, make("urn:wirestream:a", FLOOD + FLOOD_MORE, version=2), T0 + 2 * HOUR)
    seen(deduper, make("urn:wirestream:copy", FLOOD))  # a duplicate: no state
    assert sorted(k[:2] for k in store) == ["s:", "s:"]


def test_a_batch_writes_one_record_per_changed_story() -> None:
    """What reaches the changelog: the overlay's writes for a batch of new stories."""
    base = MemoryStore()
    overlay = OverlayStore(base)
    deduper = Deduper(overlay)
    stories = [
        make("urn:wirestream:a", FLOOD),
        make("urn:wirestream:b", MARKETS, headline="Riga stocks"),
        make("urn:wirestream:c", MARKETS_NEXT_DAY, headline="Riga stocks fall"),
    ]
    for i, item in enumerate(stories):
        seen(deduper, item, T0 + i)
    keys = [key for _, key, _ in overlay.drain()]
    assert len(keys) == 3 and all(k.startswith("s:") for k in keys)


def test_a_new_deduper_over_the_store_decides_as_the_old_one() -> None:
    store = MemoryStore()
    old = Deduper(store)
    seen(old, make("urn:wirestream:a", FLOOD))
    seen(old, make("urn:wirestream:b", MARKETS, headline="Riga stocks"))
    new = Deduper(store)  # a restarted worker: the index comes from the records
    copy = make("urn:wirestream:copy", FLOOD)
    assert new.decide(copy, T0 + 1) == old.decide(copy, T0 + 1)
    assert new.decide(copy, T0 + 1).duplicate_of == "urn:wirestream:a"


def test_state_that_arrives_under_the_deduper_is_found_only_after_invalidate() -> None:
    """Recovery writes story records into the table behind the deduper's back (a partition
    assigned): until the index is rebuilt, near copies of those stories cannot be found."""
    store, recovered = MemoryStore(), MemoryStore()
    seen(Deduper(recovered), make("urn:wirestream:a", FLOOD))
    deduper = Deduper(store)
    seen(deduper, make("urn:wirestream:b", MARKETS, headline="Riga stocks"))
    store.data.update(recovered.data)
    copy = make("urn:wirestream:copy", FLOOD)
    assert deduper.decide(copy, T0 + 1).status == "routed"  # stale index
    deduper.invalidate()
    decision = deduper.decide(copy, T0 + 1)
    assert (decision.status, decision.duplicate_of) == ("duplicate", "urn:wirestream:a")


def test_rebuilt_postings_equal_the_incremental_ones() -> None:
    store = MemoryStore()
    deduper = Deduper(store, config=DedupConfig(posting_cap=3))
    paras = FLOOD + FLOOD_MORE + MARKETS
    rnd = random.Random(5)
    for i in range(40):
        body = rnd.sample(paras, 3)
        seen(deduper, make(f"urn:wirestream:{i}", body, headline=f"H {i}"), T0 + i)
    live = deduper.index
    keys = {int(k) for k in live._keys.tolist()} | set(live._recent)
    rebuilt = StoryIndex(3)
    rebuilt.rebuild(store.scan(), INDEX)
    assert {k: live.members(k) for k in keys} == {k: rebuilt.members(k) for k in keys}
    assert {b: sorted(set(v)) for b, v in live.buckets.items()} == {
        b: sorted(set(v)) for b, v in rebuilt.buckets.items()
    }


def test_postings_keep_join_order_and_cap_across_merges() -> None:
    index = StoryIndex(cap=3)
    for sid in (5, 9, 7, 11):
        index.post(42, sid)
    assert index.members(42) == [5, 9, 7]  # full: 11 never joined
    index._merge()
    index.unpost(42, 9)
    index.post(42, 11)
    index.post(42, 13)
    assert index.members(42) == [5, 7, 11]
    index._merge()
    assert index.members(42) == [5, 7, 11]
    assert index.members(41) == []


def test_members_of_many_keys_equals_one_lookup_each() -> None:
    """The batched lookup agrees with :meth:`members` whatever mix of merged, recent and
    removed postings a key has, and for keys below, between and above every posted one."""
    rnd = random.Random(9)
    index = StoryIndex(cap=4)
    assert index.members_of(np.array([1, 2], np.uint32)) == [[], []]
    posted = [rnd.randrange(10, 1 << 31) * 2 for _ in range(60)]
    for step in range(400):
        key, sid = rnd.choice(posted), rnd.randrange(1, 50)
        if rnd.random() < 0.3:
            index.unpost(key, sid)
        else:
            index.post(key, sid)
        if step % 97 == 96:
            index._merge()
        keys = np.array([*rnd.sample(posted, 8), 0, 7, 2**32 - 1, posted[0] + 1], np.uint32)
        assert index.members_of(keys) == [index.members(k) for k in keys.tolist()]


def test_an_unreadable_record_is_left_out_of_the_rebuild_not_the_index() -> None:
    store = MemoryStore()
    seen(Deduper(store), make("urn:wirestream:a", FLOOD))
    store.data["s:00000000beef"] = {"u": "urn:wirestream:broken", "k": "not base64!"}
    deduper = Deduper(store)
    decision = deduper.decide(make("urn:wirestream:copy", FLOOD), T0 + 1)
    assert (decision.status, decision.duplicate_of) == ("duplicate", "urn:wirestream:a")
    assert deduper.index.skipped == 1


class _FailingOnce(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.fail = False

    def scan(self) -> Iterator[tuple[str, Any]]:
        if self.fail:
            self.fail = False
            raise OSError("store unreadable")
        return super().scan()


def test_a_failed_rebuild_is_tried_again_not_kept_empty() -> None:
    """A rebuild that raised must not leave an empty index behind: near copies would pass
    as new stories until the next rebalance."""
    store = _FailingOnce()
    seen(Deduper(store), make("urn:wirestream:a", FLOOD))
    store.fail = True
    deduper = Deduper(store)
    copy = make("urn:wirestream:copy", FLOOD)
    with pytest.raises(OSError):
        deduper.decide(copy, T0 + 1)
    decision = deduper.decide(copy, T0 + 1)
    assert (decision.status, decision.duplicate_of) == ("duplicate", "urn:wirestream:a")


def test_a_lookup_holds_until_one_of_its_keys_changes() -> None:
    index = StoryIndex(cap=2)
    index.post(1, 10)
    version = index.version
    keys = frozenset({1, 2})
    assert index.unchanged(version, keys)
    index.post(3, 10)  # another key: the lookup of 1 and 2 still holds
    index.unpost(3, 10)
    assert index.unchanged(version, keys)
    index.post(1, 11)
    assert not index.unchanged(version, keys)
    later = index.version
    index.post(1, 12)  # the list is full: nothing changed
    assert index.unchanged(later, keys)
    index.unpost(2, 10)  # not posted there: nothing changed
    assert index.unchanged(later, keys)
    index._merge()  # the same lists, another layout
    assert index.unchanged(later, keys)
    index.unpost(1, 10)  # from the merged arrays
    assert not index.unchanged(later, keys)
    index.rebuild([], 8)
    assert not index.unchanged(later, frozenset({99}))


def test_a_long_change_log_is_dropped_and_older_lookups_go_stale() -> None:
    index = StoryIndex(cap=1 << 20)
    version = index.version
    for sid in range(5000):
        index.post(7, sid)
    assert not index.unchanged(version, frozenset({8}))  # forgotten, so stale, never wrong
    version = index.version
    index.post(9, 1)
    assert index.unchanged(version, frozenset({8}))
    assert not index.unchanged(version, frozenset({9}))


def test_a_batch_decides_as_one_item_at_a_time() -> None:
    """Candidates looked up for the whole batch by prefetch are reused by each decision only
    while the stories remembered before it left the item's posting lists alone."""
    items = [
        make("urn:wirestream:a", FLOOD),
        make("urn:wirestream:b", MARKETS, headline="Riga stocks"),
        make("urn:wirestream:copy", FLOOD),  # a copy of a story of the same batch
        make("urn:wirestream:a2", FLOOD + FLOOD_MORE, headline="Floods: more"),
        make("urn:wirestream:c", MARKETS_NEXT_DAY, headline="Riga stocks fall"),
    ]
    single, batched = Deduper(MemoryStore()), Deduper(MemoryStore())
    expected = []
    for i, item in enumerate(items):
        f = single.features(item)
        single.prefetch([f])
        decision = single.decide(f, T0 + i)
        single.remember(f, decision, T0 + i)
        expected.append(decision)
    features = [batched.features(item) for item in items]
    batched.prefetch(features)
    got = []
    for i, f in enumerate(features):
        decision = batched.decide(f, T0 + i)
        batched.remember(f, decision, T0 + i)
        got.append(decision)
    assert got == expected
    assert expected[2].duplicate_of == "urn:wirestream:a"


def test_posting_many_keys_equals_posting_each() -> None:
    rnd = random.Random(11)
    one, many = StoryIndex(cap=3), StoryIndex(cap=3)
    pool = [rnd.randrange(1 << 32) for _ in range(30)]
    for sid in range(1, 120):
        keys = rnd.sample(pool, 8) if sid % 10 else [pool[0], pool[1], pool[0]]  # a repeat
        for key in keys:
            one.post(key, sid)
        many.post_many(np.array(keys, np.uint32), sid)
        if sid % 37 == 0:
            one._merge()
            many._merge()
        assert {k: one.members(k) for k in pool} == {k: many.members(k) for k in pool}
    assert one.version == many.version
