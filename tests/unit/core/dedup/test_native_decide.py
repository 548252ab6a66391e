"""The compiled near-copy decision (``NearDecider.weigh``) chooses what ``Deduper._weigh`` does.

Equality, not closeness: the same duplicate, update and related candidate with the same float
score, on random sketches built to overlap (shared hash pools, so every branch is reached:
duplicates, copies, swapped figures, teasers, agreement keys, other sources, kills), on
sketches that are not sorted (the rules are Python's step for step), and with a small sketch
size so the cut-offs bite. Inputs the compiled code does not read as Python would (a record
that is not canonical) give ``None``, so the Python loop decides them.
"""

from __future__ import annotations

import base64
import os
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.dedup import Decision, Deduper, MemoryStore, deduper
from streams.core.dedup.deduper import DedupConfig, Features, _native_near
from streams.core.dedup.sketch import Sketch, pack
from streams.core.identity import PREFIX, namespace_of

native = pytest.importorskip(
    "wirestream_native", reason="the native core is not built (make venv builds it)"
)
pytestmark = [
    pytest.mark.skipif(
        os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
    ),
    pytest.mark.skipif(
        not hasattr(native, "NearDecider"),
        reason="the installed native core predates NearDecider (make venv rebuilds it)",
    ),
]

#: Hash pools: sketches drawn from one pool overlap a lot, as copies do.
POOL = sorted({int(v) for v in np.random.default_rng(5).integers(0, 1 << 32, 400)})
FACT_POOL = sorted({int(v) for v in np.random.default_rng(6).integers(0, 1 << 32, 90)})
URIS = [
    f"{PREFIX}agency-a:id:1",
    f"{PREFIX}agency-a:id:2",
    f"{PREFIX}agency-b:id:3",
    "urn:other:4",
    f"{PREFIX}nocolon",
]
CONFIGS = [DedupConfig(), DedupConfig(sketch_size=24, copy_samples=5, min_samples=3)]


def _subset(draw: st.DrawFn, pool: list[int], most: int, *, ordered: bool = True) -> list[int]:
    values = draw(st.lists(st.sampled_from(pool), max_size=most, unique=True))
    return sorted(values) if ordered else values


@st.composite
def cases(draw: st.DrawFn) -> tuple[DedupConfig, Features, list[dict[str, Any]]]:
    config = draw(st.sampled_from(CONFIGS))
    ordered = draw(st.booleans()) or draw(st.booleans())  # mostly sorted, as stored
    mins = _subset(draw, POOL, 140, ordered=ordered)
    facts = _subset(draw, FACT_POOL, 70, ordered=ordered)
    agreement = tuple(draw(st.lists(st.integers(0, 7), max_size=3)))
    item = Features(
        uri=draw(st.sampled_from(URIS)),
        version=1,
        pubstatus=draw(st.sampled_from(["usable", "usable", "canceled"])),
        revises=draw(st.booleans()),
        regions=(),
        fingerprint="f",
        sketch=Sketch(np.array(mins, np.uint32), len(mins), np.array(facts, np.uint32), ""),
        agreement=agreement,
    )
    records = []
    for _ in range(draw(st.integers(1, 8))):
        # A copy of the item's sketch with some hashes dropped and others added, or a fresh one.
        if mins and draw(st.booleans()):
            kept = [v for v in mins if draw(st.integers(0, 9)) > 0]
            theirs = sorted(set(kept) | set(_subset(draw, POOL, 20)))
        else:
            theirs = _subset(draw, POOL, 140)
        if facts and draw(st.booleans()):
            their_facts = sorted({v for v in facts if draw(st.integers(0, 5)) > 0})
        else:
            their_facts = _subset(draw, FACT_POOL, 70)
        records.append(
            {
                "u": draw(st.sampled_from(URIS)),
                "t": 0,
                "k": pack(np.array(theirs, np.uint32)),
                "d": pack(np.array(their_facts, np.uint32)),
                "a": draw(st.lists(st.integers(0, 7), max_size=3)),
            }
        )
    return config, item, records


