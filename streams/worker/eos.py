"""Exactly-once on Faust: our own transactional producers behind Faust's hooks.

Faust 0.15.3 runs one transactional producer per assigned source partition and
commits offsets inside those transactions, but its bookkeeping breaks under faults:

1. It picks the producer by the *destination* partition of the topic sent to, so a
   send to a topic the app does not consume (our regional topics) finds no
   producer (upstream #323, #440). We pick it by the *source* partition of the
   event being processed, which is the correct transaction for that event.
2. Its periodic commit can run while an event is half processed, splitting the
   event's outputs across two transactions; a crash in between doubles them.
   :class:`CommitGate` lets a commit run only between events, and what it commits is
   the offsets of events the agents reported finished inside the gate, never Faust's
   acknowledgements (which also cover batches abandoned after a fence).
3. Table changelog writes go through a background buffer and can miss the
   transaction of their event (upstream #517). We send the dedup table's changelog
   records ourselves, inside their event (so into its transaction), and await them
   before finishing the event (:class:`~streams.worker.tables.TableStore`).
4. On a rebalance it never commits the revoked partitions' work (it forgets their
   acknowledgements first), keeps fenced producers, swallows errors from
   begin/commit and then commits offsets past events whose outputs were aborted:
   the lost items of a worker kill between two live workers. :class:`TransactionBook`
   owns the producers instead: it tracks finished events itself, commits every
   transaction when partitions are revoked, never commits a transaction that lost an
   output ("lost", aborted at once so that it stops holding back the last stable offset),
   and at the next assignment replaces lost producers and rebuilds
   the tables from the committed changelog. A lost transaction that no rebalance
   clears up (a commit that failed while we kept the partition) stops the worker,
   unacknowledged, so that a restart re-reads from the committed offset.

Local RocksDB state is written immediately, ahead of the transaction, and Faust
trusts it on every (re)assignment; so exactly-once workers keep tables in memory
and rebuild them from the read_committed changelog (:func:`store_for`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from faust.streams import current_event
from faust.transport.consumer import TransactionManager
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread
from mode import Service

from streams.kafka.classify import TransactionLost, is_refused
from streams.settings import LOST_TRANSACTION_GRACE_S, SHARED_FETCH_WAIT_MS
from streams.worker.delivery import exit_worker
from streams.worker.fetch import PromptFetchThread
from streams.worker.inflight import DEFAULT_INFLIGHT_BYTES
from streams.worker.replay import ReplayGuard, ReplayTransport, SeekTrackingConsumer

log = logging.getLogger(__name__)


class CommitGate:
    """Many events in flight, or one commit: never both."""

    def __init__(self) -> None:
        self._active = 0
        self._committing = False
        self._cond: asyncio.Condition | None = None

    @property
    def cond(self) -> asyncio.Condition:
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    @contextlib.asynccontextmanager
    async def event(self) -> AsyncIterator[None]:
        async with self.cond:
            await self.cond.wait_for(lambda: not self._committing)
            self._active += 1
        try:
            yield
        finally:
            async with self.cond:
                self._active -= 1
                self.cond.notify_all()

    @contextlib.asynccontextmanager
    async def commit(self) -> AsyncIterator[None]:
        async with self.cond:
            await self.cond.wait_for(lambda: not self._committing)
            self._committing = True
            await self.cond.wait_for(lambda: self._active == 0)
        try:
            yield
        finally:
            async with self.cond:
                self._committing = False
                self.cond.notify_all()


class TxnProducer(Protocol):
    """The part of aiokafka's transactional producer the book uses."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def begin_transaction(self) -> None: ...

    async def commit_transaction(self) -> None: ...

    async def abort_transaction(self) -> None: ...

    async def send_offsets_to_transaction(self, offsets: Any, group_id: str) -> None: ...

    async def send(self, topic: str, value: Any = None, **kwargs: Any) -> Any: ...

    async def flush(self) -> None: ...


