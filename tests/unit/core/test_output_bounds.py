"""Output bounds (issue #15, points 1 and 3): no single raw message may produce a record
over the topics' limit, or outputs out of proportion to its size."""

from __future__ import annotations

from functools import cache

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.geo import GeoTagger
from streams.core.geo.scoring import MAX_EVIDENCE
from streams.core.model import (
    H_FILENAME,
    H_SOURCE,
    MAX_FILENAME_CHARS,
    MAX_SOURCE_CHARS,
    Body,
    Headline,
    RawMessage,
    WireItem,
)
from streams.core.parse import ParseLimits, parse
from streams.core.parse.base import MAX_NAME_CHARS, MAX_NOTICE_CHARS
from streams.core.pipeline import STAGE2_HEADROOM, OutputLimits, Pipeline, record_bytes
from streams.errors import LimitExceeded, OutputTooLarge
from streams.settings import Settings


@cache
def tagger() -> GeoTagger:
    return GeoTagger.load()


def pipeline(**settings: object) -> Pipeline:
    return build_pipeline(Settings.from_env({}, **settings), MemoryStore(), tagger())


def raw(value: bytes, **headers: bytes) -> RawMessage:
    heads = {H_SOURCE: b"test", **{k.replace("_", "-"): v for k, v in headers.items()}}
    return RawMessage(value, heads, topic="wire.raw", partition=0, offset=7, timestamp_ms=0)


def stories(count: int, extra: str = "") -> bytes:
    parts = [
        f"Council votes on water plan {n}\n\nLIMA (Wire) - The council in Lima voted on plan"
        f" {n} on Tuesday, officials said.\n"
        for n in range(count)
    ]
    return (extra + "\n".join(parts)).encode()


# -- point 1: evidence capped, records bounded ---------------------------------------------


def test_evidence_keeps_the_strongest_mentions_and_counts_the_rest() -> None:
    body = "Officials met on Tuesday. " + "They spoke of Paris and of Lima again. " * 300
    item = WireItem(uri="u", headlines=[Headline("Talks in Cairo")], bodies=[Body(body)])
    geo = tagger().tag(item)
    assert len(geo.evidence) == MAX_EVIDENCE
    assert geo.omitted == 600 + 1 - MAX_EVIDENCE
    # The headline mention weighs most and is kept; the rest stay in text order.
    assert geo.evidence[0].text == "Cairo"
    starts = [(e.field, e.start) for e in geo.evidence]
    assert starts == sorted(starts, key=lambda fs: (fs[0] != "headline", fs[1]))


def test_the_cap_drops_the_lightest_mentions_wherever_they_are() -> None:
    body = (
        "Officials met on Tuesday.\n\n"
        + "French officials spoke in Paris. " * 80
        + "Talks went on in France and Peru. " * 40
    )
    item = WireItem(uri="u", headlines=[Headline("Talks in Cairo")], bodies=[Body(body)])
    capped = tagger().tag(item)
    uncapped = GeoTagger(tagger().table, tagger()._gaz, max_evidence=10**6).tag(item)
    assert len(uncapped.evidence) == 241 and capped.omitted == 141
    kept = {(e.field, e.start) for e in capped.evidence}
    left = [e for e in uncapped.evidence if (e.field, e.start) not in kept]
    # The 80 "French" (demonym, 0.6) go first although they come early in the text.
    assert min(e.weight for e in capped.evidence) >= max(e.weight for e in left)
    assert sum(e.text == "French" for e in capped.evidence) == 0
    assert capped.evidence == [e for e in uncapped.evidence if (e.field, e.start) in kept]
    assert capped.regions == uncapped.regions and capped.focus == uncapped.focus


def test_the_capped_evidence_is_valid_and_counted_in_the_item() -> None:
    [item] = pipeline().prepare(raw(b"Paris " * 1_500))
    doc = item.to_json()["wirestream"]
    assert len(doc["evidence"]) == MAX_EVIDENCE
    assert doc["evidence_omitted"] == 1_500 - MAX_EVIDENCE
    assert WireItem.from_json(item.to_json()).ext.evidence_omitted == doc["evidence_omitted"]
    # Without the cap this item was ~20x its input (about 117 bytes per mention).
    [record] = pipeline().stage1_records(raw(b"Paris " * 20_000))
    assert len(record.value) < 2 * 6 * 20_000