def _weigh_native(config: DedupConfig, item: Features, records: list[dict[str, Any]]) -> Any:
    decider = _native_near(config)
    assert decider is not None
    return decider.weigh(
        item.sketch.mins,
        item.sketch.facts,
        item.agreement,
        namespace_of(item.uri),
        item.pubstatus == "canceled",
        item.revises,
        records,
    )


def _weigh_python(config: DedupConfig, item: Features, records: list[dict[str, Any]]) -> Any:
    return Deduper(MemoryStore(), config=config)._weigh(item, records)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_native_weighs_as_python(case: tuple[DedupConfig, Features, list[dict[str, Any]]]) -> None:
    config, item, records = case
    assert _weigh_native(config, item, records) == _weigh_python(config, item, records)


def test_every_outcome_is_reached() -> None:
    """The random cases above reach each outcome (a guard on the generator, not the code)."""
    seen: set[int] = set()

    @settings(max_examples=300, deadline=None, database=None)
    @given(cases())
    def collect(case: tuple[DedupConfig, Features, list[dict[str, Any]]]) -> None:
        chosen = _weigh_native(*case)
        seen.update(n for n, choice in enumerate(chosen) if choice is not None)

    collect()
    assert seen == {0, 1, 2}


def _case() -> tuple[Features, dict[str, Any]]:
    mins = np.array(POOL[:128], np.uint32)
    facts = np.array(FACT_POOL[:10], np.uint32)
    item = Features(
        uri=URIS[0],
        version=1,
        pubstatus="usable",
        revises=False,
        regions=(),
        fingerprint="f",
        sketch=Sketch(mins, 128, facts, ""),
        agreement=(2,),
    )
    record = {"u": URIS[1], "t": 0, "k": pack(mins), "d": pack(facts), "a": [2]}
    return item, record


def test_a_copy_is_a_duplicate_in_both() -> None:
    item, record = _case()
    config = DedupConfig()
    want = ((1.0, 0), None, None)
    assert _weigh_python(config, item, [record]) == want
    assert _weigh_native(config, item, [record]) == want


@pytest.mark.parametrize(
    "change",
    [
        {"k": "AQAAAAIAAAA"},  # incorrect padding: Python raises
        {"k": "AQAA AA="},  # Python's decoder drops the space
        {"k": "AQAAAP////8A"},  # 9 bytes: not whole uint32s
        {"d": 17},
        {"u": None},
        {"a": [2.0]},
    ],
)
def test_records_it_does_not_read_as_python_go_to_python(change: dict[str, Any]) -> None:
    item, record = _case()
    record = {**record, **change}
    if "a" in change:  # only an update by agreement reads "a": make it one
        item, record = _agreement_case()
        assert _weigh_native(DedupConfig(), item, [record]) == (None, (70 / 130, 0), None)
        assert _weigh_python(DedupConfig(), item, [record]) == (None, (70 / 130, 0), None)
        record["a"] = change["a"]
    assert _weigh_native(DedupConfig(), item, [record]) is None
    assert _weigh_native(DedupConfig(), item, ["not a dict"]) is None  # type: ignore[list-item]


def _agreement_case() -> tuple[Features, dict[str, Any]]:
    """Same source, Jaccard 70/130, not a copy (all ten figures swapped), slugs agree."""
    item, record = _case()
    evens = sorted({v & ~1 for v in FACT_POOL})
    item = Features(
        uri=URIS[0],
        version=1,
        pubstatus="usable",
        revises=False,
        regions=(),
        fingerprint="f",
        sketch=Sketch(np.array(POOL[:100], np.uint32), 100, np.array(evens[:10], np.uint32), ""),
        agreement=(2,),
    )
    record["k"] = pack(np.array(POOL[30:130], np.uint32))
    record["d"] = pack(np.array(evens[20:30], np.uint32))
    return item, record


