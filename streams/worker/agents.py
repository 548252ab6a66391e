"""Thin Faust agents: iterate over batches, call the pure pipeline, deliver, handle errors.

No exception escapes an agent (a crashed agent's batch was never acknowledged, and its
partition's commits stalled): bad input and our own bugs become dead letters, a bug that
escapes a stage's per-message handling is retried event by event and then dead-lettered
(:meth:`Stages.guarded`), transient Kafka errors are retried by the
:class:`~streams.worker.delivery.Deliverer`.

Agents take events in batches (Faust's ``take_events`` acknowledges a batch only
when the agent asks for the next one): every output of a batch is sent at once and
acknowledged by Kafka together, instead of one round trip per event. Stage 2 decides
the whole batch against an overlay of the dedup state and writes the state only
after the batch's outputs are delivered (see :class:`~streams.worker.tables.BatchState`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Protocol, cast

from streams import errors, jsonio
from streams.core.model import RawMessage, WireItem
from streams.core.pipeline import Outbound, Pipeline, Routable, read_view, reference_ms
from streams.core.topics import Topics
from streams.errors import WireError
from streams.kafka.classify import classify
from streams.kafka.retry import Backoff, retry
from streams.settings import Settings
from streams.worker.batching import take_batches
from streams.worker.delivery import Deliverer
from streams.worker.refused import CrashLedger, RefusedLedger
from streams.worker.replay import ReplayGuard
from streams.worker.stats import Stats
from streams.worker.watchdog import Watchdog

log = logging.getLogger(__name__)

#: How often (in event time) the route agent sweeps the dedup window.
EVICT_EVERY_MS = 60_000

#: How many times one event, alone, may crash its stage before it is a dead letter.
CRASH_ATTEMPTS = 3


@dataclass
class _Attempt:
    """One attempt at a batch: did it hand outputs to the deliverer, and were its
    transactions given up when it crashed?

    Per agent task (:data:`_ATTEMPT`), never on the shared :class:`Stages`: the parse and
    route agents run at once, and each awaits Kafka mid-batch. Kept on ``Stages`` (before
    2026-12-04), a route attempt beginning while a parse batch awaited its outputs reset the
    parse batch's ``queued``: the parse crash that followed did not give its transactions up,
    and its events were redone in them (their items committed twice).
    """

    queued: bool = False
    gave_up: bool = False


#: The current agent task's attempt (each Faust agent runs in its own task and context).
_ATTEMPT: ContextVar[_Attempt | None] = ContextVar("wire_stage_attempt", default=None)


def raw_message(event: Any) -> RawMessage:
    msg = event.message
    headers = event.headers or {}
    if not isinstance(headers, dict):
        headers = dict(headers)
    return RawMessage(
        value=event.value or b"",
        headers={str(k): bytes(v or b"") for k, v in headers.items()},
        topic=msg.topic,
        partition=msg.partition,
        offset=msg.offset,
        timestamp_ms=int(msg.timestamp * 1000) if msg.timestamp else None,
    )


def _value(event: Any) -> bytes:
    value = event.value
    return bytes(value) if isinstance(value, bytes | bytearray) else b""


def _crash_identity(event: Any) -> bytes:
    """What the crash ledger digests of an event besides its position: its bytes and its
    record timestamp. A topic deleted and re-created reuses offsets, and the same payloads
    published again can land at the same offsets; only the timestamp tells them apart."""
    return f"{event.message.timestamp!r}\n".encode() + _value(event)


def _bare_raw(event: Any) -> RawMessage:
    """An event's bytes and position, and those headers that are bytes (for when reading
    the event failed)."""
    msg = event.message
    headers = event.headers or {}
    items = headers.items() if isinstance(headers, dict) else headers
    kept = {str(k): bytes(v) for k, v in items if isinstance(v, bytes | bytearray)}
    return RawMessage(
        value=_value(event),
        headers=kept,
        topic=msg.topic,
        partition=msg.partition,
        offset=msg.offset,
    )


def _readable_raw(event: Any) -> RawMessage:
    """:func:`raw_message`, or :func:`_bare_raw` when reading the event itself fails (a dead
    letter of such an event must not fail the same way)."""
    try:
        return raw_message(event)
    except Exception:
        return _bare_raw(event)


def as_wire_error(exc: Exception) -> WireError:
    """The error's dead-letter form; a bug (not a ``WireError``) is logged with its trace."""
    if not isinstance(exc, WireError):
        log.exception("unexpected error in the pipeline; the input goes to the dead-letter topic")
    return errors.as_wire_error(exc)


