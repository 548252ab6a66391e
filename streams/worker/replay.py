"""Skip events a worker has already processed: Faust replays its buffers after a rebalance.

On a rebalance Faust seeks every partition back to its committed offset, but events it
fetched before the rebalance can still reach the agents, so the same offsets arrive
twice (seen here: a hundred raw messages per partition parsed twice in one run). And
records fetched from a position read before the previous owner's last commit became
visible arrive below the committed offset the consumer is finally sought to.

Both copies are valid input in order; whichever comes first is processed, the other is
skipped. An offset below one already processed, or below the committed offset, was
processed before, so skipping never drops unprocessed work, with one exception: work
that was aborted. Exactly-once mode calls :meth:`ReplayGuard.forget` when a transaction
is lost, before the seek, and the agents :meth:`ReplayGuard.rewind` a batch they abandon
(fenced), so the aborted events are processed again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Container,
    Hashable,
    Iterable,
    Mapping,
)
from typing import Any

from aiokafka.errors import IllegalStateError
from faust.tables.manager import TableManager
from faust.tables.recovery import RebalanceAgain, Recovery
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from faust.transport.drivers.aiokafka import Consumer as KafkaConsumer
from faust.transport.drivers.aiokafka import Transport as KafkaTransport
from mode.utils.queues import ThrowableQueue

from streams.settings import SHARED_FETCH_WAIT_MS
from streams.worker.drain import Room, drain_messages
from streams.worker.fetch import PromptFetchThread
from streams.worker.inflight import DEFAULT_INFLIGHT_BYTES, InFlight

log = logging.getLogger(__name__)

#: Seconds Faust's table recovery waits for a changelog record before a poll counts as idle
#: (Faust's own wait is 5 s): :class:`IdleBoundedQueue`.
RECOVERY_IDLE_S = 1.0


class ReplayGuard:
    """``exact``: exactly-once mode, where work past a committed offset is never done work.

    Its outputs committed with its offsets, so an offset at or past the committed one that
    this worker processed before (in an earlier generation, its transaction aborted since,
    or fenced when another producer took the partition's transactional id) has no outputs
    left and must be processed again: a seek sets the next offset to the committed one
    rather than keeping the highest seen, and a partition with no committed offset starts
    over. At-least-once keeps the highest seen: that work's outputs were sent.

    The committed offset a seek reads can be older than this worker's own last commit (a
    transaction's offsets show only once its markers are written), so an exact seek never
    goes below what this worker's own transactions committed (:meth:`committed`).
    """

    def __init__(self, *, exact: bool = False) -> None:
        self._next: dict[Hashable, int] = {}
        self._ours: dict[Hashable, int] = {}
        self.skipped = 0
        self.exact = exact

    def committed(self, offsets: Mapping[Any, int]) -> None:
        """This worker's transactions committed these next offsets: work below them is done."""
        for tp, offset in offsets.items():
            if offset > self._ours.get(tp, -1):
                self._ours[tp] = offset

    def fresh(self, tp: Hashable, offset: int) -> bool:
        """True the first time an offset (or a later one) of ``tp`` is seen."""
        if offset < self._next.get(tp, -1):
            self.skipped += 1
            return False
        self._next[tp] = offset + 1
        return True

    def seeked(self, tp: Hashable, offset: int) -> None:
        """The consumer now reads ``tp`` from its committed ``offset``: below it is done work
        the first time this worker reads ``tp`` (another worker did it); after that, only what
        this worker has seen is (at-least-once) or what its transactions committed (exact)."""
        if self.exact:
            self._next[tp] = max(offset, self._ours.get(tp, -1))
        elif tp not in self._next:
            self._next[tp] = offset
        # else: at-least-once keeps the highest offset this worker has seen, even when the
        # committed offset is further on. Faust can commit offsets its agent has not been
        # handed yet (seen 2026-12-03: committed 165 while the guard had seen up to 143, and
        # the 21 events in between, arriving after the seek, were skipped as done: lost).
        # An offset this worker never saw is processed when it arrives; one another worker
        # processed is at worst done again, and dedup records the repeat.

    def rewind(self, positions: Iterable[tuple[Hashable, int]]) -> None:
        """These offsets were abandoned (their outputs aborted): process them when seen again."""
        for tp, offset in positions:
            if offset < self._next.get(tp, -1):
                self._next[tp] = offset

    def forget(self) -> None:
        """Process everything again from wherever the consumer is positioned next."""
        self._next.clear()


class SeekEpochs:
    """How many times each partition was sought: a fetch answered before a seek of its
    partition holds records from the old position, and must not be delivered after it.

    Faust's fetch loop takes a jump in a partition's offsets as offsets that do not exist
    (``Consumer._add_gap``: acknowledged, so committed) and drops any record below the last
    one it delivered. So a batch fetched at the old position (past the committed offset)
    and delivered after a rebalance's seek made Faust acknowledge the records between the
    sought offset and the batch, and drop those records when the fetch from the sought
    offset brought them: they were committed and never processed (seen 2026-12-03: a seek
    to 36, records from 40 on delivered first, 36-39 committed unprocessed).
    """

    def __init__(self) -> None:
        self._count: dict[Hashable, int] = {}
        self.dropped = 0

    def bump(self, tps: Iterable[Hashable]) -> None:
        for tp in tps:
            self._count[tp] = self._count.get(tp, 0) + 1

    def snapshot(self) -> dict[Hashable, int]:
        return dict(self._count)

    def moved(self, snapshot: Mapping[Hashable, int], tp: Hashable) -> bool:
        """True if ``tp`` was sought since ``snapshot`` was taken."""
        return self._count.get(tp, 0) != snapshot.get(tp, 0)

    async def current(
        self,
        records: AsyncIterator[tuple[Any, Any]],
        reread: Callable[[Any, int], Awaitable[None]],
        seeking: Container[Any] = (),
    ) -> AsyncIterator[tuple[Any, Any]]:
        """The records of one fetch, less those of partitions sought since it was sent or
        being sought now (``seeking``: a seek counted before it runs, still running, so a
        fetch sent after the count can still hold records from the old position).

        A dropped record may also have been read *after* the seek (the fetch was waiting
        when it ran), so the partition is not left where it is: ``reread(tp, offset)``, once
        per partition, with the first dropped offset, seeks it back to be read again.
        """
        snapshot = self.snapshot()
        sent_back: set[Any] = set()
        async for tp, message in records:
            if self.moved(snapshot, tp) or tp in seeking:
                self.dropped += 1
                if tp not in sent_back:
                    sent_back.add(tp)
                    await reread(tp, message.offset)
                continue
            yield tp, message


def inflight_limit(transport: Any) -> int:
    """The fetch loop's byte bound for ``transport``: ``WIRE_INFLIGHT_BYTES`` with the inline
    hand-over, which enforces it (``streams.worker.drain``); 0 (none) with Faust's own loop."""
    if not getattr(transport, "inline_handover", False):
        return 0
    return int(getattr(transport, "inflight_bytes", DEFAULT_INFLIGHT_BYTES))


class SeekTrackingConsumer(KafkaConsumer):
    """Faust's consumer, telling the guard where each partition was sought to.

    Everything below a partition's committed offset is done work. Records fetched before
    the seek (at a position read before the previous owner's last commit was visible)
    can still reach the agents; the guard drops them.

    The seek runs with the agents' partitions paused. Faust resumes its flow right after
    a seek and that clears the streams' queues, so a record fetched from a sought
    position before then was dropped while the position had moved past it: lost for good
    (an item published while a worker started; about 1 run in 4 under load).

    A partition with no committed offset (or 0) is sought to its first offset too:
    aiokafka's ``seek_to_committed`` leaves such a partition where it is, so records
    fetched there with Faust's flow stopped were never read again.

    A fetch sent before a seek of its partition is not delivered after it (:class:`SeekEpochs`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seeks = SeekEpochs()
        #: Partitions a rebalance's seek (:meth:`perform_seek`) is moving right now (a
        #: count: Faust's fetch loop can start a seek while a rebalance's is running), and
        #: the first offset dropped meanwhile of those a dropped fetch asked to read again.
        self._seeking: Counter[Any] = Counter()
        self._reread_after: dict[Any, int] = {}
        #: Partitions paused by a running :meth:`perform_seek` (a count too: the first of two
        #: overlapping seeks to finish must not resume what the other still holds).
        self._holding: Counter[Any] = Counter()
        #: Partitions a seek of the current assignment would have resumed but another seek
        #: still held, with the rebalance count it was owed at: the last hold to go resumes
        #: them (a fetch-loop seek that a whole rebalance overtook can outlast the new
        #: assignment's seek, and would otherwise leave them paused until the next rebalance).
        self._owed: dict[Any, int] = {}
        #: With the inline hand-over: partitions whose buffer is at 80%, waited for by the
        #: fetch loop instead of taken out of the fetch (:meth:`on_buffer_full`).
        self.room = Room()
        #: With the inline hand-over: bytes handed to the agents and not yet acknowledged,
        #: which the fetch loop keeps under ``WIRE_INFLIGHT_BYTES`` (``streams.worker.inflight``).
        #: Faust's own loop (``WIRE_INLINE_HANDOVER=0``) has no such bound, so the limit is 0
        #: there and ``/wire/consumer`` does not show one that nothing enforces.
        self.inflight = InFlight(inflight_limit(self.transport))
        #: Faust's rebalance count when the last assignment's recovery was signalled, and
        #: when the assignment under way arrived (:meth:`rebalance_pending`).
        self._assigned_at = 0
        self._assigning = 0

    def rebalance_pending(self) -> bool:
        """A rebalance began and its assignment's recovery has not been signalled yet.

        Faust counts a rebalance (``app.rebalancing_count``) as soon as the consumer thread
        hears that partitions are revoked, before its revocation handler has stopped the flow.
        A table recovery of the previous assignment can finish in that window (seen
        2026-12-05: restored 55 ms into the revocation): Faust checks only that the
        generation has not changed, which it does at the assignment, so it resumed the flow and
        the old assignment's partitions in the middle of the rebalance, and the seek it ran
        resumed them again after the new assignment had paused them for its own recovery. The
        agents then worked on partitions during the new recovery, from positions the
        rebalance's seek later moved back under them: stories redone, and stories lost.

        It ends when the new assignment's recovery is signalled (:class:`AssignmentRecovery`),
        not when the assignment arrives: Faust makes the whole assignment active at once and
        pauses it only a few awaits later, and the old recovery runs on until the signal, so
        a resume or a seek in between would work on the new partitions unpaused.
        """
        return bool(self.app.rebalancing_count != self._assigned_at)

    async def on_partitions_assigned(self, assigned: set[Any], generation_id: int = 0) -> None:
        self._assigning = self.app.rebalancing_count
        try:
            await super().on_partitions_assigned(assigned, generation_id)
        finally:
            # Normally done already (recovery_signalled); if Faust's recovery skipped its
            # signal (a newer generation), the newer rebalance's count keeps it pending.
            self._assigned_at = self._assigning

    def recovery_signalled(self) -> None:
        """The assignment under way starts its recovery: from here Faust's own start-up
        resumes the flow and the partitions (:meth:`rebalance_pending`)."""
        self._assigned_at = self._assigning

    def resume_flow(self) -> None:
        # Only the new assignment's recovery resumes the flow (rebalance_pending).
        if self.rebalance_pending():
            log.info("a rebalance is under way: the flow stays stopped until its assignment")
            return
        super().resume_flow()

    def resume_partitions(self, tps: Iterable[Any]) -> None:
        if self.rebalance_pending():
            log.info("a rebalance is under way: partitions stay paused until its assignment")
            return
        super().resume_partitions(tps)

    async def _drain_messages(self, fetcher: Any) -> None:  # pragma: no cover - the broker's
        # Faust's fetch loop less its four tasks per record (streams/worker/drain.py), or with
        # WIRE_INLINE_HANDOVER=0 Faust's own.
        if getattr(self.transport, "inline_handover", False):
            await drain_messages(self, fetcher)
        else:
            await super()._drain_messages(fetcher)

    def on_buffer_full(self, tp: Any) -> None:
        # With the inline hand-over the fetch loop waits for the buffer to drop to 40%
        # instead (streams/worker/drain.py, "Back-pressure"): Faust's own reaction, taking
        # the partition out of the fetch until then, left the fetch loop waiting on the other
        # partitions (up to its 1 s timeout) and aiokafka holding the next fetch behind the
        # held partition's records, while the agents ran dry.
        if not getattr(self.transport, "inline_handover", False):
            super().on_buffer_full(tp)
        elif not self.app.in_recovery:  # as Faust: never held back while tables recover
            self.room.full(tp)

    def on_buffer_drop(self, tp: Any) -> None:
        self.room.drop(tp)
        super().on_buffer_drop(tp)

    def ack(self, message: Any) -> bool:
        acked = bool(super().ack(message))
        if message.acked:
            self.inflight.done(message)
        return acked

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[Any, Any]]:
        # The snapshot is taken before Faust sends the fetch (on the first record asked for).
        async for tp, message in self._not_stale(super().getmany(timeout)):
            yield tp, message

    def _not_stale(self, records: AsyncIterator[tuple[Any, Any]]) -> AsyncIterator[tuple[Any, Any]]:
        """A fetch's records, less those older than a seek of their partition."""
        return self.seeks.current(records, self._reread, self._seeking)

    async def _reread(self, tp: Any, offset: int) -> None:
        """Read ``tp`` again from ``offset``, or from where it was sought if that is lower.

        Faust reads a partition from its read offset and takes a jump past it as offsets
        that do not exist (committed): the consumer's position must never end up past it.
        """
        if tp not in self.assignment():
            return  # revoked meanwhile: its next owner reads it from the committed offset
        if tp in self._seeking:
            # The consumer thread is seeking it to its committed offset, and Faust reads it
            # from there once that is done: a seek now, from the read offset of before the
            # rebalance, could land after the thread's and leave the position past Faust's.
            self._reread_after[tp] = min(offset, self._reread_after.get(tp, offset))
            return
        # None: sought to 0 (Faust keeps a read offset of 0 as None), so read from the start.
        position = self._read_offset.get(tp) or 0
        target = min(offset, position)
        log.info("fetch older than the seek of %s: reading it again from %d", tp, target)
        try:
            await self.seek(tp, target)
        except IllegalStateError as exc:
            # Revoked in the consumer thread since the check above (aiokafka refuses to seek
            # a partition it no longer owns): its next owner reads it from the committed
            # offset. Raised, it would stop Faust's fetch loop (until the next rebalance).
            log.info("%s revoked before it could be read again: %s", tp, exc)

    async def seek(self, partition: Any, offset: int) -> None:
        # Before the seek only (``SeekEpochs.current``); the agents' partitions only: table
        # recovery seeks its changelog partitions and keeps its own account of them.
        if self.app.topics.acks_enabled_for(partition.topic):
            self.seeks.bump([partition])
        await super().seek(partition, offset)

    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return PromptFetchThread(self, loop=self.loop, beacon=self.beacon)

    @property
    def replays(self) -> ReplayGuard:
        """The guard the transport was built with (Faust builds the consumer itself)."""
        transport = self.transport
        assert isinstance(transport, ReplayTransport)
        return transport.replays

    async def perform_seek(self) -> None:
        # A seek for an assignment a rebalance has since replaced (rebalance_pending) is
        # refused, and one a rebalance overtook resumes nothing: RebalanceAgain makes Faust's
        # recovery drop the rest of the old assignment's start-up (resuming the flow, "worker
        # ready") and wait for the new one. Faust's fetch loop, which also seeks when the flow
        # is stopped, logs it and goes on.
        began = self.app.rebalancing_count
        if self.rebalance_pending():
            raise RebalanceAgain("a rebalance is under way: not seeking for the old assignment")
        acking = self.app.topics.acks_enabled_for
        # Those another seek holds are paused already (no longer active): held here too.
        held = {tp for tp in self._get_active_partitions() if acking(tp.topic)} | {*self._holding}
        self._holding.update(held)
        self.pause_partitions(held)
        # Only the agents' partitions: seek_to_committed leaves a table's changelog partition
        # without a committed offset where it is, so its records would not be read again.
        sought = {tp for tp in {*self.assignment(), *self._read_offset} if acking(tp.topic)}
        self.seeks.bump(sought)  # a fetch sent before the seek is stale (never after: see seek)
        self._seeking.update(sought)
        try:
            await super().perform_seek()
            if self.app.rebalancing_count != began:
                # The positions are the new assignment's seek's to set: this one's committed
                # offsets may be older than work the new assignment has done since (exactly
                # once, in its open transaction), and the guard must not take them.
                raise RebalanceAgain("a rebalance began during the seek: the new assignment seeks")
            assigned = self.assignment()
            uncommitted = []
            for tp, offset in list(self._read_offset.items()):
                if offset:
                    self.replays.seeked(tp, offset)
                elif tp in assigned and acking(tp.topic):
                    uncommitted.append(tp)
            for tp in uncommitted:
                await self.seek(tp, 0)  # 0 gone to retention resets to the earliest offset
                self.replays.seeked(tp, 0)  # exactly-once: what this worker did there was aborted
            if uncommitted:
                log.info("no committed offset: reading %s from the start", sorted(uncommitted))
        finally:
            self._seeking -= Counter(sought)
            try:
                # A fetch dropped during the seek may have been read after the thread sought
                # its partition: read those again, now from where Faust reads them (the
                # committed offset; if the seek failed, the read offset it left).
                for tp in sorted(tp for tp in self._reread_after if tp not in self._seeking):
                    await self._reread(tp, self._reread_after.pop(tp))
            finally:
                # Even if a re-read failed: a count left behind would keep these partitions
                # paused through every later seek.
                self._holding -= Counter(held)
                self._release(held, began)
        if self.app.rebalancing_count != began:
            raise RebalanceAgain("a rebalance began during the seek: the new assignment seeks")

    def _release(self, held: set[Any], began: int) -> None:
        """Resume what a finished seek held, unless a rebalance overtook it, and what a seek
        of the current assignment left to the last hold, once nobody holds it."""
        count = self.app.rebalancing_count
        if count == began:
            free = {tp for tp in held if tp not in self._holding}
            self._owed.update((tp, count) for tp in held - free)
        else:
            free = set()
        for tp, at in list(self._owed.items()):
            if tp not in self._holding:
                del self._owed[tp]
                if at == count:
                    free.add(tp)
        if free:
            assigned = self.assignment()
            self.resume_partitions({tp for tp in free if tp in assigned})


class AssignmentRecovery(Recovery):
    """Faust's table recovery, telling the consumer the moment a new assignment's recovery is
    signalled (the end of :meth:`SeekTrackingConsumer.rebalance_pending`). Faust calls it on
    every assignment, tables or not, and sets its signal with no await in between."""

    async def on_rebalance(
        self, assigned: Any, revoked: Any, newly_assigned: Any, generation_id: int = 0
    ) -> None:
        consumer = self.app.consumer
        if isinstance(consumer, SeekTrackingConsumer):
            consumer.recovery_signalled()
        await super().on_rebalance(assigned, revoked, newly_assigned, generation_id)


class IdleBoundedQueue(ThrowableQueue[Any]):
    """The changelog queue, whose ``get`` gives up after ``idle_s`` seconds without a record.

    Its only reader is Faust's recovery loop, which waits ``wait_for(get(), 5.0)`` and, in
    exactly-once mode, ends a recovery whose changelog's last offset is a transaction marker
    (never delivered, so the table's offset stays one short of the highwater) only after two
    such timeouts in a row, and only if the consumer's position has reached the highwater by
    then: about 10 s added to every exactly-once recovery (every restart, every rebalance).
    Faust's "two polls" guard against records the consumer thread has fetched (position
    advanced) but not yet queued: a hand-over between threads, milliseconds. Bounding the
    wait here makes those two polls ``idle_s`` each; a record arriving resets the count, as
    before. At-least-once recovery does not look at timeouts (no markers)."""

    idle_s: float = RECOVERY_IDLE_S

    async def get(self) -> Any:
        return await asyncio.wait_for(super().get(), self.idle_s)


class AssignmentTableManager(TableManager):
    """Faust's table manager with :class:`AssignmentRecovery` (``faust.App(TableManager=...)``)
    and the changelog queue an :class:`IdleBoundedQueue`."""

    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = AssignmentRecovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery

    @property
    def changelog_queue(self) -> ThrowableQueue[Any]:
        # Faust's own property, with the bounded queue (same size, same flow control).
        if self._changelog_queue is None:
            self._changelog_queue = IdleBoundedQueue(
                maxsize=self.app.conf.stream_buffer_maxsize,
                flow_control=self.app.flow_control,
                clear_on_resume=True,
            )
        return self._changelog_queue


class ReplayTransport(KafkaTransport):
    """Faust's Kafka transport, built with the worker's replay guard.

    Faust constructs the consumer and the transaction manager itself, from class
    attributes of the transport; they read their collaborators from the transport
    instance, which the composition root builds with explicit arguments.
    """

    Consumer = SeekTrackingConsumer

    def __init__(
        self,
        url: Any,
        app: Any,
        *,
        replays: ReplayGuard,
        fetch_wait_ms: int = SHARED_FETCH_WAIT_MS,
        inline_handover: bool = False,
        inflight_bytes: int = DEFAULT_INFLIGHT_BYTES,
    ) -> None:
        super().__init__(url, app)
        self.replays = replays
        #: The broker-side fetch wait, ms, the consumer thread gives its consumer.
        self.fetch_wait_ms = fetch_wait_ms
        #: Hand fetched records over inline (``WIRE_INLINE_HANDOVER``).
        self.inline_handover = inline_handover
        #: The inline hand-over's bound on unacknowledged bytes (``WIRE_INFLIGHT_BYTES``).
        self.inflight_bytes = inflight_bytes
