"""Every remembered story is findable: posted under the first lists open to it.

A story is posted under ``INDEX`` (12) of its ``QUERY`` (24) smallest hashes; a posting list
keeps the first ``posting_cap`` stories. A story whose ``INDEX`` smallest hashes all had full
lists when it was remembered (a flood that came *before* it, or a stock opening) used to be
posted nowhere: a later republication of it could not find it. Such a story is now posted
under the next of its ``QUERY`` smallest hashes whose lists are open, at most ``INDEX`` of
them (:meth:`StoryIndex.post_open`; ``QUERY - INDEX`` = 12 since session 26), and
its record names them (``p``), so eviction, a rebuild and another worker's copy use the same
keys. A story with any open list among its first ``INDEX`` is posted as before. A new item
looks up its ``LOOKUP`` smallest hashes, and all ``QUERY`` only when those find no candidate
(``Deduper._lookup``): enough to find a story posted past them, not so many keys that every
item meets more template siblings.

Sketch-level stories (hashes chosen here) make the lists' state exact.
"""

from __future__ import annotations

import numpy as np
import pytest

from streams.core.dedup import Decision, Deduper, MemoryStore, deduper
from streams.core.dedup.index import POSTED, StoryIndex, posted_keys, sid_int
from streams.core.dedup.sketch import INDEX, LOOKUP, QUERY, Sketch, unpack
from tests.unit.core.dedup.conftest import HOUR, T0

STORY = "urn:wirestream:wire-a:story"
COPY = "urn:wirestream:wire-b:story-copy"
#: The story's ``INDEX`` smallest hashes: the flood shares them.
SHARED = list(range(1000, 1000 + INDEX))
#: The rest of the story's sketch, above every flood story's own hashes' start.
OWN = list(range(50_000, 50_000 + 120))
#: How many later keys a story whose first ``INDEX`` lists are full is posted under (the
#: query keys past ``INDEX``, at most ``INDEX`` of them), and their :data:`POSTED` mask.
FALLBACK = min(INDEX, QUERY - INDEX)
FALLBACK_MASK = ((1 << FALLBACK) - 1) << INDEX


@pytest.fixture(params=["native", "python"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "python":
        monkeypatch.setattr(deduper, "_native_near", lambda config: None)
    return str(request.param)


def features(uri: str, mins: list[int], facts: tuple[int, ...] = (2, 4)) -> deduper.Features:
    values = np.array(sorted(set(mins)), np.uint32)
    return deduper.Features(
        uri=uri,
        version=1,
        pubstatus="usable",
        revises=False,
        regions=("europe",),
        fingerprint=uri,
        sketch=Sketch(values, values.size * 3, np.array(facts, np.uint32), uri),
        agreement=(),
    )


def flood_story(i: int) -> deduper.Features:
    """Shares the story's ``INDEX`` smallest hashes and nothing else (its own are larger)."""
    own = range(10_000 + 200 * i, 10_000 + 200 * i + 120)
    return features(f"urn:wirestream:flood-{i}:x", [*SHARED, *own], facts=(6 + 2 * i,))


def remember(d: Deduper, f: deduper.Features, now: int) -> None:
    d.remember(f, Decision("routed"), now)


def flooded_before(d: Deduper, stories: int | None = None) -> None:
    """``posting_cap`` stories fill every list of the story's ``INDEX`` smallest hashes, then the
    story is remembered."""
    for i in range(d.config.posting_cap if stories is None else stories):
        remember(d, flood_story(i), T0 + i)
    remember(d, features(STORY, [*SHARED, *OWN]), T0 + 100)


def holding(index: StoryIndex, sid: str) -> list[int]:
    """The keys of the story's query keys whose lists hold it."""
    keys = np.array(sorted([*SHARED, *OWN])[:QUERY], np.uint32)
    num = sid_int(sid)
    return [k for k, ids in zip(keys.tolist(), index.members_of(keys), strict=True) if num in ids]


def test_a_flood_before_the_story_does_not_hide_it(path: str) -> None:
    """Fails before the change: the story was posted nowhere, its copy routed as new."""
    d = Deduper(MemoryStore())
    flooded_before(d)
    copy = features(COPY, [*SHARED, *OWN])
    got = d.decide(copy, T0 + HOUR)
    assert (got.status, got.duplicate_of) == ("duplicate", STORY)


def test_the_story_is_posted_under_its_next_open_keys() -> None:
    d = Deduper(MemoryStore())
    flooded_before(d)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid) == OWN[:FALLBACK]
    record = d.store.get("s:" + sid)
    assert record[POSTED] == FALLBACK_MASK  # positions INDEX..INDEX + FALLBACK - 1
    keys = posted_keys(unpack(record["k"]), record[POSTED], INDEX).tolist()
    assert keys == OWN[:FALLBACK]


def test_a_story_with_open_lists_keeps_the_old_record() -> None:
    """The usual case: posted under its first ``INDEX`` keys, and its record has no ``p`` (no bytes
    added; older records without it read the same)."""
    d = Deduper(MemoryStore())
    flooded_before(d, stories=d.config.posting_cap - 1)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid) == SHARED
    assert POSTED not in d.store.get("s:" + sid)