class PendingStateT(Protocol):
    """A batch's state written locally and sent, its changelog not yet acknowledged."""

    async def settle(self) -> list[BaseException]: ...


class BatchStateT(Protocol):
    """Dedup state writes held back until a batch's outputs are delivered."""

    def begin(self, origin: object) -> None: ...

    def discard(self) -> None: ...

    def stale(self) -> bool: ...

    async def apply(self) -> list[BaseException]: ...

    async def start(self) -> PendingStateT | None: ...


class DirectState:
    """For a pipeline whose store is written directly (tests, ``wire inspect``)."""

    def begin(self, origin: object) -> None:
        return None

    def discard(self) -> None:
        return None

    def stale(self) -> bool:
        return False

    async def apply(self) -> list[BaseException]:
        return []

    async def start(self) -> PendingStateT | None:
        return None


class RoutedView:
    """What the dashboard's statistics read of a routed item, straight from its document.

    Stage 2 no longer builds a ``WireItem`` (its records are the stage-1 document plus the
    dedup fields); this gives ``Stats.on_item`` and the item JSON view the same attributes.
    """

    __slots__ = ("_doc", "body_chars", "ext", "headline", "uri")

    def __init__(self, doc: dict[str, Any]) -> None:
        self._doc = doc
        ext = doc["wirestream"]
        lineage = ext.get("lineage")
        heads = doc.get("headlines") or ()
        self.uri: str = doc["uri"]
        self.headline: str = heads[0]["value"] if heads else ""
        self.body_chars = sum(len(b["value"]) for b in doc.get("bodies", ()))
        self.ext = SimpleNamespace(
            status=ext["status"],
            regions=ext.get("regions", []),
            lineage=SimpleNamespace(**lineage) if lineage else None,
            duplicate_of=ext.get("duplicate_of"),
            dropped=ext.get("dropped", []),
        )

    def to_json(self) -> dict[str, Any]:
        return self._doc


#: The most dropped-text notes a view may claim (the dashboard counts them; parse caps them far
#: lower): a bound, so a record's header cannot make the worker allocate at will.
MAX_VIEW_DROPPED = 100_000


class SplicedView:
    """:class:`RoutedView` of a spliced record (``Routable.head``), from stage 1's
    ``item_view`` and the decision: its document is parsed only if the dashboard shows it."""

    __slots__ = ("_routed", "body_chars", "ext", "headline", "uri")

    def __init__(self, r: Routable, view: dict[str, Any]) -> None:
        assert r.decision is not None and r.routed is not None
        headline, chars, dropped = view["headline"], view["body_chars"], view["dropped"]
        received, source = view["received"], view["source"]
        if not (
            isinstance(headline, str)
            and isinstance(source, str)
            and isinstance(received, str | None)
            and isinstance(chars, int)
            and isinstance(dropped, int)
            and 0 <= dropped <= MAX_VIEW_DROPPED
        ):
            raise TypeError("not a stage-1 item view")  # the caller parses the record instead
        self._routed = r.routed
        self.uri = r.features.uri
        self.headline: str = headline
        self.body_chars: int = chars
        self.ext = SimpleNamespace(
            status=r.decision.status,
            regions=r.regions,
            lineage=SimpleNamespace(received=received, source=source),
            duplicate_of=r.decision.duplicate_of,
            dropped=[""] * dropped,
        )

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = jsonio.loads(self._routed)
        return doc


