"""Every topic name and its shape, declared once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from streams.core.geo.regions import RegionTable
from streams.settings import Settings

UNLOCATED = "unlocated"
#: Extra room on the dead-letter topic over ``max.message.bytes`` of the others: a dead letter
#: is the raw record plus its reason headers (about 200 bytes, up to ~4.3 KB with a long error
#: message), so a raw record at exactly the limit must still fit as a dead letter.
DEAD_LETTER_HEADROOM = 64 * 1024


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    replication: int
    config: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Topics:
    """Names of the service's topics for one settings prefix and region table."""

    prefix: str
    regions: tuple[str, ...]

    @property
    def raw(self) -> str:
        return f"{self.prefix}.raw"

    @property
    def items(self) -> str:
        """Parsed items re-keyed by uri, so all copies of a story meet on one partition."""
        return f"{self.prefix}.items"

    @property
    def duplicates(self) -> str:
        return f"{self.prefix}.duplicates"

    @property
    def dead_letter(self) -> str:
        return f"{self.prefix}.dead-letter"

    @property
    def ingest_ledger(self) -> str:
        """``wire ingest``'s memory of feed entries sent (compacted: one record per entry)."""
        return f"{self.prefix}.ingest-ledger"

    def region(self, region: str) -> str:
        return f"{self.prefix}.region.{region}"

    @property
    def region_topics(self) -> tuple[str, ...]:
        """Every regional topic, ``unlocated`` last."""
        return tuple(self.region(r) for r in (*self.regions, UNLOCATED))

    def label(self, topic: str) -> str:
        """A topic's short name for people: the region of a regional topic, else the name
        without the prefix (``duplicates``, ``dead-letter``)."""
        return region_of_topic(topic, self) or topic.removeprefix(f"{self.prefix}.")

    @property
    def outputs(self) -> tuple[str, ...]:
        return (*self.region_topics, self.duplicates, self.dead_letter)

    def specs(self, settings: Settings) -> list[TopicSpec]:
        big = (("max.message.bytes", str(settings.max_message_bytes)),)
        dead = (("max.message.bytes", str(settings.max_message_bytes + DEAD_LETTER_HEADROOM)),)
        rf = settings.replication
        specs = [
            TopicSpec(self.raw, settings.raw_partitions, rf, big),
            TopicSpec(self.items, settings.items_partitions, rf, big),
            TopicSpec(self.dead_letter, settings.output_partitions, rf, dead),
            TopicSpec(self.duplicates, settings.output_partitions, rf, big),
        ]
        specs.extend(TopicSpec(t, settings.output_partitions, rf, big) for t in self.region_topics)
        compact = (("cleanup.policy", "compact"), *big)
        specs.append(TopicSpec(self.ingest_ledger, 1, rf, compact))
        return specs


def build_topics(settings: Settings, regions: tuple[str, ...] | None = None) -> Topics:
    """Topic names; the region names come from the region table (no gazetteer needed)."""
    if regions is None:
        path = Path(settings.region_table) if settings.region_table else None
        regions = RegionTable.load(path).regions
    return Topics(settings.topic_prefix, regions)


def region_of_topic(topic: str, topics: Topics) -> str | None:
    prefix = topics.region("")
    return topic[len(prefix) :] if topic.startswith(prefix) else None


def names(specs: Iterable[TopicSpec]) -> list[str]:
    return [s.name for s in specs]
