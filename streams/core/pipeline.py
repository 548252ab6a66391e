"""The pure pipeline, stage by stage, with no Kafka in sight.

Stage 1 (:meth:`Pipeline.prepare`) turns one raw message into canonical items:
parse, lineage, geo. It is stateless, so it scales with ``wire.raw`` partitions.
Stage 2 (:meth:`Pipeline.decide` / :meth:`Pipeline.remember`) is the stateful
dedup step; the worker runs it on ``wire.items`` keyed by uri so every copy of
a story meets the same state. ``wire inspect`` runs both back to back.

The hand-off: stage 1 computes the item's dedup features and sends them in a header
(:mod:`streams.core.dedup.handoff`), with a second header that says where the routing fields
start in its document; stage 2 (:meth:`Pipeline.routable`, :meth:`Pipeline.decide_routable`)
decides from them and writes the routed record by splicing the routing fields onto the
stage-1 bytes, already validated by stage 1: the document is neither parsed nor validated
twice. A record whose splice header does not verify is parsed (unkeyed) or rebuilt and
validated (keyed); one without the dedup header (older code) takes the full path.
"""

from __future__ import annotations

import hashlib
import struct
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Protocol, get_args

from streams import jsonio
from streams.core import lang
from streams.core.deadletter import DeadLetter
from streams.core.dedup import Decision, Deduper, handoff
from streams.core.dedup.deduper import REVISION_SIGNALS, Features
from streams.core.geo import GeoResult, GeoTagger
from streams.core.identity import NO_ALIASES, SourceAliases
from streams.core.model import Lineage, RawMessage, Status, WireItem
from streams.core.parse import DEFAULT_LIMITS, ParseLimits, parse_payload
from streams.core.topics import Topics
from streams.errors import OutputTooLarge, SchemaViolation, WireError

Validator = Callable[[dict[str, object]], None]


class Tagger(Protocol):
    """What the pipeline calls of its tagger: :class:`GeoTagger`, or a test's stand-in (a
    class written in Python cannot subclass the compiled tagger, and the compiled pipeline
    would refuse any object but a ``GeoTagger`` in an attribute typed as one)."""

    def tag(self, item: WireItem) -> GeoResult: ...


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

    def __init__(
        self,
        topic: str,
        key: bytes | None,
        value: bytes,
        headers: tuple[tuple[str, bytes], ...] = (),
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (a frozen one sets each field by ``object.__setattr__``: about 5 k
        instructions a call); this one is compiled. The fields' order and defaults,
        checked by ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        object.__setattr__(self, "topic", topic)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "headers", headers)


#: The last millisecond of 9999-12-31, the latest instant an ISO 8601 year (and ``datetime``)
#: can hold. Kafka timestamps are any 64-bit number a producer chose.
MAX_TIMESTAMP_MS = 253_402_300_799_999
#: How far an item's own clock may sit from its record's (``WIRE_MAX_CLOCK_SKEW_HOURS``).
DEFAULT_SKEW_MS = 24 * 3_600_000


#: Below 2**32 seconds (2106), ``ms / 1000`` is within 0.25 us of the exact instant, so
#: ``datetime.fromtimestamp`` reads exactly ``ms`` milliseconds: :func:`iso_ms` writes those
#: digits itself there (about a tenth of the instructions: one call a raw message).
_ISO_EXACT_MS: Final = 2**32 * 1000
_TWO: Final = tuple(f"{n:02d}" for n in range(100))
_THREE: Final = tuple(f"{n:03d}" for n in range(1000))


