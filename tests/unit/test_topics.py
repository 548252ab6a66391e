from streams.settings import Settings
from streams.topics import Topics, region_of_topic


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
