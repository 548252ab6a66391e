"""A flood must not blind near-duplicate detection.

A posting list that ``posting_cap`` stories joined is left out of the usual candidate count
(a stock phrase). Twenty-two updates of one story (its whole text and one sentence each,
from other outlets) fill every list the story is posted under, and each update is posted
under its own first keys (``INDEX`` = 12 of them: twenty updates filled all 8 lists when
``INDEX`` was 8 but leave the twelfth at 14 stories; from the 23rd on, an update finds its
first 12 lists full and is posted under its later query keys, where a republication's lookup
finds it as a usual candidate); a plain republication of the story
that comes after them must still be found as its duplicate, not routed as a new story. The
second chance (``Deduper._flood_candidates``) costs bounded work: at most ``max_flood``
records, from lists the index keeps at ``posting_cap`` stories.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from streams.core.dedup import Decision, Deduper, MemoryStore, deduper
from streams.core.dedup.deduper import DedupConfig
from streams.core.dedup.index import POSTED
from streams.core.dedup.sketch import INDEX, QUERY, Sketch, sketch_text
from tests.unit.core.dedup.conftest import FLOOD, T0, make

MINUTE = 60_000
ORIGINAL = "urn:wirestream:wire-a:flood-lead"
REPUBLISHED = "urn:wirestream:wire-b:flood-copy"

#: Written for this test: towns and counts for the one sentence each update adds.
TOWNS = [
    "Marsa", "Birgu", "Qala", "Zurrieq", "Mellieha", "Gudja", "Rabat", "Siggiewi", "Naxxar",
    "Xaghra", "Kercem", "Lija", "Balzan", "Mosta", "Fgura", "Paola", "Zebbug", "Dingli", "Safi",
    "Kirkop", "Zejtun", "Marsaxlokk",
]  # fmt: skip


def _update(i: int) -> list[str]:
    """The story and one more sentence: a figure and "no" (a fact word), so never a duplicate."""
    return [*FLOOD, f"The mayor of {TOWNS[i]} said {100 + 7 * i} homes there had no power."]


@pytest.fixture(params=["native", "python"])
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The compiled candidate count and decision when built, and the Python reference."""
    if request.param == "python":
        monkeypatch.setattr(deduper, "_native_near", lambda config: None)
    return str(request.param)


def _flooded(config: DedupConfig | None = None, updates: int = len(TOWNS)) -> Deduper:
    """The original, then twenty-two updates of it from other outlets, remembered as decided."""
    d = Deduper(MemoryStore(), config=config)
    original = make(ORIGINAL, FLOOD)
    d.remember(original, d.decide(original, T0), T0)
    for i in range(updates):
        now = T0 + (i + 1) * MINUTE
        item = make(f"urn:wirestream:outlet-{i}:flood", _update(i), headline=f"{TOWNS[i]} update")
        d.remember(item, d.decide(item, now), now)
    return d


def _lists(d: Deduper, paras: list[str]) -> list[int]:
    """How many stories each of a text's posted keys lists."""
    keys = sketch_text("\n\n".join(paras)).index_keys
    return [len(ids) for ids in d.index.members_of(keys)]


def test_every_list_of_the_original_is_full_after_the_flood() -> None:
    """The fixture does flood: each key the original is posted under lists the cap, and no
    update spilled to its later keys (every record without ``p``)."""
    d = _flooded()
    assert _lists(d, FLOOD) == [d.config.posting_cap] * INDEX
    assert not any(POSTED in record for record in d.store.data.values())


def test_a_republication_after_a_flood_is_a_duplicate(path: str) -> None:
    d = _flooded()
    copy = make(REPUBLISHED, FLOOD, headline="Four dead as flash floods hit coast")
    got = d.decide(copy, T0 + 60 * MINUTE)
    assert got == Decision("duplicate", duplicate_of=ORIGINAL, similarity=1.0)


def test_without_the_second_chance_the_flood_hides_the_original(path: str) -> None:
    """``flood_shared=0`` is the deduper before the fix: the republication is routed again."""
    d = _flooded(DedupConfig(flood_shared=0))
    copy = make(REPUBLISHED, FLOOD, headline="Four dead as flash floods hit coast")
    assert d.decide(copy, T0 + 60 * MINUTE) == Decision("routed")


def test_a_copy_with_a_typo_fixed_is_still_found(path: str) -> None:
    typo = [FLOOD[0], FLOOD[1].replace("overnight", "over night"), *FLOOD[2:]]
    d = _flooded()
    got = d.decide(make(REPUBLISHED, typo), T0 + 60 * MINUTE)
    assert got.status == "duplicate"
    assert got.duplicate_of == ORIGINAL


def test_the_second_chance_makes_duplicates_only(path: str) -> None:
    """Another update after the flood adds a fact: not a duplicate, and the few stock keys
    behind a flood candidate are not evidence enough for an update link (bench traffic's
    distinct template stories would become updates of their siblings)."""
    d = _flooded()
    more = [*FLOOD, "The airport said 14 flights had not left on time."]
    assert d.decide(make(REPUBLISHED, more), T0 + 60 * MINUTE) == Decision("routed")


def test_a_kill_takes_no_second_chance(path: str) -> None:
    d = _flooded()
    kill = make(REPUBLISHED, FLOOD, pubstatus="canceled")
    assert d.decide(kill, T0 + 60 * MINUTE).status == "routed"


# -- bounded work ------------------------------------------------------------------------------


