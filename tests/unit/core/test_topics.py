from streams.core.topics import Topics, region_of_topic
from streams.settings import Settings


def test_names_follow_the_prefix() -> None:
    t = Topics("wire", ("europe", "africa"))
    assert t.raw == "wire.raw"
    assert t.region_topics == ("wire.region.europe", "wire.region.africa", "wire.region.unlocated")
    assert t.outputs[-2:] == ("wire.duplicates", "wire.dead-letter")
    assert region_of_topic("wire.region.africa", t) == "africa"
    assert region_of_topic("wire.raw", t) is None


def test_specs_have_explicit_partitions_and_room_for_big_payloads() -> None:
    s = Settings.from_env({}, raw_partitions=6, output_partitions=3, replication=1)
    specs = {spec.name: spec for spec in Topics("wire", ("emea",)).specs(s)}
    assert set(specs) == {
        "wire.raw",
        "wire.items",
        "wire.dead-letter",
        "wire.duplicates",
        "wire.region.emea",
        "wire.region.unlocated",
        "wire.ingest-ledger",
    }
    assert dict(specs["wire.ingest-ledger"].config)["cleanup.policy"] == "compact"
    assert specs["wire.raw"].partitions == 6
    assert specs["wire.region.emea"].partitions == 3
    max_bytes = int(dict(specs["wire.dead-letter"].config)["max.message.bytes"])
    assert max_bytes > s.max_raw_bytes


def test_a_dead_letter_of_a_raw_record_at_exactly_the_limit_fits_its_topic() -> None:
    from streams.core.dedup import Deduper, MemoryStore
    from streams.core.geo import GeoTagger
    from streams.core.model import H_FILENAME, H_SOURCE, RawMessage
    from streams.core.pipeline import Outbound, Pipeline, record_bytes
    from streams.errors import ParseError

    s = Settings.from_env({})
    topics = Topics("wire", ("emea",))
    limit = {spec.name: int(dict(spec.config)["max.message.bytes"]) for spec in topics.specs(s)}
    headers = {H_SOURCE: b"agency", H_FILENAME: b"name.txt"}
    as_sent = Outbound(topics.raw, b"key", b"", tuple(headers.items()))
    value = b"x" * (limit[topics.raw] - record_bytes(as_sent))
    raw = RawMessage(value, headers, topic=topics.raw, partition=3, offset=123_456_789)
    assert (
        record_bytes(Outbound(topics.raw, b"key", value, tuple(headers.items())))
        == limit[topics.raw]
    )
    pipeline = Pipeline(topics, GeoTagger(("emea",)), Deduper(MemoryStore()))
    dead = pipeline.dead_letter(raw, ParseError("e" * 10_000, reason="too-large"))
    assert dead.value == value  # the raw bytes untouched
    assert record_bytes(dead) > limit[topics.raw]  # it would not fit the raw topic's limit ...
    assert record_bytes(dead) <= limit[topics.dead_letter]  # ... and fits the dead-letter one
