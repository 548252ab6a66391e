"""The pure pipeline, stage by stage, with no Kafka in sight.

Stage 1 (:meth:`Pipeline.prepare`) turns one raw message into canonical items:
parse, lineage, geo. It is stateless, so it scales with ``wire.raw`` partitions.
Stage 2 (:meth:`Pipeline.decide` / :meth:`Pipeline.remember`) is the stateful
dedup step; the worker runs it on ``wire.items`` keyed by uri so every copy of
a story meets the same state. ``wire inspect`` runs both back to back.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from streams import jsonio
from streams.core import lang
from streams.core.dedup import Decision, Deduper
from streams.core.geo import GeoTagger
from streams.core.model import (
    H_ERROR,
    H_RAW_OFFSET,
    H_RAW_PARTITION,
    H_RAW_TOPIC,
    H_REASON,
    Lineage,
    RawMessage,
    WireItem,
)
from streams.core.parse import DEFAULT_LIMITS, ParseLimits, parse_payload
from streams.errors import WireError
from streams.topics import Topics

Validator = Callable[[dict[str, object]], None]


@dataclass(frozen=True, slots=True)
class Outbound:
    """One record to produce: the shell sends it as is."""

    topic: str
    key: bytes | None
    value: bytes
    headers: tuple[tuple[str, bytes], ...] = ()


def iso_ms(ms: int) -> str:
    return (
        datetime.fromtimestamp(ms / 1000, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def event_time_ms(item: WireItem, default_ms: int) -> int:
    """Event time for the dedup window: the item's own time if it has one, else arrival time."""
    for stamp in (item.versioncreated, item.firstcreated):
        if stamp:
            try:
                parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            except ValueError:
                continue
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return int(parsed.timestamp() * 1000)
    return default_ms


class Pipeline:
    """The whole pure pipeline, built once from its parts by the composition root."""

    def __init__(
        self,
        topics: Topics,
        tagger: GeoTagger,
        deduper: Deduper,
        limits: ParseLimits = DEFAULT_LIMITS,
        validator: Validator | None = None,
    ) -> None:
        self.topics = topics
        self.tagger = tagger
        self.deduper = deduper
        self.limits = limits
        self.validator = validator

    # -- stage 1: stateless ------------------------------------------------------------------
    def prepare(self, raw: RawMessage) -> list[WireItem]:
        """Parse and geo-tag one raw message; raises :class:`WireError` for a dead letter."""
        items = parse_payload(raw, self.limits)
        sha = hashlib.sha256(raw.value).hexdigest()
        received = iso_ms(raw.timestamp_ms if raw.timestamp_ms is not None else _now_ms())
        for index, item in enumerate(items):
            item.ext.lineage = Lineage(
                topic=raw.topic,
                partition=raw.partition,
                offset=raw.offset,
                index=index,
                raw_sha256=sha,
                received=received,
                source=raw.source,
                filename=raw.filename,
            )
            if not item.language:
                # Geo picks its inflection rules by language; feeds that send none get a guess.
                item.language = lang.detect(f"{item.headline}\n{item.body[: lang.SAMPLE_CHARS]}")
            geo = self.tagger.tag(item)
            item.ext.regions = geo.regions
            item.ext.focus = geo.focus
            item.ext.evidence = geo.evidence
        return items

    def item_records(self, items: list[WireItem]) -> list[Outbound]:
        """Stage 1 output: each item keyed by uri onto ``wire.items``."""
        return [Outbound(self.topics.items, item.uri.encode(), self.encode(item)) for item in items]

    # -- stage 2: stateful -------------------------------------------------------------------
    def decide(self, item: WireItem, now_ms: int) -> tuple[Decision, list[Outbound]]:
        """Dedup decision and the records it implies; the store is not written yet."""
        decision = self.deduper.decide(item, event_time_ms(item, now_ms))
        ext = item.ext
        ext.status = decision.status
        ext.duplicate_of = decision.duplicate_of
        ext.update_of = decision.update_of
        ext.related_to = decision.related_to
        ext.similarity = decision.similarity
        return decision, self.route(item)

    def remember(self, item: WireItem, decision: Decision, now_ms: int) -> None:
        """Call only after every record from :meth:`decide` was delivered."""
        self.deduper.remember(item, decision, event_time_ms(item, now_ms))

    def evict(self, now_ms: int) -> int:
        """Forget stories older than the dedup window (event time); returns how many."""
        return self.deduper.evict(now_ms)

    def route(self, item: WireItem) -> list[Outbound]:
        key = item.uri.encode()
        value = self.encode(item)
        if item.ext.status == "duplicate":
            return [Outbound(self.topics.duplicates, key, value)]
        regions = item.ext.regions or ["unlocated"]
        return [Outbound(self.topics.region(r), key, value) for r in dict.fromkeys(regions)]

    def encode(self, item: WireItem) -> bytes:
        """The item as it goes on a topic, checked against the published schema first.

        A violation is our bug, raised as :class:`~streams.errors.SchemaViolation` so the
        input is dead-lettered rather than a malformed item reaching a desk.
        """
        doc = item.to_json()
        if self.validator is not None:
            self.validator(doc)
        return jsonio.dumps(doc)

    def dead_letter(self, raw: RawMessage, error: WireError) -> Outbound:
        """The raw bytes untouched, with the reason and where they came from in headers."""
        headers = [
            (k, v)
            for k, v in raw.headers.items()
            if not k.startswith("wire-raw-") and k not in (H_REASON, H_ERROR)
        ]
        headers += [
            (H_REASON, error.reason.encode()),
            (H_ERROR, error.message.encode("utf-8", "replace")[:4000]),
            (H_RAW_TOPIC, raw.topic.encode()),
            (H_RAW_PARTITION, str(raw.partition).encode()),
            (H_RAW_OFFSET, str(raw.offset).encode()),
        ]
        return Outbound(self.topics.dead_letter, None, raw.value, tuple(headers))


def _now_ms() -> int:
    return int(time.time() * 1000)