def test_partly_full_lists_keep_the_old_rule() -> None:
    """A story with an open list among its first ``INDEX`` is posted there as before (the full ones
    refuse it) and its record has no ``p``: moving such stories too filled the later lists
    of bench traffic, so that more stories found none open."""
    d = Deduper(MemoryStore())
    last = INDEX - 1
    for i in range(d.config.posting_cap):  # fill the lists of all but the last key only
        remember(d, features(f"urn:wirestream:stock-{i}", [*SHARED[:last], 70_000 + i]), T0 + i)
    remember(d, features(STORY, [*SHARED, *OWN]), T0 + 100)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid) == SHARED[last:]
    assert POSTED not in d.store.get("s:" + sid)
    # Fill the last one too: the next story with these keys moves to its later keys.
    for j in range(d.config.posting_cap - 1):
        remember(d, features(f"urn:wirestream:more-{j}", [SHARED[last], 80_000 + j]), T0 + 101)
    later = "urn:wirestream:wire-c:later"
    remember(d, features(later, [*SHARED, *range(90_000, 90_120)]), T0 + 102)
    assert d.store.get("s:" + deduper.story_id(later))[POSTED] == FALLBACK_MASK


def test_the_rebuild_gives_the_live_lists_back() -> None:
    store = MemoryStore()
    d = Deduper(store)
    flooded_before(d, stories=d.config.posting_cap + 3)  # three flood stories spill as well
    rebuilt = Deduper(store)
    keys = np.array(sorted({k for r in store.data.values() for k in unpack(r["k"])[:QUERY]}))
    keys = keys.astype(np.uint32)
    assert rebuilt.index.members_of(keys) == d.index.members_of(keys)
    copy = features(COPY, [*SHARED, *OWN])
    assert rebuilt.decide(copy, T0 + HOUR) == d.decide(copy, T0 + HOUR)


def test_eviction_unposts_the_recorded_keys() -> None:
    d = Deduper(MemoryStore(), window_ms=HOUR)
    flooded_before(d)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid)
    assert d.index.spilled  # posted past its first keys: noted for the late count
    d.evict(T0 + 3 * HOUR)
    assert holding(d.index, sid) == []
    assert d.index.spilled == {}
    assert d.store.data == {}


def test_an_update_leaves_the_lists_it_no_longer_takes() -> None:
    """Posted under later keys after the flood; its update drops the flooded hashes: it is
    then posted under its new first ``INDEX`` and leaves the others."""
    d = Deduper(MemoryStore())
    flooded_before(d)
    sid = deduper.story_id(STORY)
    remember(d, features(STORY, OWN[4:]), T0 + 200)
    keys = np.array(OWN[:QUERY], np.uint32)
    held = [
        k
        for k, ids in zip(OWN[:QUERY], d.index.members_of(keys), strict=True)
        if sid_int(sid) in ids
    ]
    assert held == OWN[4 : 4 + INDEX]
    assert POSTED not in d.store.get("s:" + sid)


def test_another_worker_posts_and_unposts_the_recorded_keys(path: str) -> None:
    """A remote copy of the record is posted under the keys it names, and its tombstone
    takes them all back."""
    owner_store = MemoryStore()
    owner = Deduper(owner_store)
    flooded_before(owner)
    other = Deduper(MemoryStore())
    assert other.index.members(OWN[0]) == []  # built: records arrive one by one (the tail)
    for key, record in owner_store.scan():
        other.observe(0, key, record)
    sid = deduper.story_id(STORY)
    assert holding(other.index, sid) == OWN[:FALLBACK]
    got = other.decide(features(COPY, [*SHARED, *OWN]), T0 + HOUR)
    assert (got.status, got.duplicate_of) == ("duplicate", STORY)
    other.observe(0, "s:" + sid, None)
    assert holding(other.index, sid) == []


def test_a_malformed_posted_field_is_left_out_of_the_rebuild() -> None:
    store = MemoryStore()
    d = Deduper(store)
    flooded_before(d)
    store.data["s:" + deduper.story_id(STORY)][POSTED] = "all"
    rebuilt = StoryIndex(16)
    rebuilt.rebuild(store.scan(), INDEX)
    assert rebuilt.skipped == 1


