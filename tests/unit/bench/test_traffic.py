"""The traffic generator: deterministic by seed, the asked mix, repeats and sizes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from bench.traffic import (
    DEFAULT_MIX,
    FORMATS,
    RawRecord,
    TrafficConfig,
    TrafficGenerator,
    generate,
    take_items,
)


@pytest.fixture(scope="module")
def sample() -> list[RawRecord]:
    return generate(6000, seed=3)


def test_same_seed_same_bytes() -> None:
    first = generate(400, seed=11)
    second = generate(400, seed=11)
    assert [r.value for r in first] == [r.value for r in second]
    assert [r.kinds for r in first] == [r.kinds for r in second]


def test_other_seed_other_traffic() -> None:
    assert [r.value for r in generate(50, seed=1)] != [r.value for r in generate(50, seed=2)]


def test_take_items_stops_at_the_first_message_reaching_the_count() -> None:
    records = take_items(TrafficGenerator(TrafficConfig(seed=5)), 300)
    assert sum(r.items for r in records) >= 300
    assert sum(r.items for r in records[:-1]) < 300


def test_format_mix_follows_the_config(sample: list[RawRecord]) -> None:
    counts = Counter(r.fmt for r in sample)
    assert set(counts) == set(FORMATS)
    for fmt, share in DEFAULT_MIX.items():
        assert counts[fmt] / len(sample) == pytest.approx(share, abs=0.03)


def test_custom_mix_is_honoured() -> None:
    records = generate(300, seed=4, mix={"ninjs": 1.0})
    assert {r.fmt for r in records} == {"ninjs"}


def test_share_of_repeats_and_near_duplicates(sample: list[RawRecord]) -> None:
    kinds = Counter(k for r in sample for k in r.kinds)
    total = sum(kinds.values())
    assert kinds["repeat"] / total == pytest.approx(0.05, abs=0.015)
    assert kinds["near"] / total == pytest.approx(0.05, abs=0.015)


def test_no_repeats_when_shares_are_zero() -> None:
    records = generate(500, seed=6, repeat_share=0.0, near_share=0.0)
    assert {k for r in records for k in r.kinds} == {"new"}


def test_article_sizes_within_bounds_around_3kb(sample: list[RawRecord]) -> None:
    sizes = [b for r in sample for b in r.article_bytes]
    assert min(sizes) >= 1000
    assert max(sizes) <= 8192 + 200
    assert 2500 <= sum(sizes) / len(sizes) <= 3800


def test_dumps_and_feeds_carry_several_stories(sample: list[RawRecord]) -> None:
    for fmt in ("dump", "rss"):
        counts = {r.items for r in sample if r.fmt == fmt}
        assert min(counts) >= 3
        assert max(counts) > 3
    assert {r.items for r in sample if r.fmt == "plain"} == {1}


def test_payloads_are_well_formed(sample: list[RawRecord]) -> None:
    for record in sample[:400]:
        if record.fmt == "ninjs":
            doc = json.loads(record.value)
            docs = doc if isinstance(doc, list) else [doc]
            assert len(docs) == record.items
            assert all(d["uri"].startswith("urn:newsml:") for d in docs)
        elif record.fmt == "rss":
            root = ET.fromstring(record.value)
            assert len(root.findall("./channel/item")) == record.items
        else:
            text = record.value.decode("utf-8")
            assert text.count(" - ") >= record.items  # one dateline per story
        assert record.headers()["wire-source"] == record.source.encode()


def test_exact_repeat_repeats_an_earlier_story_word_for_word(sample: list[RawRecord]) -> None:
    family = [r for r in sample if r.fmt in ("plain", "dump")]
    repeats = [i for i, r in enumerate(family) if r.fmt == "plain" and r.kinds == ("repeat",)]
    assert len(repeats) > 10
    texts = [" ".join(r.value.decode().split()) for r in family]
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text) + 1)
    everything = " ".join(texts)
    for i in repeats:
        assert everything.find(texts[i], 0, starts[i]) != -1


def test_near_duplicate_is_an_update_of_a_recent_story(sample: list[RawRecord]) -> None:
    docs = []
    for r in sample:
        if r.fmt == "ninjs":
            doc = json.loads(r.value)
            for d, kind in zip(doc if isinstance(doc, list) else [doc], r.kinds, strict=True):
                docs.append((d, kind))
    versions: dict[str, int] = {}
    for d, kind in docs:
        if kind == "near":
            assert d["uri"] in versions
            assert d["version"] > versions[d["uri"]]
            assert d["headlines"][0]["value"].split("-", 1)[0] in {
                "UPDATE 1",
                "UPDATE 2",
                "REFILE",
                "CORRECTED",
            }
        versions[d["uri"]] = d["version"]