def routed_view(r: Routable) -> WireItem:
    """What ``Stats.on_item`` reads of a routed record, without parsing a spliced one."""
    if r.item is not None:
        return r.item
    if r.view is not None and r.decision is not None and r.routed is not None:
        view = read_view(r.view, r.routed)
        if view is not None:
            with contextlib.suppress(TypeError):
                return cast(WireItem, SplicedView(r, view))
    return cast(WireItem, RoutedView(r.document()))


def _ignore(events: Sequence[Any], ok: bool) -> None:
    return None


class Stages:
    """The agents' bodies, bound to one pipeline, deliverer, state and stats object.

    ``event_scope`` wraps each batch (the exactly-once commit gate). ``finished(events,
    ok)`` is called inside it when a batch is over: ``ok`` when its outputs (and state) are
    in Kafka, not ``ok`` when it was abandoned (fenced). Called inside the scope, so that no
    commit can run between a batch's outputs and the record that it is done: a commit there
    would take the outputs without the offsets, and the next owner would redo the batch.
    """

    def __init__(
        self,
        pipeline: Pipeline,
        deliverer: Deliverer,
        stats: Stats,
        state: BatchStateT | None = None,
        event_scope: Callable[[], AbstractAsyncContextManager[None]] = contextlib.nullcontext,
        refused: RefusedLedger | None = None,
        finished: Callable[[Sequence[Any], bool], None] | None = None,
        abandon: Callable[[Sequence[Any], str], None] | None = None,
        crashed: CrashLedger | None = None,
        pipelined: bool = False,
        watchdog: Watchdog | None = None,
    ) -> None:
        self.pipeline = pipeline
        #: The per-message CPU bound of stage 1 (``WIRE_MESSAGE_CPU_SECONDS``).
        self.watchdog = watchdog or Watchdog(0)
        #: At least once only (``WIRE_STATE_PIPELINE``): a route batch's changelog
        #: acknowledgements are awaited by a task of their own (:meth:`_settle_state`), while
        #: the agent takes its next batch; see :meth:`route_batch`.
        self.pipelined = pipelined
        #: The last route batch's state task (pipelined), awaited before the next state write.
        self._state_tail: asyncio.Task[bool] | None = None
        #: The same task, until the agent's batching takes it (:meth:`take_tail`).
        self._untaken_tail: asyncio.Task[bool] | None = None
        self.finished = finished or _ignore
        #: Exactly-once: give up the transactions of events whose stage crashed after it had
        #: queued outputs in them (they cannot be taken back, so the events cannot be redone
        #: in the same transactions). None: outputs already sent are kept (at-least-once).
        self.abandon = abandon
        #: Exactly-once: crashes of events whose transactions were given up, across restarts.
        self.crashed = crashed or CrashLedger()
        self.deliverer = deliverer
        self.stats = stats
        self.state: BatchStateT = state or DirectState()
        self.event_scope = event_scope
        self.refused = refused or RefusedLedger()
        self._last_evict_ms = 0
        #: The eviction clock: only moves forward, and never past a record's own time.
        self._clock_ms = 0

    async def guarded(
        self, stage: Callable[[Sequence[Any]], Awaitable[None]], events: Sequence[Any]
    ) -> None:
        """``stage(events)``, surviving a bug that escapes its per-message error handling.

        Raised out of the agent, such an exception crashed it: Faust restarted the agent on
        the events after the batch, the batch was never acknowledged (``take_batches``) and
        no offset of its partition could be committed again until a rebalance or a restart
        (one bad message stalling a partition). Instead the batch is done again event by
        event, in order; an event that crashes its stage ``CRASH_ATTEMPTS`` times on its own
        becomes a dead letter (its raw bytes, ``internal-error`` and the exception) and the
        partition moves on. A crash that is not the input's (a passing fault) costs a retry.

        Outputs an attempt sent before crashing stay sent: at-least-once, the retry may send
        them again (same uri and lineage, as after a kill). In exactly-once mode they sit in
        open transactions that must not commit without their offsets: those transactions
        are given up (:attr:`abandon`) and the events are redone after the rebalance or
        restart that replaces them.
        """
        # Events that crashed before in a given-up transaction (:class:`CrashLedger`): one
        # at a time, each with the crashes it already had alone.
        known = {id(e): n for e in events if (n := self._known_crashes(e)) is not None}
        if not known:
            crash, gave_up = await self._attempt(stage, events)
            if crash is None:
                return
            if gave_up:  # exactly-once, outputs queued (_scope): redone after a rebalance
                self._remember(events, alone=len(events) == 1)
                return
            if len(events) == 1:
                await self._alone(stage, events[0], crash, 1)
                return
        for event in events:
            await self._alone(stage, event, None, known.get(id(event), 0))

    async def _alone(
        self,
        stage: Callable[[Sequence[Any]], Awaitable[None]],
        event: Any,
        crash: Exception | None,
        crashes: int,
    ) -> None:
        while crashes < CRASH_ATTEMPTS:
            found, gave_up = await self._attempt(stage, [event])
            if found is None:
                return
            if gave_up:
                self._remember([event], alone=True)
                return
            crash, crashes = found, crashes + 1
        await self._crash_letter(event, crash, crashes)

    def _known_crashes(self, event: Any) -> int | None:
        msg = event.message
        if not self.crashed.holds(msg.topic, msg.partition, msg.offset):
            return None  # the usual case: no copy of the event's bytes for its identity
        return self.crashed.crashes(msg.topic, msg.partition, msg.offset, _crash_identity(event))

    def _remember(self, events: Sequence[Any], alone: bool) -> None:
        for event in events:
            msg = event.message
            self.crashed.add(msg.topic, msg.partition, msg.offset, _crash_identity(event), alone)

    async def _attempt(
        self, stage: Callable[[Sequence[Any]], Awaitable[None]], events: Sequence[Any]
    ) -> tuple[Exception | None, bool]:
        """The exception ``stage(events)`` raised, or None; and whether the attempt's
        transactions were given up (:meth:`_scope`). The route stage drops its own state
        writes when it raises (:meth:`route_batch`); a parse crash leaves them alone."""
        attempt = _Attempt()
        token = _ATTEMPT.set(attempt)
        try:
            await stage(events)
        except Exception as exc:
            where = sorted({(e.message.topic, e.message.partition) for e in events})
            offsets = [e.message.offset for e in events]
            log.exception(
                "a stage crashed on %d event(s) of %s at offsets %s..%s",
                len(events),
                where,
                min(offsets),
                max(offsets),
            )
            return exc, attempt.gave_up
        finally:
            _ATTEMPT.reset(token)
        return None, False

    @contextlib.asynccontextmanager
    async def _scope(self, events: Sequence[Any]) -> AsyncIterator[None]:
        """A batch's event scope (the exactly-once commit gate). A crash after outputs were
        queued gives their transactions up inside it: no commit can take those outputs in
        between (a commit runs only with no batch in its scope)."""
        attempt = _ATTEMPT.get()
        token = None
        if attempt is None:  # a stage called outside :meth:`guarded` (tests)
            attempt = _Attempt()
            token = _ATTEMPT.set(attempt)
        try:
            async with self.event_scope():
                try:
                    yield
                except BaseException as exc:
                    # BaseException: a batch cancelled while its outputs await their
                    # acknowledgement (a stop) leaves them queued too; the revoke's commit
                    # would take them without their offsets.
                    if attempt.queued and self.abandon is not None:
                        # Nothing is redone in those transactions, even if giving them up
                        # failed: then the worker stops, and its transactions are aborted.
                        attempt.gave_up = True
                        try:
                            self.abandon(events, f"a stage crashed after queueing outputs: {exc!r}")
                        except Exception as failed:
                            log.exception("could not give up the transactions of a crashed batch")
                            self.deliverer.on_fatal(
                                "the transactions of a crashed batch could not be given up: "
                                f"{failed!r}"
                            )
                    raise
        finally:
            if token is not None:
                _ATTEMPT.reset(token)

    @staticmethod
    def _mark_queued() -> None:
        """The current attempt hands outputs to the deliverer now (see :meth:`_scope`)."""
        attempt = _ATTEMPT.get()
        if attempt is not None:
            attempt.queued = True

    async def _crash_letter(self, event: Any, crash: Exception | None, crashes: int) -> None:
        """The dead letter of an event that crashed its stage ``crashes`` times (``crash``:
        the last exception, None when counted by earlier processes)."""
        raw = _readable_raw(event)  # the bug may be in reading the event: keep its bytes
        last = (
            "see the logs of earlier runs" if crash is None else f"{type(crash).__name__}: {crash}"
        )
        error = errors.InternalError(f"crashed its stage {crashes} times; last: {last}")
        try:  # counting must not stop the letter (the crash may be in the counting)
            self.stats.on_dead(error, raw)
        except Exception:
            log.exception("could not count a crash letter in the statistics")
        async with self.event_scope():
            letter = self.pipeline.dead_letter(raw, error)
            ok = await self.deliverer.deliver([letter], [event], self._refused({}))
            self.finished([event], ok)

    async def parse_batch(self, events: Sequence[Any]) -> None:
        """Stage 1: raw → items re-keyed by uri, or one dead letter per raw message."""
        async with self._scope(events):
            records: list[Outbound] = []
            origins: list[Any] = []
            for event in events:
                out = self._parse(raw_message(event))
                records.extend(out)
                origins.extend([event] * len(out))
            self._mark_queued()
            ok = await self.deliverer.deliver(records, origins, self._refused({}))
            self.finished(events, ok)

    def _parse(self, raw: RawMessage) -> list[Outbound]:
        started = self.stats.on_raw()
        if (known := self._known_refused(raw)) is not None:
            return [known]
        try:
            with self.watchdog.guard():
                records = self.pipeline.stage1_records(raw)
            self.stats.on_prepared(started)
            return records
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error, raw)
            return [self.pipeline.dead_letter(raw, error)]

    async def route_batch(self, events: Sequence[Any]) -> None:
        """Stage 2: dedup, then regional topics or the duplicates topic; state written last.

        The batch's records are read first (the stage-1 document and its dedup features),
        then the dedup state they need is read in one pass, then each is decided in order.

        A crash drops the batch's pending state writes here, in the route stage only: dropped
        on any stage's crash (before 2026-12-04), a parse crash while a route batch awaited
        its outputs emptied that batch's writes, and the batch was committed, routed, with no
        dedup state (seen in the broker logs of a passing ``test_agent_crash`` run: 13 items).

        Pipelined (:attr:`pipelined`, at least once), the batch returns once its outputs are
        acknowledged and its state is written locally and sent: a task awaits the changelog's
        acknowledgements (:meth:`_settle_state`), and the batch's events are acknowledged to
        Faust (so their offsets become committable) only after it (:meth:`take_tail`,
        ``take_batches``' ``after``). The next batch reads, decides and delivers meanwhile; its
        own state write waits for that task, so changelog records (and a retry's) stay in
        batch order, and a batch whose predecessor's state could not be written is abandoned.
        Every batch still has its outputs acknowledged before its state is sent and its state
        acknowledged before its offsets can be committed.
        """
        try:
            await self._route_batch(events)
        except BaseException:
            self.state.discard()
            raise

    async def _route_batch(self, events: Sequence[Any]) -> None:
        async with self._scope(events):
            if self.state.stale():  # partitions (re)assigned: the derived index is rebuilt
                self.pipeline.deduper.invalidate()
            records: list[Outbound] = []
            origins: list[Any] = []
            routed: list[Routable] = []
            routed_events: list[Any] = []
            latest_ms = 0
            read = [self._read(event) for event in events]
            self._prefetch([r for _, _, r, _ in read if r is not None])
            for event, raw, routable, out in read:
                self.state.begin(event)
                if routable is not None:
                    out, event_ms = self._route(raw, routable)
                    if event_ms is not None:
                        routed.append(routable)
                        routed_events.append(event)
                        latest_ms = max(latest_ms, event_ms)
                records.extend(out)
                origins.extend([event] * len(out))
            refused: dict[int, Any] = {}
            self._mark_queued()
            if not await self.deliverer.deliver(records, origins, self._refused(refused)):
                self.state.discard()
                self.finished(events, False)
                return
            if refused:
                routed = [
                    i for i, e in zip(routed, routed_events, strict=True) if id(e) not in refused
                ]
                if len(refused) == len(events):
                    # Every event is a dead letter now: none of their dedup state may stay.
                    # (In a larger batch with other events, the refused event's state is
                    # written with theirs: its story counts as seen. Rare; documented.)
                    self.state.discard()
            self._clock_ms = max(self._clock_ms, latest_ms)
            if self._clock_ms - self._last_evict_ms >= EVICT_EVERY_MS:
                # Faust tables are written only while processing an event (the changelog
                # partition is the event's), so the window sweep rides on the route agent.
                self._last_evict_ms = self._clock_ms
                self.state.begin(events[-1])
                evicted = self.pipeline.evict(self._clock_ms)
                if evicted:
                    log.info("evicted %d stories from the dedup window", evicted)
            if self.pipelined:
                if not await self._previous_state():
                    self.state.discard()  # decided against state that was never written
                    self.finished(events, False)
                    return
                pending = await self.state.start()
                tail = asyncio.ensure_future(self._settle_state(pending, events, routed))
                self._state_tail = self._untaken_tail = tail
                return
            ok = await self._apply_state()
            if ok:
                self._count(routed)
            self.finished(events, ok)

    def _count(self, routed: list[Routable]) -> None:
        for r in routed:
            # After delivery and the state write, outside the per-record handling:
            # raised here, the batch would be redone (sent twice) or given up.
            try:
                self.stats.on_item(routed_view(r))
            except Exception:
                log.exception("could not count a routed item in the statistics")

    async def _previous_state(self) -> bool:
        """Wait for the last route batch's state task (pipelined): did its state reach the
        changelog? Shielded: this batch cancelled (a stop) leaves that task running."""
        tail = self._state_tail
        if tail is None:
            return True
        ok = await asyncio.shield(tail)
        if not ok and self._state_tail is tail:
            # This batch is abandoned for it; the next starts afresh (its index rebuilt,
            # ``stale``), as after a batch whose own state write failed.
            self._state_tail = None
        return ok

    def stop_state(self) -> None:
        """The route agent stopped (pipelined): cancel its last state task, as a stop cancels
        the agent's own wait for its state in a batch that is not pipelined. Left running, the
        task outlived the agent (retrying a transient failure for ever, the broker away; once
        the producer stopped, a refusal classified fatal would end a plain stop with
        ``exit_worker``, status 70). Its batch (and any after it) stays unacknowledged: redone
        after the restart, as after a kill while the task waits."""
        tail, self._state_tail, self._untaken_tail = self._state_tail, None, None
        if tail is not None and not tail.done():
            tail.cancel()

    def take_tail(self) -> Awaitable[bool] | None:
        """The state task of the route batch just finished, if it left one (pipelined): the
        batch's events may be acknowledged only after it (``take_batches``' ``after``)."""
        tail, self._untaken_tail = self._untaken_tail, None
        return tail

    async def _settle_state(
        self, pending: PendingStateT | None, events: Sequence[Any], routed: list[Routable]
    ) -> bool:
        """A pipelined route batch's end: its changelog acknowledged (a transient failure
        written again, as :meth:`_apply_state`), its items counted, the batch reported done.
        Never raises: a bug here stops the worker unacknowledged, as a fatal write does."""
        try:
            ok = True
            if pending is not None:
                settle = pending.settle
                ok = await self._apply_state(settle)
            if ok:
                self._count(routed)
            self.finished(events, ok)
            return ok
        except Exception as exc:
            log.exception("the dedup state write of a route batch failed")
            self.deliverer.on_fatal(f"dedup state could not be written: {exc!r}")
            return False

    def _read(self, event: Any) -> tuple[Any, RawMessage, Routable | None, list[Outbound]]:
        """One ``wire.items`` record read for routing, or its dead letter."""
        raw = raw_message(event)
        if (known := self._known_refused(raw)) is not None:
            return event, raw, None, [known]
        try:
            return event, raw, self.pipeline.routable(raw.value, raw.headers), []
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error, raw)
            return event, raw, None, [self.pipeline.dead_letter(raw, error)]

    def _prefetch(self, batch: list[Routable]) -> None:
        """The batch's dedup state in one store read; a failure leaves each decision to
        read (and fail) on its own."""
        try:
            self.pipeline.prefetch(batch)
        except Exception:
            log.exception("dedup state prefetch failed; reading key by key")

    def _refused(self, refused: dict[int, Any]) -> Callable[[Any, WireError], Outbound | None]:
        """The deliverer's way to turn an event whose output Kafka refused into a dead letter
        (instead of stopping the worker on it, over and over); ``refused`` collects them."""

        def dead_letter(event: Any, error: WireError) -> Outbound | None:
            raw = _readable_raw(event)  # a crash letter's event may be unreadable
            refused[id(event)] = event
            # Remembered first: if the refusal lost the event's transaction, the event is
            # redone later and must not be refused (and lose it) again.
            self.refused.add(raw.topic, raw.partition, raw.offset, raw.value, error)
            self.stats.on_dead(error, raw)
            return self.pipeline.dead_letter(raw, error)

        return dead_letter

    def _known_refused(self, raw: RawMessage) -> Outbound | None:
        """The dead letter of an event whose output Kafka refused before (see refused.py)."""
        error = self.refused.get(raw.topic, raw.partition, raw.offset, raw.value)
        if error is None:
            return None
        self.stats.on_dead(error, raw)
        return self.pipeline.dead_letter(raw, error)

    def _route(self, raw: RawMessage, routable: Routable) -> tuple[list[Outbound], int | None]:
        """The records of one read record and its event time (``None``: a dead letter)."""
        now_ms = reference_ms(raw.timestamp_ms, int(time.time() * 1000), self.pipeline.max_skew_ms)
        try:
            started = self.stats.clock_s()
            decision, records = self.pipeline.decide_routable(routable, now_ms)
            self.stats.on_decided(started)
            self.pipeline.remember_routable(routable, decision, now_ms)
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error, raw)
            return [self.pipeline.dead_letter(raw, error)], None
        return records, self.pipeline.eviction_time_routable(routable, now_ms)

    async def _apply_state(
        self, apply: Callable[[], Awaitable[list[BaseException]]] | None = None
    ) -> bool:
        """Write the batch's dedup state and wait until its changelog records are in Kafka
        (``apply``: the state's own, by default; a pipelined batch's :meth:`_settle_state`
        passes its pending writes').

        False when the batch was abandoned (fenced: another worker owns the partition).
        A transient failure is retried by writing the same (idempotent) state again.
        """
        apply = apply or self.state.apply

        async def write() -> None:
            failures = await apply()
            if failures:
                # Fenced first (abandon), then fatal (stop), else transient (write again).
                order = {"fenced": 0, "fatal": 1, "retry": 2}
                raise min(failures, key=lambda f: order[classify(f)])

        try:
            await retry(write, Backoff(first=0.1), what="dedup state write")
        except Exception as exc:
            if classify(exc) == "fenced":
                log.warning("partition moved to another worker; batch abandoned")
                self.state.discard()  # its next owner writes this state; we must not
                return False
            self.deliverer.on_fatal(f"dedup state could not be written: {exc!r}")
            return False
        return True