def iso_ms(ms: int) -> str:
    """``ms`` since the epoch as ISO 8601 UTC with milliseconds (``...T10:00:00.000Z``)."""
    if not 0 <= ms < _ISO_EXACT_MS:
        return (
            datetime.fromtimestamp(ms / 1000, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
    days, rest = divmod(ms, 86_400_000)
    # The civil date of a day number (H. Hinnant's days-to-civil, proleptic Gregorian).
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1_460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    hour, rest = divmod(rest, 3_600_000)
    minute, rest = divmod(rest, 60_000)
    second, milli = divmod(rest, 1_000)
    return (
        f"{year}-{_TWO[month]}-{_TWO[day]}T{_TWO[hour]}:{_TWO[minute]}:{_TWO[second]}"
        f".{_THREE[milli]}Z"
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


def event_time_ms(
    item: WireItem | None, reference: int, skew_ms: int = DEFAULT_SKEW_MS, own: int | None = None
) -> int:
    """Event time for the dedup window: the item's own time, within ``skew_ms`` of ``reference``.

    An item clock is whatever the sender wrote: unbounded, one ``9999-12-31`` item would be
    remembered forever and, as the eviction clock, sweep the whole window. Clamped, a wrong
    clock moves its own item by at most the skew, and nothing else. Without ``item``, its
    clock is ``own`` (stage 2's cheap path reads it from the hand-off).
    """
    if item is not None:
        own = item_time_ms(item)
    if own is None:
        return reference
    return min(max(own, reference - skew_ms), reference + skew_ms)


_STATUSES = frozenset(get_args(Status))
_URI_FIELDS = ("duplicate_of", "update_of", "related_to")


@dataclass(slots=True)
class Routable:
    """A ``wire.items`` record read for stage 2 (:meth:`Pipeline.routable`).

    The splice path (a verified splice header) keeps only the stage-1 bytes before the
    routing tail, ``head``: nothing is parsed. The parsed paths keep the stage-1 ``doc`` and
    the ``features`` from the dedup header, and the full path (a record from older code)
    the parsed ``item`` as well.
    """

    key: bytes
    features: Features
    doc: dict[str, Any] | None
    item: WireItem | None = None
    #: The regions routed to, once decided (a kill's include its original's).
    regions: list[str] = field(default_factory=list)
    head: bytes | None = None
    #: The splice path's :func:`item_view` (the worker's dashboard reads it, :func:`read_view`).
    view: bytes | None = None
    #: The routed document's bytes and the decision, once decided.
    routed: bytes | None = None
    decision: Decision | None = None

    def __init__(
        self,
        key: bytes,
        features: Features,
        doc: dict[str, Any] | None,
        item: WireItem | None = None,
        regions: list[str] | None = None,
        head: bytes | None = None,
        view: bytes | None = None,
        routed: bytes | None = None,
        decision: Decision | None = None,
    ) -> None:
        """Written out, not generated: the compiled core runs a generated ``__init__``
        interpreted (about 4 k instructions a call); this one is compiled. The fields'
        order and defaults (a factory's for ``None``), checked by
        ``tests/unit/core/test_dataclass_inits.py``; bench/README.md, session 26."""
        self.key = key
        self.features = features
        self.doc = doc
        self.item = item
        self.regions = [] if regions is None else regions
        self.head = head
        self.view = view
        self.routed = routed
        self.decision = decision

    def document(self) -> dict[str, Any]:
        """The routed document parsed (for the dashboard): only the splice path pays here."""
        if self.doc is None:
            if self.routed is None:
                raise ValueError("the record is not decided yet")
            self.doc = jsonio.loads(self.routed)
        return self.doc


class Pipeline:
    """The whole pure pipeline, built once from its parts by the composition root."""

    def __init__(
        self,
        topics: Topics,
        tagger: GeoTagger | Tagger,
        deduper: Deduper,
        limits: ParseLimits = DEFAULT_LIMITS,
        validator: Validator | None = None,
        output: OutputLimits | None = None,
        *,
        max_skew_ms: int = DEFAULT_SKEW_MS,
        aliases: SourceAliases = NO_ALIASES,
        timer: StageTimer | None = None,
        handoff_key: bytes = b"",
    ) -> None:
        #: Keys the splice header's digest (``WIRE_HANDOFF_KEY``; see ``handoff.splice_key``).
        self.splice_key = handoff.splice_key(handoff_key)
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
        out = []
        for item in items:
            value = self.encode(item)
            out.append(
                Outbound(self.topics.items, item.uri.encode(), value, self.handoff(item, value))
            )
        return out

    def handoff(self, item: WireItem, value: bytes) -> tuple[tuple[str, bytes], ...]:
        """The headers stage 2 decides from: the dedup features of ``item`` and, when its
        encoding ``value`` ends with the stage-1 tail, the splice header (what stage 2 reads
        of the document, where the routing fields go, bound to ``value`` by a digest)."""
        cfg = self.deduper.config
        features = self.deduper.features(item, item_time_ms(item))
        dedup = (handoff.HEADER, handoff.encode(features, cfg.shingle, cfg.sketch_size))
        splice = handoff.splice_encode(
            value,
            dedup=dedup[1],
            uri=item.uri,
            version=item.version,
            pubstatus=item.pubstatus,
            revises=bool(REVISION_SIGNALS.intersection(item.ext.signals)),
            regions=item.ext.regions,
            view=item_view(item, value),
            key=self.splice_key,
        )
        if splice is None:
            return (dedup,)
        return (dedup, (handoff.SPLICE_HEADER, splice))

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
            value = self.encode(item)
            record = Outbound(
                self.topics.items, item.uri.encode(), value, self.handoff(item, value)
            )
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

    # -- stage 2 from a wire.items record (the worker) -------------------------------------------
    def routable(self, value: bytes, headers: Mapping[str, bytes]) -> Routable:
        """Read a ``wire.items`` record for :meth:`decide_routable`: its document and its
        dedup features, from the stage-1 header if it has one (else from the parsed item).

        With a splice header written for exactly ``value`` (:func:`handoff.splice_decode`)
        the document is not parsed at all; otherwise it is, as records from older code are.
        """
        raw = headers.get(handoff.HEADER)
        cfg = self.deduper.config
        splice = (
            None
            if raw is None
            else handoff.splice_decode(
                headers.get(handoff.SPLICE_HEADER), value, raw, self.splice_key
            )
        )
        if raw is not None and splice is not None:
            features = handoff.decode(
                raw,
                uri=splice.uri,
                version=splice.version,
                pubstatus=splice.pubstatus,
                revises=splice.revises,
                regions=splice.regions,
                shingle=cfg.shingle,
                size=cfg.sketch_size,
            )
            if features is not None:
                return Routable(
                    features.uri.encode(), features, None, head=splice.head, view=splice.view
                )
        doc = jsonio.loads(value)
        if not isinstance(doc, dict):
            raise SchemaViolation("a wire.items record is not a JSON object")
        ext = doc.get("wirestream")
        features = None
        if raw is not None and isinstance(ext, dict) and not self.splice_key:
            # Keyed, a worker's own record is spliced: one that did not verify was not written
            # (or not left as written) by a worker, so neither its dedup header nor its
            # document is trusted; the full path recomputes the features and validates the
            # whole item. Unkeyed, the header is trusted as before the splice existed.
            try:
                features = handoff.decode(
                    raw,
                    uri=doc["uri"],
                    version=int(doc.get("version", 1)),
                    pubstatus=doc.get("pubstatus", "usable"),
                    revises=bool(REVISION_SIGNALS.intersection(ext.get("signals", ()))),
                    regions=ext.get("regions", ()),
                    shingle=cfg.shingle,
                    size=cfg.sketch_size,
                )
            except (KeyError, TypeError, ValueError):
                features = None
        if features is not None:
            return Routable(features.uri.encode(), features, doc)
        item = WireItem.from_json(doc)
        features = self.deduper.features(item, item_time_ms(item))
        return Routable(item.uri.encode(), features, doc, item)

    def prefetch(self, batch: list[Routable]) -> None:
        """Read the dedup state a batch's decisions need, in one store pass."""
        self.deduper.prefetch([r.features for r in batch])

    def decide_routable(self, r: Routable, now_ms: int) -> tuple[Decision, list[Outbound]]:
        """:meth:`decide` for a ``wire.items`` record; the store is not written yet."""
        if r.item is not None:  # the full path: a record without the hand-off header
            decision, records = self.decide(r.item, now_ms)
            r.regions = r.item.ext.regions
            r.routed = records[0].value
            return decision, records
        f = r.features
        decision = self.deduper.decide(f, self._event_time(f, now_ms))
        r.decision = decision
        if r.head is not None:
            return decision, self._splice(r, decision)
        assert r.doc is not None
        ext = r.doc["wirestream"]
        ext["status"] = decision.status
        for name in ("duplicate_of", "update_of", "related_to", "similarity"):
            value = getattr(decision, name)
            if value is None:
                ext.pop(name, None)
            else:
                ext[name] = value
        regions = list(f.regions)
        if decision.regions:
            own = [x for x in regions if x != "unlocated"]
            regions = ext["regions"] = list(dict.fromkeys([*decision.regions, *own]))
        r.regions = regions
        _check_routing(ext)  # the rest of the document was validated by stage 1
        r.routed = jsonio.dumps(r.doc)
        return decision, self._records(r.key, r.routed, decision.status, regions)

    def _splice(self, r: Routable, decision: Decision) -> list[Outbound]:
        """The routed record of a spliceable ``r``: its stage-1 bytes up to the tail, then
        the routing fields in ``WireItem.to_json``'s order, so the bytes are the full path's."""
        assert r.head is not None
        regions = list(r.features.regions)
        if decision.regions:
            own = [x for x in regions if x != "unlocated"]
            regions = list(dict.fromkeys([*decision.regions, *own]))
        r.regions = regions
        routing: dict[str, Any] = {"regions": regions, "status": decision.status}
        # ``ROUTING_OPTIONAL`` in order, read as attributes (a compiled class's fields), not
        # by ``getattr`` of their names.
        if decision.duplicate_of is not None:
            routing["duplicate_of"] = decision.duplicate_of
        if decision.update_of is not None:
            routing["update_of"] = decision.update_of
        if decision.related_to is not None:
            routing["related_to"] = decision.related_to
        if decision.similarity is not None:
            routing["similarity"] = decision.similarity
        _check_routing(routing)  # the rest of the document was validated by stage 1
        fields = jsonio.dumps(routing)  # b'{"regions":...}': its braces are not needed
        r.routed = b"".join((r.head, b",", memoryview(fields)[1:], b"}"))
        return self._records(r.key, r.routed, decision.status, regions)

    def remember_routable(self, r: Routable, decision: Decision, now_ms: int) -> None:
        """Call only after every record from :meth:`decide_routable` was delivered."""
        if r.item is not None:
            self.remember(r.item, decision, now_ms)
            return
        event = self._event_time(r.features, now_ms)
        self.deduper.remember(r.features, decision, event, regions=r.regions)

    def eviction_time_routable(self, r: Routable, now_ms: int) -> int:
        """:meth:`eviction_time` of a ``wire.items`` record."""
        return min(self._event_time(r.features, now_ms), now_ms)

    def _event_time(self, f: Features, now_ms: int) -> int:
        return event_time_ms(None, now_ms, self.max_skew_ms, own=f.clock_ms)

    def route(self, item: WireItem) -> list[Outbound]:
        """The item's records; :class:`OutputTooLarge` if one would be over the record bound."""
        ext = item.ext
        return self._records(item.uri.encode(), self.encode(item), ext.status, ext.regions)

    def _records(self, key: bytes, value: bytes, status: str, regions: list[str]) -> list[Outbound]:
        size = len(key) + len(value) + RECORD_OVERHEAD
        if size > self.output.max_record_bytes:
            raise OutputTooLarge(
                f"the routed item would be a {size}-byte record, over the"
                f" {self.output.max_record_bytes}-byte bound (WIRE_MAX_MESSAGE_BYTES)"
            )
        if status == "duplicate":
            return [Outbound(self.topics.duplicates, key, value)]
        regions = regions or ["unlocated"]
        return [Outbound(self.topics.region(r), key, value) for r in dict.fromkeys(regions)]

    def encode(self, item: WireItem) -> bytes:
        """The item as it goes on a topic, checked against the published schema first.

        A violation is our bug, raised as :class:`~streams.errors.SchemaViolation` so the
        input is dead-lettered rather than a malformed item reaching a desk.
        """
        doc, typed = item.to_json_typed(fragments=True)
        validator = self.validator
        if validator is not None:
            if typed:
                # The evidence, focus and lineage objects (about 21 + 2 + 1 an item, 80% of
                # the schema's work) were vouched for by their values' types as they were
                # built; the validator sees the rest of the document, without them (empty
                # lists in their place, no lineage), in a copy of ``wirestream`` put in its
                # place and taken out again.
                ext = doc["wirestream"]
                rest = dict(ext)
                rest["evidence"] = []
                rest["focus"] = []
                rest.pop("lineage", None)
                doc["wirestream"] = rest
                try:
                    validator(doc)
                finally:
                    doc["wirestream"] = ext
            else:
                validator(doc)
        return jsonio.dumps(doc)

    def dead_letter(self, raw: RawMessage, error: WireError) -> Outbound:
        """The raw bytes untouched, with the reason and where they came from in headers."""
        where = (raw.topic, raw.partition, raw.offset)
        value, headers = DeadLetter.of(raw.value, raw.headers, error, where).encode()
        return Outbound(self.topics.dead_letter, None, value, headers)


def _span(value: bytes, anchor: bytes, enc: bytes, after: int = 0) -> tuple[int, int]:
    """Where ``enc`` sits in ``value`` right after the first ``anchor`` past ``after``.

    A key's quotes are escaped inside JSON strings, so ``anchor`` (a key with its quotes)
    is found only as the key itself; the bytes found are compared with ``enc`` besides.
    """
    at = value.find(anchor, after)
    if at < 0:
        raise LookupError(anchor)
    start = at + len(anchor)
    if value[start : start + len(enc)] != enc:
        raise LookupError(anchor)
    return start, start + len(enc)


#: The view's anchors (:func:`item_view`). Every key of a document is written by
#: ``WireItem.to_json`` (no free-form objects), and a quote inside a JSON string is escaped,
#: so each anchor occurs once in a document, where that key is written.
_HEADLINE_AT: Final = b',"headlines":[{"value":'
_LINEAGE_AT: Final = b',"lineage":{"topic":'
_RECEIVED_AT: Final = b',"received":'
_SOURCE_AT: Final = b',"source":'


def item_view(item: WireItem, value: bytes) -> bytes:
    """What the worker's dashboard shows of a routed item besides its routing, as offsets
    into its stage-1 document ``value`` (:data:`handoff.VIEW`): sent in the splice header so
    that stage 2 does not parse the record for it. All zeros when not found (the worker then
    parses the record, as for older records)."""
    lineage = item.ext.lineage
    h0 = h1 = r0 = r1 = s0 = s1 = 0
    try:
        if item.headline:
            h0, h1 = _span(value, _HEADLINE_AT, jsonio.dumps(item.headline))
        if lineage is not None:
            # Lineage sits near the document's end (before the dropped texts and the routing
            # tail): sought from there, the one occurrence is found without reading the body.
            at = value.rfind(_LINEAGE_AT)
            if at < 0:
                raise LookupError("lineage")
            source = jsonio.dumps(lineage.source)
            if lineage.received is not None:
                r0, r1 = _span(value, _RECEIVED_AT, jsonio.dumps(lineage.received), at)
                # ``source`` is written right after ``received``: read there, sought otherwise.
                s0 = r1 + len(_SOURCE_AT)
                s1 = s0 + len(source)
                if value[r1:s0] != _SOURCE_AT or value[s0:s1] != source:
                    s0, s1 = _span(value, _SOURCE_AT, source, at)
            else:
                s0, s1 = _span(value, _SOURCE_AT, source, at)
        return handoff.VIEW.pack(h0, h1, r0, r1, s0, s1, len(item.ext.dropped), item.body_chars)
    except (LookupError, struct.error):
        return bytes(handoff.VIEW_SIZE)


def read_view(view: bytes, doc: bytes) -> dict[str, Any] | None:
    """:func:`item_view` read back against the document: headline, received, source,
    dropped, body_chars; ``None`` if it is empty or does not fit ``doc``."""
    if len(view) != handoff.VIEW_SIZE or not any(view):
        return None
    h0, h1, r0, r1, s0, s1, dropped, chars = handoff.VIEW.unpack(view)
    out: dict[str, Any] = {"dropped": dropped, "body_chars": chars}
    for name, start, stop, default in (
        ("headline", h0, h1, ""),
        ("received", r0, r1, None),
        ("source", s0, s1, "unknown"),
    ):
        if start == stop == 0:
            out[name] = default
            continue
        if not 0 < start < stop <= len(doc):
            return None
        try:
            text = jsonio.loads(doc[start:stop])
        except ValueError:
            return None
        if not isinstance(text, str):
            return None
        out[name] = text
    return out


def _check_routing(ext: Mapping[str, Any]) -> None:
    """The fields stage 2 sets, against the item schema (the rest was checked in stage 1)."""
    similarity = ext.get("similarity")
    if (
        ext.get("status") not in _STATUSES
        or not all(isinstance(ext.get(n, ""), str) for n in _URI_FIELDS)
        or (similarity is not None and not 0 <= similarity <= 1)
        or not all(isinstance(r, str) for r in ext.get("regions", ()))
    ):
        raise SchemaViolation("wire-item/1 schema violated by the routing fields")


def _now_ms() -> int:
    return int(time.time() * 1000)
