"""The flood's second chance decides alike on every path (review, session 11).

Random streams of near copies (paragraphs of the test stories, cut, reordered, with a figure
added, from three sources, some kills and own revisions, some past the window) through a
deduper with a small ``posting_cap``, so lists fill up and the second chance is asked often.
The same stream must get the same decisions from the Python reference, from the compiled
core installed (with or without ``NearDecider.lookup``), and in stage 2's batches (a prefetch,
then each item decided and remembered against the overlay). Each decision that the second
chance made (a duplicate of a story outside the usual candidates) must be the duplicate the
usual weighing picks over the usual candidates and the flood's together.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.dedup import Decision, Deduper, MemoryStore, OverlayStore, deduper
from streams.core.dedup.deduper import DedupConfig, Features, story_id
from tests.unit.core.dedup.conftest import FLOOD, FLOOD_MORE, FLOOD_OTHER_OUTLET, T0, make

PARAS = [*FLOOD, *FLOOD_MORE, *FLOOD_OTHER_OUTLET]
SOURCES = ["wire-a", "wire-b", "outlet-c"]
MINUTE = 60_000


@st.composite
def streams(draw: st.DrawFn) -> tuple[DedupConfig, list[tuple[Features, int]]]:
    config = DedupConfig(
        posting_cap=draw(st.integers(1, 4)),
        flood_shared=draw(st.integers(1, 6)),
        max_flood=draw(st.integers(1, 4)),
    )
    d = Deduper(MemoryStore(), config=config)
    items: list[tuple[Features, int]] = []
    now = T0
    for n in range(draw(st.integers(2, 14))):
        picks = draw(st.lists(st.sampled_from(range(len(PARAS))), min_size=1, max_size=6))
        paras = [PARAS[i] for i in picks]
        if draw(st.booleans()):
            paras.append(f"Officials said {draw(st.integers(2, 99))} roads were shut.")
        source = draw(st.sampled_from(SOURCES))
        story = draw(st.integers(0, n))  # the same uri again now and then: a new version
        item = make(
            f"urn:wirestream:{source}:story-{story}",
            paras,
            version=draw(st.integers(1, 3)),
            pubstatus="canceled" if draw(st.integers(0, 7)) == 0 else "usable",
        )
        f = dataclasses.replace(d.features(item), revises=draw(st.integers(0, 3)) == 0)
        now += draw(st.sampled_from([MINUTE, 10 * MINUTE, d.window_ms // 2]))
        items.append((f, now))
    return config, items


@contextmanager
def _python(on: bool) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        if on:
            mp.setattr(deduper, "_native_near", lambda config: None)
        yield


def _run(config: DedupConfig, items: list[tuple[Features, int]], batch: int) -> list[Decision]:
    """Decide and remember ``items``; ``batch`` > 1: stage 2's prefetch and overlay."""
    store = MemoryStore()
    d = Deduper(OverlayStore(store) if batch > 1 else store, config=config)
    out: list[Decision] = []
    for at in range(0, len(items), batch):
        chunk = items[at : at + batch]
        if batch > 1:
            d.prefetch([f for f, _ in chunk])
        for f, now in chunk:
            decision = d.decide(f, now)
            _check_second_chance(d, f, now, decision)
            out.append(decision)
            d.remember(f, decision, now)
    return out


def _check_second_chance(d: Deduper, f: Features, now: int, decision: Decision) -> None:
    """A duplicate found outside the usual candidates is the one the usual weighing of the
    usual and the flood's candidates together picks (no other rule for the second chance)."""
    if decision.status != "duplicate" or decision.duplicate_of == f.uri:
        return
    lookup = d._lookup(f.sketch, story_id(f.uri))
    usual = [r for r in (d.store.get("s:" + s) for s in lookup.candidates) if r is not None]
    usual = [r for r in usual if now - r["t"] <= d.window_ms]
    if any(r["u"] == decision.duplicate_of for r in usual):
        return
    both = usual + d._flooded(f, now, lookup)
    dup = d._weigh(f, both)[0]
    assert dup is not None and both[dup[1]]["u"] == decision.duplicate_of


@settings(max_examples=150, deadline=None)
@given(streams(), st.integers(2, 5))
def test_the_flood_decides_alike_on_every_path(
    stream: tuple[DedupConfig, list[tuple[Features, int]]], batch: int
) -> None:
    config, items = stream
    with _python(True):
        want = _run(config, items, 1)
    with _python(False):
        assert _run(config, items, 1) == want
        assert _run(config, items, batch) == want
    with _python(True):
        assert _run(config, items, batch) == want


def test_a_stream_can_reach_the_second_chance() -> None:
    """The streams above do reach it: a cut of a story, after its lists filled up."""
    config = DedupConfig(posting_cap=1, flood_shared=2)
    d = Deduper(MemoryStore(), config=config)
    first = make("urn:wirestream:wire-a:one", FLOOD)
    d.remember(first, d.decide(first, T0), T0)
    other = make("urn:wirestream:wire-b:two", [*FLOOD, "Officials said 7 roads were shut."])
    d.remember(other, d.decide(other, T0 + MINUTE), T0 + MINUTE)
    three = d.features(make("urn:wirestream:outlet-c:three", FLOOD), T0 + 2 * MINUTE)
    usual = d._lookup(three.sketch, story_id(three.uri)).candidates
    got = d.decide(three, T0 + 2 * MINUTE)
    assert got.status == "duplicate"
    # Not a story of the usual candidates: only the second chance finds it. (Observed, not
    # spied on: the deduper is compiled, and a compiled instance's methods cannot be patched.)
    assert got.duplicate_of is not None and story_id(got.duplicate_of) not in usual