@dataclass
class _Txn:
    producer: TxnProducer
    open: bool = False
    lost: str | None = None
    lost_at: float = 0.0
    #: Held while the book commits, begins or aborts on the producer: aiokafka allows one
    #: transition at a time (an abort during a commit is an invalid state transition).
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class TransactionBook:
    """One transactional producer per source partition, and the rule for committing them.

    Pure of Faust: the manager below feeds it finished events and rebalances, so the
    rules are unit-tested with fake producers.
    """

    def __init__(
        self,
        new_producer: Callable[[str], TxnProducer],
        group_id: str,
        *,
        lost_grace_s: float = LOST_TRANSACTION_GRACE_S,
        on_fatal: Callable[[str], None] = exit_worker,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._new_producer = new_producer
        self.group_id = group_id
        self.lost_grace_s = lost_grace_s
        self.on_fatal = on_fatal
        self.clock = clock
        self.txns: dict[str, _Txn] = {}
        self.done: dict[Any, int] = {}  # source TP -> next offset to commit
        self.committed: dict[Any, int] = {}
        self.state_suspect = False
        #: Aborts of lost transactions under way (kept so they are not garbage-collected).
        self._aborts: set[asyncio.Task[None]] = set()

    def on_done(self, tp: Any, offset: int) -> None:
        """The agent finished the event at ``offset``: it may be committed."""
        if offset + 1 > self.done.get(tp, -1):
            self.done[tp] = offset + 1

    def mark_lost(self, tid: str, why: str) -> None:
        txn = self.txns.get(tid)
        if txn is not None and txn.lost is None:
            log.warning("transaction %s lost (%s): its work is redone after a rebalance", tid, why)
            txn.lost, txn.lost_at = why, self.clock()
            self._abort_soon(tid, txn)
        self.state_suspect = True

    def _abort_soon(self, tid: str, txn: _Txn) -> None:
        """Abort a lost transaction now rather than leave it open until a rebalance or the
        worker's exit: while open it holds back the last stable offset of every partition it
        wrote (``wire.items``), so read_committed readers stall for the whole grace."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a sync caller in a test): the rebalance replaces it
            return
        task = loop.create_task(self._abort(tid, txn))
        self._aborts.add(task)
        task.add_done_callback(self._aborts.discard)

    async def _abort(self, tid: str, txn: _Txn) -> None:
        """Abort ``txn`` once no commit or begin runs on it. It stays lost: never committed
        (``commit`` skips it), never begun again (only a rebalance replaces its producer),
        and the worker still exits after the grace if no rebalance comes."""
        async with txn.lock:
            if self.txns.get(tid) is not txn or not txn.open:
                return  # replaced, or no transaction open (a failed begin, a final commit)
            txn.open = False
            try:
                await txn.producer.abort_transaction()
            except Exception as exc:  # fenced, fatal: the next owner's producer aborts it
                log.warning("could not abort lost transaction %s: %r", tid, exc)

    async def send(self, tid: str, topic: str, value: Any, **kwargs: Any) -> Any:
        """Queue a record in ``tid``'s transaction; the future fails if the transaction is lost."""
        txn = self.txns.get(tid)
        if txn is None or txn.lost is not None or not txn.open:
            why = "not ours" if txn is None else txn.lost or "no open transaction"
            raise TransactionLost(f"transaction {tid}: {why}")
        try:
            fut = await txn.producer.send(topic, value, **kwargs)
        except Exception as exc:
            # A record refused before it was queued (too large for the client, not
            # serialisable) never joined the transaction: it stays good, and the event
            # becomes a dead letter in it. Anything else may have left it half written.
            if not is_refused(exc):
                self.mark_lost(tid, repr(exc))
            raise
        fut.add_done_callback(lambda f: self._after_send(tid, f))
        return fut

    def _after_send(self, tid: str, fut: asyncio.Future[Any]) -> None:
        if not fut.cancelled() and fut.exception() is not None:
            self.mark_lost(tid, repr(fut.exception()))

    async def commit(
        self, by_tid: Mapping[str, Mapping[Any, int]], start_new_transaction: bool = True
    ) -> bool:
        """Commit each transaction with its offsets; False if any was lost (never committed)."""
        ok = True
        for tid, offsets in by_tid.items():
            txn = self.txns.get(tid)
            if txn is None:
                ok = False
                continue
            async with txn.lock:
                # Checked under the lock: a lost transaction may be aborted already.
                if txn.lost is not None or not txn.open:
                    ok = False
                    continue
                try:
                    await txn.producer.send_offsets_to_transaction(dict(offsets), self.group_id)
                    await txn.producer.commit_transaction()
                    txn.open = False
                    self.committed.update(offsets)
                    if start_new_transaction:
                        await txn.producer.begin_transaction()
                        txn.open = True
                except Exception as exc:
                    # Its abort waits for this lock, then finds the transaction as left here.
                    self.mark_lost(tid, f"commit failed: {exc!r}")
                    ok = False
        self.check_lost()
        return ok

    async def wait_visible(
        self,
        offsets: Mapping[Any, int],
        fetch: Callable[[list[Any]], Awaitable[Mapping[Any, int]]],
        timeout_s: float = 10.0,
        poll_s: float = 0.05,
    ) -> bool:
        """Wait until the group coordinator returns the offsets we just committed.

        A transaction's offsets become visible only once its commit markers are written,
        and aiokafka cannot ask for stable offsets (KIP-447 ``require_stable``): fetched
        earlier, the old offsets send the partition's next owner back over committed work.
        """
        want = {(tp[0], tp[1]): o for tp, o in offsets.items()}
        deadline = self.clock() + timeout_s
        while True:
            seen = {(tp[0], tp[1]): o for tp, o in (await fetch(list(offsets))).items()}
            if all(seen.get(tp, -1) >= o for tp, o in want.items()):
                return True
            if self.clock() >= deadline:
                log.warning("committed offsets not visible after %.0fs: %s", timeout_s, want)
                return False
            await asyncio.sleep(poll_s)

    def pending(self, tid_of: Callable[[Any], str]) -> dict[str, dict[Any, int]]:
        """Acknowledged offsets not committed yet, by transaction."""
        by_tid: dict[str, dict[Any, int]] = {}
        for tp, offset in self.done.items():
            if offset > self.committed.get(tp, -1):
                by_tid.setdefault(tid_of(tp), {})[tp] = offset
        return by_tid

    async def rebalance(self, tids: Iterable[str], tid_of: Callable[[Any], str]) -> bool:
        """Own exactly ``tids``, each with a healthy open transaction.

        Returns True if table state must be rebuilt from the changelog (some transaction
        was lost since the last rebalance, so local state may hold aborted writes).
        """
        wanted = set(tids)
        lost = {t for t, txn in self.txns.items() if txn.lost}
        for tid in [t for t, txn in self.txns.items() if t not in wanted or txn.lost]:
            txn = self.txns.pop(tid)
            with contextlib.suppress(Exception):
                await txn.producer.stop()
        fresh = [tid for tid in sorted(wanted) if tid not in self.txns]
        created = await asyncio.gather(*(self._start(tid) for tid in fresh))
        self.txns.update(zip(fresh, created, strict=True))
        for txn in self.txns.values():
            if not txn.open:
                await txn.producer.begin_transaction()
                txn.open = True
        # A lost transaction's finished events had their outputs aborted: they are redone
        # from the committed offset, and only the redo may report them done again.
        self.done = {
            tp: o for tp, o in self.done.items() if tid_of(tp) in wanted and tid_of(tp) not in lost
        }
        # Offsets are re-read from Kafka after a rebalance: forget what we believed.
        self.committed = {}
        suspect, self.state_suspect = self.state_suspect, False
        return suspect

    async def _start(self, tid: str) -> _Txn:
        # Starting a producer with a transactional id fences its previous owner and
        # aborts that owner's open transaction.
        producer = self._new_producer(tid)
        await producer.start()
        return _Txn(producer)

    def check_lost(self) -> None:
        """A transaction lost for longer than a rebalance takes: restart to rewind."""
        now = self.clock()
        for tid, txn in self.txns.items():
            if txn.lost is not None and now - txn.lost_at > self.lost_grace_s:
                self.on_fatal(f"transaction {tid} lost {now - txn.lost_at:.0f}s ago ({txn.lost})")
                return

    async def flush(self) -> None:
        for txn in list(self.txns.values()):
            with contextlib.suppress(Exception):
                await txn.producer.flush()

    async def stop(self) -> None:
        for txn in list(self.txns.values()):
            with contextlib.suppress(Exception):
                await txn.producer.stop()
        self.txns.clear()


class SourcePartitionTransactions(TransactionManager):
    """Faust's transaction manager, re-plumbed onto a :class:`TransactionBook`."""

    _admin: AIOKafkaAdminClient | None = None

    def __post_init__(self) -> None:
        # Faust builds this manager; its collaborators come from the transport, which the
        # composition root builds with explicit arguments (ExactlyOnceTransport).
        transport = self.transport
        assert isinstance(transport, ExactlyOnceTransport)
        self.gate: CommitGate = transport.gate
        self.replays: ReplayGuard = transport.replays
        #: aiokafka connection options (bootstrap, TLS, SASL) for reading committed offsets.
        self.client_kwargs: Mapping[str, Any] = transport.client_kwargs
        self.tid_scope: str = transport.tid_scope
        self.book = TransactionBook(
            lambda tid: self.producer._new_producer(transactional_id=tid),  # type: ignore[attr-defined]
            self.app.conf.id,
            lost_grace_s=transport.lost_grace_s,
        )

    def tid_for(self, tp: Any) -> str:
        return self._tid(self.app.assignor.group_for_topic(tp.topic), tp.partition)

    def _tid(self, group: int, partition: int) -> str:
        # Faust numbers topic groups by partition count, so with as many raw as items
        # partitions, raw p and items p share a number: one producer in a worker running
        # both stages, but two processes fencing each other when the stages run apart.
        # A split worker's ids carry its role (tid_scope) to keep them apart.
        if self.tid_scope:
            return f"{self.app.conf.id}-{self.tid_scope}-{group}-{partition}"
        return f"{self.app.conf.id}-{group}-{partition}"

    def _tps_to_transactional_ids(self, tps: set[Any]) -> set[str]:
        # Active partitions only, as Faust's own: a producer for a standby's id would fence
        # the transactions of the worker that owns that partition.
        return {self._tid(g.group, g.partition) for g in self._tps_to_active_tpgs(tps)}

    @Service.timer(1.0)
    async def _watch_lost(self) -> None:
        if not self.app.rebalancing:
            self.book.check_lost()

    async def on_stop(self) -> None:
        await self.book.stop()
        if self._admin is not None:
            await self._admin.close()
            self._admin = None

    async def _committed(self, tps: list[Any]) -> dict[Any, int]:
        if self._admin is None:
            admin = AIOKafkaAdminClient(**self.client_kwargs)
            await admin.start()
            self._admin = admin
        group = self.app.conf.id
        parts = [TopicPartition(tp.topic, tp.partition) for tp in tps]
        found = await self._admin.list_consumer_group_offsets(group, partitions=parts)
        return {tp: meta.offset for tp, meta in found.items()}

    async def flush(self) -> None:
        await self.book.flush()

    async def on_partitions_revoked(self, revoked: set[Any]) -> None:
        """Commit all acknowledged work before the partitions can move (Faust commits none)."""
        async with self.gate.commit():
            pending = self.book.pending(self.tid_for)
            if pending:
                await self.book.commit(pending, start_new_transaction=False)
            self.replays.committed(self.book.committed)
            committed = {tp: o for offsets in pending.values() for tp, o in offsets.items()}
            committed = {tp: o for tp, o in committed.items() if self.book.committed.get(tp) == o}
            if committed:
                try:
                    await self.book.wait_visible(committed, self._committed)
                except Exception as exc:  # the next owner may redo work; dedup records it
                    log.warning("could not read back committed offsets: %r", exc)

    async def on_rebalance(self, assigned: set[Any], revoked: set[Any], newly: set[Any]) -> None:
        tids = self._tps_to_transactional_ids(set(assigned))
        async with self.gate.commit():
            rebuild = await self.book.rebalance(tids, self.tid_for)
        if rebuild:
            log.warning("a transaction was lost: rebuilding tables from the committed changelog")
            self._forget_table_state()
            self.replays.forget()

    def _forget_table_state(self) -> None:
        for table in self.app.tables.values():
            store = table.data
            store.data.clear()
            getattr(store, "_key_partition", {}).clear()
        recovery = self.app.tables.recovery  # type: ignore[attr-defined]
        recovery.active_offsets.clear()
        recovery.standby_offsets.clear()

    async def send(
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
        *,
        transactional_id: str | None = None,
    ) -> Any:
        event = current_event()
        if event is not None:
            tid = self.tid_for(event.message.tp)
        else:
            # Outside an event (Faust's buffered changelog sends): the destination rule is
            # right for changelog topics, which are co-partitioned with their source.
            p = self.consumer.key_partition(topic, key, partition)
            if p is None:
                raise TransactionLost(f"no transaction for a send to {topic} outside an event")
            tid = self._tid(self.app.assignor.group_for_topic(topic), p)
            partition = p
        if isinstance(headers, Mapping):
            headers = list(headers.items())
        return await self.book.send(
            tid,
            topic,
            value,
            key=key,
            partition=partition,
            timestamp_ms=int(timestamp * 1000) if timestamp else None,
            headers=headers,
        )

    async def commit(self, offsets: Mapping[Any, int], start_new_transaction: bool = True) -> bool:
        """Faust's periodic commit, of the offsets the *book* knows are done.

        Faust's ``offsets`` are what it acknowledged: every event an agent moved past,
        including a batch abandoned because its transaction was fenced (its outputs were
        aborted), which would then be committed unprocessed. And an event is acknowledged
        only when the agent asks for the next one, after the commit gate opened: committed
        then, its outputs would be in the transaction and its offset not, and the next
        owner would redo it.
        """
        async with self.gate.commit():
            ok = await self.book.commit(self.book.pending(self.tid_for), start_new_transaction)
            self.replays.committed(self.book.committed)
            return ok


class _StableOffsetsThread(PromptFetchThread):
    """Ask the broker for the last stable offsets instead of trusting a fetch cache.

    Faust answers a read_committed consumer's highwaters from the LSO of the last fetch
    response, which is None for a partition not fetched since its assignment: table
    recovery then takes the changelog for empty (state silently missing, or a
    ConsistencyError crash for a standby). ``end_offsets`` asks the broker, and for a
    read_committed consumer it returns the last stable offset.
    """

    async def _highwaters(self, partitions: list[Any]) -> Mapping[Any, int]:
        consumer = self._ensure_consumer()
        offsets: Mapping[Any, int] = await consumer.end_offsets(partitions)
        return offsets


class StableOffsetsConsumer(SeekTrackingConsumer):
    """Faust's consumer, with highwaters that are right for read_committed recovery."""

    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return _StableOffsetsThread(self, loop=self.loop, beacon=self.beacon)


class ExactlyOnceTransport(ReplayTransport):
    """The transport of an exactly-once worker: its commit gate, replay guard and the
    connection options for reading committed offsets, passed in by the composition root."""

    Consumer = StableOffsetsConsumer
    TransactionManager = SourcePartitionTransactions

    def __init__(
        self,
        url: Any,
        app: Any,
        *,
        replays: ReplayGuard,
        gate: CommitGate,
        client_kwargs: Mapping[str, Any],
        lost_grace_s: float = LOST_TRANSACTION_GRACE_S,
        tid_scope: str = "",
        fetch_wait_ms: int = SHARED_FETCH_WAIT_MS,
        inline_handover: bool = False,
        inflight_bytes: int = DEFAULT_INFLIGHT_BYTES,
    ) -> None:
        super().__init__(
            url,
            app,
            replays=replays,
            fetch_wait_ms=fetch_wait_ms,
            inline_handover=inline_handover,
            inflight_bytes=inflight_bytes,
        )
        self.gate = gate
        self.client_kwargs = client_kwargs
        #: Part of every transactional id: the worker's role when it runs one stage only.
        self.tid_scope = tid_scope
        self.lost_grace_s = lost_grace_s


def store_for(settings_store: str, exactly_once: bool) -> str:
    """The table store URL to use: memory in exactly-once mode (module docstring)."""
    return "memory://" if exactly_once else settings_store