def register(
    app: Any, stages: Stages, topics: Topics, settings: Settings, replays: ReplayGuard
) -> None:
    """The agents on ``app``: ``parse`` on the raw topic, ``route`` on the items topic.

    Only those of ``settings.roles``: a worker subscribes to the topics of its agents only,
    and Faust's assignor gives a topic's partitions only to the workers that subscribe to it.

    Each takes batches (``WIRE_BATCH_SIZE``, 100 by default; 1 is event by event) and drops
    events replayed after a rebalance; ``stages`` reports each finished batch
    (``Stages.finished``). Both read through the worker's one consumer, whose fetch loop
    must never wait for one agent (``docs/architecture.md``, "Batched agents").
    """
    raw_topic = app.topic(
        topics.raw, key_serializer="raw", value_serializer="raw", partitions=settings.raw_partitions
    )
    items_topic = app.topic(
        topics.items,
        key_serializer="raw",
        value_serializer="raw",
        partitions=settings.items_partitions,
    )

    def batches(
        stream: Any, after: Callable[[], Awaitable[bool] | None] | None
    ) -> AsyncIterator[Sequence[Any]]:
        if settings.batch_size > 1:
            # Acknowledged when the agent asks for the next one; starts at the first event.
            taken = take_batches(
                stream,
                settings.batch_size,
                settings.batch_wait,
                settings.batch_gap or None,
                after,
            )
            return _fresh(taken, replays)
        return _fresh(_singles(stream), replays)

    def agent(
        name: str,
        stage: Callable[[Sequence[Any]], Awaitable[None]],
        after: Callable[[], Awaitable[bool] | None] | None = None,
    ) -> Callable[[Any], Awaitable[None]]:
        # A bug escaping a stage does not crash its agent (Stages.guarded).
        async def run(stream: Any) -> None:
            try:
                async for events in batches(stream, after):
                    for group in per_transaction(events, settings.exactly_once):
                        await stages.guarded(stage, group)
            except Exception as exc:
                _crashed(name, exc, stages)
                raise
            finally:
                if after is not None:  # pipelined: no state task outlives the agent
                    stages.stop_state()

        run.__name__ = run.__qualname__ = name
        return run

    parse = agent("parse", stages.parse_batch)
    # Pipelined, a route batch's events are acknowledged after its state task (take_tail).
    route = agent("route", stages.route_batch, stages.take_tail if stages.pipelined else None)

    if "parse" in settings.role_set:
        app.agent(raw_topic, name="parse")(parse)
    if "route" in settings.role_set:
        app.agent(items_topic, name="route")(route)