def test_an_item_over_the_record_bound_is_a_too_large_output_dead_letter() -> None:
    limit = STAGE2_HEADROOM + 50_000
    p = pipeline(max_message_bytes=limit, producer_batch_bytes=4096)
    text = b"A council met on Tuesday to talk about the roads. " * 2000  # 100 kB, one item
    with pytest.raises(OutputTooLarge) as caught:
        p.stage1_records(raw(text))
    assert caught.value.reason == "too-large-output"
    # wire inspect runs prepare: it must see the same dead letter, not a routed item.
    with pytest.raises(OutputTooLarge):
        p.prepare(raw(text))
    # Just under the bound it goes through.
    assert p.stage1_records(raw(text[: len(text) // 4]))


def test_stage_two_checks_its_own_records() -> None:
    p = pipeline(max_message_bytes=STAGE2_HEADROOM + 50_000, producer_batch_bytes=4096)
    [item] = p.prepare(raw(b"A council met on Tuesday. " * 1000))
    assert p.route(item)
    item.ext.related_to = "urn:x:" + "y" * (STAGE2_HEADROOM + 50_000)
    with pytest.raises(OutputTooLarge):
        p.route(item)


def test_every_stage_one_record_is_under_the_bound() -> None:
    p = pipeline()
    records = p.stage1_records(raw(stories(50)))
    assert len(records) == 50
    assert all(record_bytes(r) <= p.output.stage1_record_bytes for r in records)
    assert p.output.stage1_record_bytes == p.output.max_record_bytes - STAGE2_HEADROOM


def test_a_small_record_limit_still_leaves_most_of_it_to_stage_one() -> None:
    small = OutputLimits(max_record_bytes=40_000)
    assert small.stage1_record_bytes == 30_000  # not 40,000 - 64 KiB < 0
    p = pipeline(max_message_bytes=40_000, producer_batch_bytes=4096)
    assert p.stage1_records(raw(stories(3)))


# -- point 3: amplification ------------------------------------------------------------------


def test_a_long_usage_notice_is_capped_and_shared_not_copied_per_item() -> None:
    notice = "Copyright 2026 Example Wire. " + "All rights reserved, and more. " * 2000
    result = parse(raw(stories(20, extra=notice + "\n\n")))
    terms = {id(i.usageterms) for i in result.items}
    assert len(result.items) == 20
    assert len(terms) == 1  # one string shared by every item
    usage = result.items[0].usageterms
    assert usage is not None and usage.startswith("Copyright 2026") and usage.endswith("…")
    assert len(usage) <= MAX_NOTICE_CHARS
    # The cut text is reported as dropped, so nothing goes missing silently.
    assert any(d.endswith("All rights reserved, and more.") for d in result.dropped)


def test_a_feed_channel_copyright_and_title_are_capped() -> None:
    entries = "".join(
        f"<item><title>Plan {n}</title><guid>urn:ex:{n}</guid>"
        f"<description>The council in Lima voted on plan {n}.</description></item>"
        for n in range(30)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{"T" * 50_000}</title>'
        f"<copyright>Copyright {'x' * 200_000}</copyright>{entries}</channel></rss>"
    )
    items = parse(raw(feed.encode())).items
    assert len(items) == 30
    for item in items:
        assert item.copyrightnotice is not None
        assert len(item.copyrightnotice) <= MAX_NOTICE_CHARS
        assert all(len(s.name) <= MAX_NAME_CHARS for s in item.infosources)
    # The whole payload's output stays proportionate (it was 30 x 250 kB before).
    assert sum(len(r.value) for r in pipeline().stage1_records(raw(feed.encode()))) < 1_000_000


def test_header_fields_are_capped_in_lineage_and_uri() -> None:
    message = raw(stories(20), wire_source=b"s" * 100_000, wire_filename=b"f" * 500_000)
    items = pipeline().prepare(message)
    for item in items:
        lineage = item.ext.lineage
        assert lineage is not None and lineage.filename is not None
        assert len(lineage.filename) <= MAX_FILENAME_CHARS
        assert len(lineage.source) <= MAX_SOURCE_CHARS
        assert len(item.uri) < 2 * MAX_SOURCE_CHARS
    # The raw message itself keeps its headers whole (its dead letter would carry them).
    assert len(message.headers[H_FILENAME]) == 500_000


def test_headers_count_in_the_raw_size_limit() -> None:
    limits = ParseLimits(max_raw_bytes=10_000)
    value = stories(5)
    assert len(value) < 5_000
    parse(raw(value), limits)
    with pytest.raises(LimitExceeded) as caught:
        parse(raw(value, wire_filename=b"f" * (10_000 - len(value))), limits)
    assert caught.value.reason == "too-large"


def test_total_output_of_one_message_is_bounded_by_the_ratio_setting() -> None:
    value = stories(40)
    assert pipeline().stage1_records(raw(value))
    # Amplification beyond ratio x raw + overhead per item is refused as a whole.
    tight = pipeline(max_output_ratio=0.5, output_item_overhead=0)
    with pytest.raises(OutputTooLarge) as caught:
        tight.stage1_records(raw(value))
    assert "WIRE_MAX_OUTPUT_RATIO" in caught.value.message


def test_many_stories_and_two_long_notices_stay_within_the_default_budget() -> None:
    # The 3.9 MB case at a tenth of the size: 100 stories, two ~190 kB notices.
    filler = "Copyright notice text that goes on. " * 5300
    value = (
        f"Copyright 2026 Example Wire. {filler}\n\n"
        + stories(100).decode()
        + f"\nCopyright (c) Example Wire, all rights. {filler}\n"
    ).encode()
    p = pipeline()
    records = p.stage1_records(raw(value))
    assert len(records) == 100
    total = sum(record_bytes(r) for r in records)
    assert total <= p.output.budget(len(value), len(records))
    assert total < len(value)  # was 100 x 380 kB = 38 MB before the notices were capped