def _stock(d: Deduper, keys: list[int], stories: int, first: int = 1) -> None:
    for sid in range(first, first + stories):
        d.index.post_many(np.array(keys, np.uint32), sid)


def _item(keys: list[int]) -> Sketch:
    mins = np.array(sorted(keys), np.uint32)
    return Sketch(mins, mins.size, np.zeros(0, np.uint32), "")


def test_a_list_never_holds_more_than_the_cap() -> None:
    """What bounds the count: ``QUERY`` query keys times at most ``posting_cap`` stories each."""
    d = Deduper(MemoryStore())
    keys = list(range(100, 100 + QUERY))
    _stock(d, keys, 500)
    assert _lists_of(d, keys) == [d.config.posting_cap] * QUERY


def _lists_of(d: Deduper, keys: list[int]) -> list[int]:
    return [len(ids) for ids in d.index.members_of(np.array(keys, np.uint32))]


@pytest.mark.parametrize("shared", range(1, DedupConfig().flood_shared))
def test_stock_phrases_alone_are_no_flood_candidates(path: str, shared: int) -> None:
    """Stories sharing fewer than ``flood_shared`` full lists with an item (stock phrases, or
    a write-up's passage) are not asked."""
    d = Deduper(MemoryStore())
    stock = list(range(7, 7 + shared))
    _stock(d, stock, 40)
    item = _item([*stock, *range(1000, 1000 + QUERY - shared)])
    assert d._flood_candidates(item, "0000000000ff") == []


def test_at_most_max_flood_candidates_most_shared_first(path: str) -> None:
    """500 stories fill 16 lists; the first 16 of them share every key with the item: it is
    offered ``max_flood`` of them, the oldest first, whatever else floods the lists."""
    d = Deduper(MemoryStore())
    keys = list(range(100, 116))
    _stock(d, keys, 500)
    got = d._flood_candidates(_item(keys), "0000000000ff")
    assert got == [f"{sid:012x}" for sid in range(1, 1 + d.config.max_flood)]
    # Those already weighed are not offered again: the next ones are.
    again = d._flood_candidates(_item(keys), "0000000000ff", got)
    assert again == [f"{sid:012x}" for sid in range(5, 5 + d.config.max_flood)]


def test_no_full_list_no_second_chance(path: str) -> None:
    """Without a full list every story sharing keys was counted already: nothing is asked."""
    d = Deduper(MemoryStore())
    keys = list(range(100, 116))
    _stock(d, keys, d.config.posting_cap - 1)
    assert d._flood_candidates(_item(keys), "0000000000ff") == []


def test_a_flood_lookup_reads_at_most_max_flood_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """One item after a flood: the usual candidates and at most ``max_flood`` more records."""
    d = _flooded()
    reads: list[str] = []
    get = d.store.get

    def counted(key: str) -> Any:
        reads.append(key)
        return get(key)

    monkeypatch.setattr(d.store, "get", counted)
    more = [*FLOOD, "The airport said 14 flights had not left on time."]
    d.decide(make(REPUBLISHED, more), T0 + 60 * MINUTE)
    # Its own uri, then the flood candidates (the usual count finds none: all lists full).
    assert len(reads) == 1 + d.config.max_flood


# -- review (session 11): the second chance weighs exactly as the usual path ----------------


def _usual() -> Deduper:
    """The original and 14 of the updates: a list holds at most 15 stories, none is full, so
    every one of them is a usual candidate (what the second chance must agree with)."""
    d = _flooded(updates=DedupConfig().posting_cap - 2)
    assert d._flood_candidates(sketch_text("\n\n".join(FLOOD)), "0000000000ff") == []
    return d


@pytest.mark.parametrize(
    "paras, uri, revises",
    [
        (FLOOD, REPUBLISHED, False),  # a republication
        (FLOOD[:4], REPUBLISHED, False),  # a cut from another source
        (FLOOD[:4], "urn:wirestream:wire-a:flood-lead-update", True),  # the source's own cut
        (FLOOD, "urn:wirestream:wire-a:flood-lead-update", True),  # its own whole copy
        ([*FLOOD, "Officials said 9 roads had no lights."], REPUBLISHED, False),  # adds facts
    ],
)
def test_the_second_chance_decides_a_duplicate_as_the_usual_path(
    path: str, paras: list[str], uri: str, revises: bool
) -> None:
    """Whatever the usual path makes a duplicate (of which story) when every story is a
    candidate, the second chance does after a flood, and nothing else: other facts, a cut
    or copy the source marks as its own revision (a duplicate of another outlet's fuller
    copy on the usual path too, never of its own story), another source's cut."""
    usual, flooded = _usual(), _flooded()
    now = T0 + 60 * MINUTE

    def item(d: Deduper) -> Any:
        f = d.features(make(uri, paras))
        return dataclasses.replace(f, revises=revises)

    want = usual.decide(item(usual), now)
    got = flooded.decide(item(flooded), now)
    if want.status == "duplicate":
        assert (got.status, got.duplicate_of) == (want.status, want.duplicate_of)
    else:
        assert got.status != "duplicate"


def test_a_flooded_original_outside_the_window_is_not_a_duplicate(path: str) -> None:
    """The second chance reads records as the usual path does: an expired story is gone."""
    d = _flooded()
    # The original (T0) has left the window, the updates (T0 + 1..22 minutes) have not.
    now = T0 + d.window_ms + 30 * 1000
    got = d.decide(make(REPUBLISHED, FLOOD), now)
    assert got.status != "duplicate" or got.duplicate_of != ORIGINAL
