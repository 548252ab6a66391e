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
from streams.core.deadletter import DeadLetter
from streams.core.dedup import Decision, Deduper
from streams.core.geo import GeoTagger
from streams.core.identity import NO_ALIASES, SourceAliases
from streams.core.model import (
    Lineage,
    RawMessage,
    WireItem,
)
from streams.core.parse import DEFAULT_LIMITS, ParseLimits, parse_payload
from streams.core.topics import Topics
from streams.errors import OutputTooLarge, WireError

Validator = Callable[[dict[str, object]], None]
#: Called with a stage's name and its seconds (``geo`` per item): the worker's statistics.
StageTimer = Callable[[str, float], None]

#: Bytes a record costs on the broker beyond its key, value and headers (batch header and
#: record framing are under 100; the rest is margin).
RECORD_OVERHEAD = 512
#: Room left in a stage-1 record for what stage 2 adds (status, duplicate_of / update_of /
#: related_to uris, similarity); stage 2 checks its own records against the full bound.
STAGE2_HEADROOM = 64 * 1024


@dataclass(frozen=True, slots=True)
class OutputLimits:
    """Hard bounds on what the pipeline sends, checked before anything is sent.

    ``max_record_bytes`` is the output topics' ``max.message.bytes``: a record over it would
    be refused by Kafka (and before this check, crash-looped the worker). The budget bounds
    amplification: all item records of one raw message together get at most ``ratio`` times
    the raw size plus ``item_overhead`` bytes per item.
    """

    max_record_bytes: int = 16 * 1024 * 1024
    ratio: float = 4.0
    item_overhead: int = 32 * 1024

    def budget(self, raw_bytes: int, items: int) -> int:
        return int(self.ratio * raw_bytes) + self.item_overhead * items

    @property
    def stage1_record_bytes(self) -> int:
        """The bound of a stage-1 record: room left for stage 2, at most a quarter of it."""
        return self.max_record_bytes - min(STAGE2_HEADROOM, self.max_record_bytes // 4)


def record_bytes(record: Outbound) -> int:
    """What ``record`` weighs against a topic's ``max.message.bytes`` (an upper estimate)."""
    head = sum(len(k.encode()) + len(v) for k, v in record.headers)
    return len(record.key or b"") + len(record.value) + head + RECORD_OVERHEAD


@dataclass(frozen=True, slots=True)
class Outbound:
    """One record to produce: the shell sends it as is."""

    topic: str
    key: bytes | None
    value: bytes
    headers: tuple[tuple[str, bytes], ...] = ()


#: The last millisecond of 9999-12-31, the latest instant an ISO 8601 year (and ``datetime``)
#: can hold. Kafka timestamps are any 64-bit number a producer chose.
MAX_TIMESTAMP_MS = 253_402_300_799_999
#: How far an item's own clock may sit from its record's (``WIRE_MAX_CLOCK_SKEW_HOURS``).
DEFAULT_SKEW_MS = 24 * 3_600_000


def iso_ms(ms: int) -> str:
    return (
        datetime.fromtimestamp(ms / 1000, UTC)
        .isoformat(timespec="milliseconds")
        .replace("+00:00", "Z")
    )


def record_time_ms(timestamp_ms: int | None) -> int | None:
    """A Kafka record timestamp if it is a real instant (1970 to 9999), else ``None``.

    Producers may set any 64-bit value; one past 9999 used to fail every date conversion
    downstream (an internal-error dead letter). Such a timestamp is ignored, as if absent.
    """
    if timestamp_ms is None or not 0 <= timestamp_ms <= MAX_TIMESTAMP_MS:
        return None
    return timestamp_ms


def reference_ms(timestamp_ms: int | None, wall_ms: int, skew_ms: int = DEFAULT_SKEW_MS) -> int:
    """The clock an event is judged by: its record timestamp, else the wall clock (arrival).

    The record timestamp keeps replays deterministic; one more than ``skew_ms`` ahead of the
    wall clock (a producer's clock or a hostile value) is not believed, and arrival is used.
    """
    stamp = record_time_ms(timestamp_ms)
    if stamp is None or stamp > wall_ms + skew_ms:
        return wall_ms
    return stamp


def item_time_ms(item: WireItem) -> int | None:
    """The item's own clock (``versioncreated``, else ``firstcreated``), unbounded."""
    for stamp in (item.versioncreated, item.firstcreated):
        if stamp:
            try:
                parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
            except ValueError:
                continue
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            return int(parsed.timestamp() * 1000)
    return None


def event_time_ms(item: WireItem, reference: int, skew_ms: int = DEFAULT_SKEW_MS) -> int:
    """Event time for the dedup window: the item's own time, within ``skew_ms`` of ``reference``.

    An item clock is whatever the sender wrote: unbounded, one ``9999-12-31`` item would be
    remembered forever and, as the eviction clock, sweep the whole window. Clamped, a wrong
    clock moves its own item by at most the skew, and nothing else.
    """
    own = item_time_ms(item)
    if own is None:
        return reference
    return min(max(own, reference - skew_ms), reference + skew_ms)


class Pipeline:
    """The whole pure pipeline, built once from its parts by the composition root."""

    def __init__(
        self,
        topics: Topics,
        tagger: GeoTagger,
        deduper: Deduper,
        limits: ParseLimits = DEFAULT_LIMITS,
        validator: Validator | None = None,
        output: OutputLimits | None = None,
        *,
        max_skew_ms: int = DEFAULT_SKEW_MS,
        aliases: SourceAliases = NO_ALIASES,
        timer: StageTimer | None = None,
    ) -> None:
        self.max_skew_ms = max_skew_ms
        #: Told how long geo took per item, so stage 1 time splits into parse and geo.
        self.timer = timer
        self.aliases = aliases
        self.topics = topics
        self.tagger = tagger
        self.deduper = deduper
        self.limits = limits
        self.validator = validator
        self.output = output or OutputLimits()

    # -- stage 1: stateless ------------------------------------------------------------------
    def prepare(self, raw: RawMessage) -> list[WireItem]:
        """Parse and geo-tag one raw message; raises :class:`WireError` for a dead letter.

        The output bounds are checked here too (by encoding), so ``wire inspect`` reports a
        payload the worker would dead-letter as a dead letter.
        """
        return [item for item, _ in self._stage1(raw)]

    def stage1_records(self, raw: RawMessage) -> list[Outbound]:
        """Stage 1 as the worker runs it: the ``wire.items`` records of one raw message,
        each encoded once and checked against the bounds; or a :class:`WireError`."""
        return [record for _, record in self._stage1(raw)]

    def item_records(self, items: list[WireItem]) -> list[Outbound]:
        """Stage 1 output: each item keyed by uri onto ``wire.items`` (not bound-checked)."""
        return [Outbound(self.topics.items, item.uri.encode(), self.encode(item)) for item in items]

    def _stage1(self, raw: RawMessage) -> list[tuple[WireItem, Outbound]]:
        items = parse_payload(raw, self.limits, self.aliases.namespace(raw.source))
        sha = hashlib.sha256(raw.value).hexdigest()
        stamp = record_time_ms(raw.timestamp_ms)
        received = iso_ms(stamp if stamp is not None else _now_ms())
        source, filename = raw.source, raw.filename  # capped, and shared by every item
        raw_bytes = raw.size
        budget = self.output.budget(raw_bytes, len(items))
        max_item = self.output.stage1_record_bytes
        total = 0
        out: list[tuple[WireItem, Outbound]] = []
        for index, item in enumerate(items):
            item.ext.lineage = Lineage(
                topic=raw.topic,
                partition=raw.partition,
                offset=raw.offset,
                index=index,
                raw_sha256=sha,
                received=received,
                source=source,
                filename=filename,
            )
            if not item.language:
                # Geo picks its inflection rules by language; feeds that send none get a guess.
                item.language = lang.detect(f"{item.headline}\n{item.body[: lang.SAMPLE_CHARS]}")
            started = time.perf_counter()
            geo = self.tagger.tag(item)
            if self.timer is not None:
                self.timer("geo", time.perf_counter() - started)
            item.ext.regions = geo.regions
            item.ext.focus = geo.focus
            item.ext.evidence = geo.evidence
            item.ext.evidence_omitted = geo.omitted
            record = Outbound(self.topics.items, item.uri.encode(), self.encode(item))
            size = record_bytes(record)
            if size > max_item:
                raise OutputTooLarge(
                    f"item {index} would be a {size}-byte record, over the {max_item}-byte"
                    " bound (WIRE_MAX_MESSAGE_BYTES less room for routing fields)"
                )
            total += size
            if total > budget:
                raise OutputTooLarge(
                    f"the {len(items)} items of this {raw_bytes}-byte message come to over"
                    f" {budget} bytes ({self.output.ratio:g} x raw + "
                    f"{self.output.item_overhead} per item; WIRE_MAX_OUTPUT_RATIO,"
                    " WIRE_OUTPUT_ITEM_OVERHEAD)"
                )
            out.append((item, record))
        return out

    # -- stage 2: stateful -------------------------------------------------------------------
    def event_time(self, item: WireItem, now_ms: int) -> int:
        """The item's clock bounded by ``now_ms`` (its record's time) ± the configured skew."""
        return event_time_ms(item, now_ms, self.max_skew_ms)

    def decide(self, item: WireItem, now_ms: int) -> tuple[Decision, list[Outbound]]:
        """Dedup decision and the records it implies; the store is not written yet.

        ``now_ms`` is the event's reference time (:func:`reference_ms`), not the item's clock.
        """
        decision = self.deduper.decide(item, self.event_time(item, now_ms))
        ext = item.ext
        ext.status = decision.status
        ext.duplicate_of = decision.duplicate_of
        ext.update_of = decision.update_of
        ext.related_to = decision.related_to
        ext.similarity = decision.similarity
        if decision.regions:
            # A kill reaches every desk its original went to; its own text may name no place.
            own = [r for r in ext.regions if r != "unlocated"]
            ext.regions = list(dict.fromkeys([*decision.regions, *own]))
        return decision, self.route(item)

    def remember(self, item: WireItem, decision: Decision, now_ms: int) -> None:
        """Call only after every record from :meth:`decide` was delivered."""
        self.deduper.remember(item, decision, self.event_time(item, now_ms))

    def eviction_time(self, item: WireItem, now_ms: int) -> int:
        """How far this item may move the eviction clock: never past its record's time.

        An item dated ahead (within the skew) is remembered ahead, but sweeping the window by
        its clock would forget up to a skew's worth of other stories too early.
        """
        return min(self.event_time(item, now_ms), now_ms)

    def evict(self, now_ms: int) -> int:
        """Forget stories older than the dedup window (event time); returns how many.

        Buckets further ahead than clamping allows (state written before it, such as a
        ``9999-12-31`` story) go too; the margin (a window) covers out-of-order records.
        """
        return self.deduper.evict(now_ms, future_ms=self.deduper.window_ms + 2 * self.max_skew_ms)

    def route(self, item: WireItem) -> list[Outbound]:
        """The item's records; :class:`OutputTooLarge` if one would be over the record bound."""
        key = item.uri.encode()
        value = self.encode(item)
        size = len(key) + len(value) + RECORD_OVERHEAD
        if size > self.output.max_record_bytes:
            raise OutputTooLarge(
                f"the routed item would be a {size}-byte record, over the"
                f" {self.output.max_record_bytes}-byte bound (WIRE_MAX_MESSAGE_BYTES)"
            )
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
        where = (raw.topic, raw.partition, raw.offset)
        value, headers = DeadLetter.of(raw.value, raw.headers, error, where).encode()
        return Outbound(self.topics.dead_letter, None, value, headers)


def _now_ms() -> int:
    return int(time.time() * 1000)
