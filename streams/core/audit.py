"""Reconcile raw input with outputs: is every raw message accounted for, and nothing doubled?

Pure: the shell reads the topics and hands over plain records. A raw message is
accounted for when each item it holds (re-derived by parsing it again, which is
deterministic) appears on a regional topic or on the duplicates topic, or when a
dead letter points back at its offset. An item doubled on a regional topic is the
same (uri, raw offset, item index) on the same topic twice.

In exactly-once mode a routed story's dedup record is committed in the transaction that
routes it, so the shell may also hand over the dedup changelog (:class:`StateRecord`): a
story on a regional topic whose record was never written was routed with no dedup state,
and any redo of its ``wire.items`` record would be routed again instead of recorded as a
duplicate (2026-12-04: a parse crash dropped the route batch's pending writes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from streams.core.dedup import story_id

Kind = Literal["region", "duplicate", "dead-letter"]


@dataclass(frozen=True, slots=True)
class RawInfo:
    """What a raw message should have produced: ``items`` items, or a dead letter if ``None``."""

    partition: int
    offset: int
    items: int | None


@dataclass(frozen=True, slots=True)
class OutputRecord:
    topic: str
    kind: Kind
    raw_partition: int
    raw_offset: int
    index: int = 0
    uri: str = ""
    #: for a duplicate record: the uri it repeats
    duplicate_of: str | None = None
    #: the item's version (ninjs ``version``): a later version of a routed story needs a
    #: dedup record that has seen it
    version: int = 1


@dataclass(frozen=True, slots=True)
class StateRecord:
    """One record of the dedup changelog: its key, and for a story record the uri it holds
    and the highest version it has seen (``v``).

    ``uri`` is None for a tombstone (an eviction) or a record that holds no story.
    """

    key: str
    uri: str | None = None
    version: int = 1


@dataclass
class AuditReport:
    raw_messages: int = 0
    routed_records: int = 0
    duplicate_records: int = 0
    dead_letters: int = 0
    #: (raw partition, raw offset, item index or -1 for a whole message) with no output at all
    missing: list[tuple[int, int, int]] = field(default_factory=list)
    #: (topic, uri, raw partition, raw offset, index) seen more than once, with the count
    doubled: dict[tuple[str, str, int, int, int], int] = field(default_factory=dict)
    #: (raw partition, raw offset, index) routed under more than one uri, with the uris: a
    #: redo that named its story anew, which a consumer dropping repeats by uri cannot drop
    renamed: dict[tuple[int, int, int], list[str]] = field(default_factory=dict)
    #: outputs pointing at raw offsets not in the raw topic (foreign or truncated input)
    orphans: int = 0
    #: duplicate records whose original never reached a regional topic: a story lost
    #: behind a duplicate verdict (e.g. state committed while its outputs were not)
    unrouted_originals: list[str] = field(default_factory=list)
    #: (raw partition, raw offset, item index) with more than one output record in all
    #: (regional or duplicate): work redone after its outputs were committed. Dedup absorbs
    #: it as a duplicate, so nothing reaches a desk twice, but it is not exactly once.
    redone: dict[tuple[int, int, int], int] = field(default_factory=dict)
    #: uris on a regional topic whose dedup story record was never written to the committed
    #: changelog (exactly-once only: at-least-once may be killed between outputs and state),
    #: or never with the routed version: ``uri@vN`` for a later version routed while the
    #: record still holds an earlier one. A tombstone after the record (an eviction) is fine:
    #: only "never written" counts.
    routed_without_state: list[str] = field(default_factory=list)
    #: whether the changelog was handed over at all (else ``routed_without_state`` is empty
    #: because nothing was checked)
    state_checked: bool = False

    @property
    def ok(self) -> bool:
        return (
            not self.missing
            and not self.doubled
            and not self.renamed
            and not self.unrouted_originals
            and not self.routed_without_state
        )

    def summary(self) -> str:
        return (
            f"raw={self.raw_messages} routed_records={self.routed_records} "
            f"duplicates={self.duplicate_records} dead_letters={self.dead_letters} "
            f"missing={len(self.missing)} doubled={len(self.doubled)} orphans={self.orphans} "
            f"renamed={len(self.renamed)} "
            f"unrouted_originals={len(self.unrouted_originals)} redone={len(self.redone)}"
            + (
                f" routed_without_state={len(self.routed_without_state)}"
                if self.state_checked
                else ""
            )
        )


def reconcile(
    raws: Iterable[RawInfo],
    outputs: Iterable[OutputRecord],
    state: Iterable[StateRecord] | None = None,
) -> AuditReport:
    """Account for every raw message; with ``state`` (the dedup changelog, read_committed),
    also check that every routed story's dedup record was written."""
    report = AuditReport()
    seen: Counter[tuple[str, str, int, int, int]] = Counter()
    items_out: set[tuple[int, int, int]] = set()
    duplicated: Counter[tuple[int, int, int]] = Counter()
    routed_items: set[tuple[int, int, int]] = set()
    dead: set[tuple[int, int]] = set()
    routed_uris: set[str] = set()
    routed_versions: set[tuple[str, int]] = set()
    uris_of: dict[tuple[int, int, int], set[str]] = {}
    originals: set[str] = set()
    for rec in outputs:
        if rec.kind == "dead-letter":
            report.dead_letters += 1
            dead.add((rec.raw_partition, rec.raw_offset))
            continue
        if rec.kind == "region":
            report.routed_records += 1
            routed_uris.add(rec.uri)
            routed_versions.add((rec.uri, rec.version))
            seen[(rec.topic, rec.uri, rec.raw_partition, rec.raw_offset, rec.index)] += 1
            uris_of.setdefault((rec.raw_partition, rec.raw_offset, rec.index), set()).add(rec.uri)
        else:
            report.duplicate_records += 1
            if rec.duplicate_of:
                originals.add(rec.duplicate_of)
        items_out.add((rec.raw_partition, rec.raw_offset, rec.index))
        if rec.kind == "duplicate":
            duplicated[(rec.raw_partition, rec.raw_offset, rec.index)] += 1
        else:
            routed_items.add((rec.raw_partition, rec.raw_offset, rec.index))
    known: set[tuple[int, int]] = set()
    for raw in raws:
        report.raw_messages += 1
        key = (raw.partition, raw.offset)
        known.add(key)
        if key in dead:
            continue
        if raw.items is None:
            report.missing.append((raw.partition, raw.offset, -1))
            continue
        report.missing.extend(
            (raw.partition, raw.offset, i)
            for i in range(raw.items)
            if (raw.partition, raw.offset, i) not in items_out
        )
    report.orphans = sum(1 for p, o, _ in items_out if (p, o) not in known) + sum(
        1 for k in dead if k not in known
    )
    report.doubled = {k: n for k, n in seen.items() if n > 1}
    report.renamed = {k: sorted(u) for k, u in uris_of.items() if len(u) > 1}
    report.unrouted_originals = sorted(originals - routed_uris)
    report.redone = {
        k: n + (k in routed_items) for k, n in duplicated.items() if n + (k in routed_items) > 1
    }
    if state is not None:
        report.state_checked = True
        report.routed_without_state = without_state(routed_versions, state)
    return report


def without_state(routed: Iterable[tuple[str, int]], state: Iterable[StateRecord]) -> list[str]:
    """The routed (uri, version) pairs with no story record ever written under
    ``"s:" + story_id(uri)`` holding that uri at that version or later.

    The record must hold the uri itself (story ids are 48 bits: a record of another uri
    under the same key is not this story's state). Its ``v`` is the highest version the
    deduper has seen, so a routed version above every written ``v`` was routed with no
    state: a redo of it would be routed again instead of recorded as a duplicate. A uri
    with no record at all is named alone; a missing later version as ``uri@vN``.
    Tombstones are ignored: an eviction deletes a record that was written, which is
    legitimate.
    """
    best: dict[tuple[str, str], int] = {}
    for rec in state:
        if rec.uri is not None:
            k = (rec.key, rec.uri)
            best[k] = max(best.get(k, rec.version), rec.version)
    out: set[str] = set()
    for uri, version in routed:
        seen = best.get(("s:" + story_id(uri), uri))
        if seen is None:
            out.add(uri)
        elif version > seen:
            out.add(f"{uri}@v{version}")
    return sorted(out)