def test_a_story_posted_past_the_first_lookup_is_found(path: str) -> None:
    """Its first ``INDEX`` lists and the next ones up to ``LOOKUP`` are full: it is posted under
    later keys only, which its republication looks up once its first ``LOOKUP`` find nothing.
    With ``QUERY`` 16 this story was posted nowhere (bench traffic: 3 of 4,580 stories)."""
    d = Deduper(MemoryStore())
    early = OWN[: LOOKUP - INDEX]
    for i in range(d.config.posting_cap):  # stock stories fill the lists of those next keys
        remember(
            d,
            features(
                f"urn:wirestream:stock-{i}",
                [*early, *range(200_000 + 50 * i, 200_000 + 50 * i + 20)],
            ),
            T0 + i,
        )
    flooded_before(d)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid) == OWN[LOOKUP - INDEX : QUERY - INDEX]
    got = d.decide(features(COPY, [*SHARED, *OWN]), T0 + HOUR)
    assert (got.status, got.duplicate_of) == ("duplicate", STORY)


def _query(d: Deduper) -> Sketch:
    """An item's sketch: hashes 1..QUERY + 8 (the first ``QUERY`` are its query keys)."""
    values = np.arange(1, QUERY + 9, dtype=np.uint32)
    return Sketch(values, values.size, np.zeros(0, np.uint32), "")


def test_keys_past_the_first_lookup_count_only_when_it_finds_nothing(path: str) -> None:
    """A story sharing only the item's keys past ``LOOKUP`` (several of them: a strong
    count) is a candidate only when the first ``LOOKUP`` keys find none: counted for every
    item, such keys made more of bench traffic's template siblings updates of each other."""
    d = Deduper(MemoryStore())
    item = _query(d)
    late = item.query_keys[LOOKUP:]
    d.index.post_many(late, 7)
    assert d._candidates(item, "0000000000ff") == [f"{7:012x}"]
    d.index.post_many(item.lookup_keys[:2], 9)
    assert d._candidates(item, "0000000000ff") == [f"{9:012x}"]
    assert d._count_candidates(item, "0000000000ff") == [f"{9:012x}"]


def test_a_story_posted_past_the_first_lookup_is_found_after_older_stories_go(path: str) -> None:
    """The stories that filled its first ``LOOKUP`` lists came before it, so they leave the
    window before it does. Once some of them are evicted, those lists are open again and
    their remaining members are candidates of the first lookup: the republication must still
    find the story, which only its keys past ``LOOKUP`` hold (session 26, hrev26b; it was
    routed as new)."""
    d = Deduper(MemoryStore(), window_ms=3 * HOUR)
    early = OWN[: LOOKUP - INDEX]
    cap = d.config.posting_cap
    for i in range(cap):  # stock stories fill the lists of the keys after the first INDEX
        own = range(200_000 + 50 * i, 200_000 + 50 * i + 20)
        remember(d, features(f"urn:wirestream:stock-{i}", [*early, *own]), T0 + i)
    # Half the flood a bucket before the rest, all of it before the story.
    for i in range(cap):
        remember(d, flood_story(i), T0 + (0 if i < cap // 2 else HOUR))
    remember(d, features(STORY, [*SHARED, *OWN]), T0 + 2 * HOUR)
    sid = deduper.story_id(STORY)
    assert holding(d.index, sid) == OWN[LOOKUP - INDEX : QUERY - INDEX]
    now = T0 + 4 * HOUR + 1
    assert d.evict(now) == cap + cap // 2  # the stock stories and the flood's first half
    got = d.decide(features(COPY, [*SHARED, *OWN]), now)
    assert (got.status, got.duplicate_of) == ("duplicate", STORY)
    # The same from an index rebuilt from the store, and from another worker's copy.
    rebuilt = Deduper(d.store, window_ms=3 * HOUR)
    assert rebuilt.decide(features(COPY, [*SHARED, *OWN]), now) == got
    other = Deduper(MemoryStore(), window_ms=3 * HOUR)
    assert other.index.spilled == {}
    for key, record in d.store.scan():
        other.observe(0, key, record)
    assert other.decide(features(COPY, [*SHARED, *OWN]), now) == got


def test_a_memoised_lookup_holds_until_one_of_its_keys_is_posted(path: str) -> None:
    """Review hrev31b of hperf79: the memo's key set, built only once the index moved, is the
    keys actually looked up, so an unrelated posting keeps the lookup and one under its keys
    (after the set was built) drops it: never a stale candidate list."""
    d = Deduper(MemoryStore())
    sketch = features("urn:wirestream:mine:x", list(range(1, 60))).sketch
    own = deduper.story_id("urn:wirestream:mine:x")
    first = d._lookup(sketch, own)
    assert first.candidates == [] and first.keys is None
    assert d._lookup(sketch, own) is first and first.keys is None  # same version: no set built
    remember(d, features("urn:wirestream:other:x", list(range(50_000, 50_060))), T0)
    assert d._lookup(sketch, own) is first  # moved, but not under its keys
    assert first.keys == frozenset(first.looked.tolist())
    remember(d, features("urn:wirestream:near:x", list(range(1, 60))), T0 + 1)
    again = d._lookup(sketch, own)
    assert again is not first and again.candidates != []
    assert d._lookup(sketch, own) is again