@pytest.mark.parametrize("values", [[1, 0xFFFFFFFF], [0xFFFFFFFF], [POOL[0]], []])
def test_padded_packs_and_the_top_value_decode_as_python(values: list[int]) -> None:
    item, record = _case()
    record["k"] = base64.b64encode(np.array(values, "<u4").tobytes()).decode()
    config = DedupConfig(sketch_size=1)
    for records in ([record], [dict(record, d=record["k"])]):
        assert _weigh_native(config, item, records) == _weigh_python(config, item, records)


def test_decisions_match_without_the_compiled_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole decisions over a stream of related stories: the same with and without it."""
    rng = np.random.default_rng(9)
    stories = []
    for n in range(120):
        base = rng.choice(len(POOL) - 130)
        mins = np.array(sorted(set(POOL[base : base + 128 : 1 + n % 3])), np.uint32)
        facts = np.array(sorted(rng.choice(FACT_POOL, 8, replace=False)), np.uint32)
        if n % 4 == 3:  # a copy of an earlier story under another uri, a few hashes lost
            mins, facts = stories[n - 3].sketch.mins[n % 7 :], stories[n - 3].sketch.facts
        stories.append(
            Features(
                uri=URIS[n % 3][:-1] + str(n),
                version=1 + n % 2,
                pubstatus="canceled" if n % 17 == 0 else "usable",
                revises=n % 5 == 0,
                regions=("europe",),
                fingerprint=str(n),
                sketch=Sketch(mins, len(mins), facts, ""),
                agreement=(n % 4 * 2, n % 3 * 2 + 1),
            )
        )

    def run() -> list[Decision]:
        d = Deduper(MemoryStore())
        out = []
        for n, f in enumerate(stories):
            decision = d.decide(f, 1_000 * n)
            d.remember(f, decision, 1_000 * n)
            out.append(decision)
        return out

    assert _native_near(DedupConfig()) is not None
    compiled = run()
    monkeypatch.setattr(deduper, "_native_near", lambda config: None)
    assert run() == compiled
    assert {d.status for d in compiled} >= {"duplicate", "update", "routed"}


@st.composite
def index_states(draw: st.DrawFn) -> tuple[Deduper, Sketch, str]:
    """An index with stories posted, some removed, some merged into the sorted arrays (a small
    merge threshold), lists filled to the cap, and an item whose query keys meet them."""
    d = Deduper(MemoryStore(), config=DedupConfig(posting_cap=draw(st.sampled_from([3, 16]))))
    index = d.index
    keys = POOL[:40]
    stories = draw(st.integers(1, 60))
    for sid in range(1, stories + 1):
        posted = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=8, unique=True))
        index.post_many(np.array(posted, np.uint32), sid)
        if draw(st.integers(0, 9)) == 0:
            index.unpost(posted[0], sid)
        if draw(st.integers(0, 19)) == 0:
            index._merge()
    query = np.array(sorted(draw(st.lists(st.sampled_from(keys), max_size=16, unique=True))))
    own = f"{draw(st.integers(0, stories)):012x}"
    mins = np.concatenate([query.astype(np.uint32), np.array(POOL[300:310], np.uint32)])
    return d, Sketch(mins, mins.size, np.zeros(0, np.uint32), ""), own


@settings(max_examples=300, deadline=None)
@given(index_states())
def test_native_counts_candidates_as_python(state: tuple[Deduper, Sketch, str]) -> None:
    d, sketch, own = state
    want = d._count_candidates(sketch, own)
    d._memo.clear()
    assert d._candidates(sketch, own) == want
    decider = _native_near(d.config)
    assert decider is not None
    posted, ids, dead, recent = d.index.postings()
    assert (
        decider.candidates(posted, ids, dead, recent, sketch.query_keys, int(own, 16), 8, 4, 16)
        == want
    )
