"""The window: old stories stop matching, and their state is swept away."""

from __future__ import annotations

from streams.core.dedup import DedupConfig, Deduper, MemoryStore
from tests.unit.core.dedup.conftest import FLOOD, HOUR, MARKETS, T0, make, seen

URI = "urn:wirestream:flood-1"
WINDOW = 72 * HOUR


def test_repeat_after_the_window_is_routed_again(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    assert deduper.decide(make(URI, FLOOD), T0 + WINDOW).status == "duplicate"
    assert deduper.decide(make(URI, FLOOD), T0 + WINDOW + 1).status == "routed"


def test_near_duplicate_after_the_window_is_routed_again(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    copy = make("urn:wirestream:copy", FLOOD)
    assert deduper.decide(copy, T0 + WINDOW - 1).status == "duplicate"
    assert deduper.decide(copy, T0 + WINDOW + 1).status == "routed"


def test_window_is_configurable(store: MemoryStore) -> None:
    deduper = Deduper(store, window_ms=HOUR)
    seen(deduper, make(URI, FLOOD))
    assert deduper.decide(make(URI, FLOOD), T0 + 2 * HOUR).status == "routed"


def test_evict_removes_every_key_of_expired_stories(store: MemoryStore, deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD), T0)
    seen(deduper, make("urn:wirestream:mkt", MARKETS, headline="Riga stocks"), T0 + 10 * HOUR)
    assert deduper.evict(T0 + WINDOW) == 0
    assert deduper.evict(T0 + WINDOW + 2 * HOUR) == 1
    assert deduper.decide(make("urn:wirestream:copy", FLOOD), T0 + 1).status == "routed"
    assert deduper.decide(make("urn:wirestream:c2", MARKETS), T0 + 11 * HOUR).status == "duplicate"
    assert deduper.evict(T0 + 12 * HOUR + WINDOW) == 1
    assert set(store) == set()
    assert deduper.index.buckets == {}
    assert deduper.index.members(int(deduper.features(make(URI, FLOOD)).sketch.mins[0])) == []


def test_evict_is_idempotent_and_cheap_when_nothing_is_due(deduper: Deduper) -> None:
    assert deduper.evict(T0) == 0
    seen(deduper, make(URI, FLOOD))
    assert deduper.evict(T0 + WINDOW + 2 * HOUR) == 1
    assert deduper.evict(T0 + WINDOW + 2 * HOUR) == 0


def test_update_moves_the_story_to_its_new_bucket(store: MemoryStore, deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD), T0)
    seen(deduper, make(URI, FLOOD[:3], version=2), T0 + 48 * HOUR)
    assert deduper.evict(T0 + WINDOW + 2 * HOUR) == 0  # old bucket swept, story kept
    assert deduper.decide(make(URI, FLOOD[:3], version=2), T0 + 100 * HOUR).status == "duplicate"
    assert deduper.evict(T0 + 48 * HOUR + WINDOW + 2 * HOUR) == 1
    assert set(store) == set()


def test_update_drops_postings_of_the_old_text(store: MemoryStore, deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD), T0)
    seen(deduper, make(URI, MARKETS, version=2), T0 + 1)
    assert deduper.decide(make("urn:wirestream:copy", FLOOD), T0 + 2).status == "routed"
    deduper.evict(T0 + WINDOW + 2 * HOUR)
    assert set(store) == set()
    index = deduper.index
    flood = deduper.features(make("urn:wirestream:copy", FLOOD)).sketch.index_keys.tolist()
    assert all(index.members(k) == [] for k in flood)


def test_state_is_bounded_by_traffic_not_uptime(store: MemoryStore) -> None:
    """A week of one story an hour, swept hourly: the store holds about one window of stories."""
    deduper = Deduper(store, config=DedupConfig(shards=4))
    sizes = []
    for hour in range(7 * 24):
        now = T0 + hour * HOUR
        body = [f"Story {hour} text " + p for p in FLOOD[1:4]]
        item = make(f"urn:wirestream:h{hour}", body, headline=f"H{hour}")
        seen(deduper, item, now)
        deduper.evict(now)
        sizes.append(sum(1 for k in store if k.startswith("s:")))
    assert max(sizes[100:]) <= 74
    assert sizes[-1] == sizes[100]


def test_hot_posting_lists_stop_growing(store: MemoryStore) -> None:
    deduper = Deduper(store, config=DedupConfig(posting_cap=4))
    items = [make(f"urn:wirestream:{i}", [f"Item {i} " + FLOOD[0]]) for i in range(10)]
    for i, item in enumerate(items):
        seen(deduper, item, T0 + i)
    keys = {k for item in items for k in deduper.features(item).sketch.index_keys.tolist()}
    sizes = [len(deduper.index.members(k)) for k in keys]
    assert max(sizes) == 4


def test_a_future_bucket_left_by_an_unclamped_clock_is_swept(store: MemoryStore) -> None:
    """State written before event times were clamped: a 9999 story no longer matches forever."""
    deduper = Deduper(store)
    far = 253_402_300_799_000
    seen(deduper, make("urn:wirestream:future", FLOOD), far)
    seen(deduper, make(URI, MARKETS, headline="Riga stocks"), T0)
    assert deduper.evict(T0 + HOUR) == 0  # without a horizon: kept
    assert deduper.evict(T0 + HOUR, future_ms=WINDOW) == 1
    assert deduper.decide(make("urn:wirestream:copy", FLOOD), T0 + 2).status == "routed"
    assert deduper.decide(make("urn:wirestream:c2", MARKETS), T0 + 2).status == "duplicate"
    assert list(deduper.index.buckets) == [T0 // HOUR]


def test_a_story_moved_back_from_a_future_bucket_survives_its_sweep(store: MemoryStore) -> None:
    deduper = Deduper(store)
    far = T0 + 1000 * HOUR
    seen(deduper, make(URI, FLOOD), far)
    seen(deduper, make(URI, FLOOD[:3], version=2), T0)  # its update, on a sane clock
    assert deduper.evict(T0 + HOUR, future_ms=WINDOW) == 0
    assert deduper.decide(make(URI, FLOOD[:3], version=2), T0 + 2).status == "duplicate"