def per_transaction(events: Sequence[Any], exactly_once: bool) -> list[Sequence[Any]]:
    """The batch as the stages take it: whole (at-least-once), or one part per source
    partition, in order (exactly-once).

    Exactly-once, each source partition has its own transaction, and a batch that mixes
    partitions sent its outputs to several. When one of them was fenced or lost, the
    deliverer stopped and the whole batch was abandoned, but the outputs already queued in
    the other, healthy transactions stayed there and were committed later without their
    offsets: the events were redone after a restart and their items sent twice (found
    while chasing a CI run that routed one story twice, 2026-12-04). One transaction per
    part: a fence or a crash abandons only its own partition's events.
    """
    if not exactly_once or len(events) < 2:
        return [events]
    parts: dict[Any, list[Any]] = {}
    for event in events:
        parts.setdefault(event.message.tp, []).append(event)
    return list(parts.values())


def _crashed(agent: str, exc: Exception, stages: Stages) -> None:
    """What escapes :meth:`Stages.guarded` (a dead letter that could not be made or sent, a
    bug in the batching) stops the worker, to be restarted from its committed offsets.

    Faust's supervisor would restart the agent on the same stream instead (found by reading
    ``faust/agents/agent.py``, not seen in a run): the crashed batch is never acknowledged
    (commits of its partitions stall until a rebalance), the events already buffered are
    never handed to the new agent, and ``take_batches``' first buffer stays on the stream
    and stops it once full.
    """
    log.error("the %s agent crashed", agent, exc_info=exc)
    stages.deliverer.on_fatal(f"the {agent} agent crashed: {exc!r}")


async def _fresh(
    batches: AsyncIterator[Sequence[Any]], replays: ReplayGuard
) -> AsyncIterator[Sequence[Any]]:
    """Drop events replayed after a rebalance (streams.worker.replay)."""
    async for events in batches:
        fresh = [e for e in events if replays.fresh(e.message.tp, e.message.offset)]
        if fresh:
            yield fresh


async def _singles(stream: Any) -> AsyncIterator[Sequence[Any]]:
    """One event at a time: Faust acknowledges each when the agent asks for the next."""
    async for event in stream.events():
        yield (event,)
