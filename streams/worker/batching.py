"""Agent batches that start as soon as an event is there: latency without losing batching.

Faust's ``Stream.take_events(max, within)`` hands over a batch when ``max`` events are
buffered or when a ``within``-second timer runs out, the timer restarting after each batch.
Under light traffic every batch is one or two events that waited for the timer: measured at
half of the saturation rate, the two stages' 20 ms timers were about 37 ms of an item's 80 ms
median latency (``bench/latency_trace.py``; ``docs/architecture.md``, "Latency").

:func:`take_batches` waits for the *first* event instead, then takes every event already
waiting (up to ``max``) and, with a ``linger`` above zero, waits at most that long for more;
with a ``gap`` too (``WIRE_BATCH_GAP``, off by default: no p99 gain measured on the loaded
machine, more CPU per item), only while they keep arriving: until a ``gap`` passes that
brings none. The gap is there for the rest of the fetch that brought the first event (Faust hands
a fetch's records over one by one, an event-loop round trip or so each, so a batch started
on its first record alone leaves the others waiting for that batch); a lone record, the
usual case at half of the saturation rate, goes after one gap instead of the whole linger
(``bench/README.md``, "Batch gap"). The gap applies only to an agent that was idle, waiting
for that first event; events already buffered when the agent asks for its next batch came
while it worked (a backlog), and that batch waits the whole linger as before, since under a
backlog a 1 ms lull between two fetches' hand-overs would cut batches short (more batches,
more CPU per item). A busy agent still gets large batches, because events pile up in its
buffer while it works on the previous batch: batch size follows the load rather than a
timer.

Acknowledgement is Faust's: a batch's events are acknowledged when the agent asks for the
next batch, so a committed offset always has its outputs in Kafka (``docs/architecture.md``,
"Order of effects"). A batch the agent never finished (cancelled, crashed, the generator
closed) is not acknowledged: only the agent moving on says a batch is done. With ``after``
(the route agent's pipelined state write, ``WIRE_STATE_PIPELINE``) a batch the agent moved on
from may leave an awaitable: its events are acknowledged when that is done, by a task of
their own, while the agent works on the next batch; batches are acknowledged in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

from mode.utils.futures import notify


async def take_batches(
    stream: Any,
    max_: int,
    linger: float,
    gap: float | None = None,
    after: Callable[[], Awaitable[Any] | None] | None = None,
) -> AsyncIterator[Sequence[Any]]:
    """Batches of at most ``max_`` events of ``stream``, each handed over once its first
    event is buffered and then either ``max_`` events are, or a ``gap`` of seconds has
    passed that brought no new event, or ``linger`` seconds since the first (``linger`` 0:
    no wait, only the events already delivered to the stream; ``gap`` None or at least
    ``linger``: wait the whole linger unless the batch fills, as before the gap existed).

    Mirrors ``faust.Stream.take_events`` (a passive reader fills a buffer, the agent takes
    it; acks after the agent is done), differing in when a batch is handed over, and in
    never acknowledging a batch the agent abandoned (Faust acks it in a ``finally``).

    ``after()``, asked when the agent has moved on from a batch: None, or what must finish
    before the batch's events are acknowledged (its acknowledgement is then a task, and so
    is every later batch's until it is done: acknowledgements stay in batch order, since
    Faust commits past a gap when a partition has no committed offset yet). An ``after``
    that raises or is cancelled leaves its batch (and the later ones) unacknowledged.
    """
    events: list[Any] = []
    nonempty = asyncio.Event()
    full = asyncio.Event()
    consumed = asyncio.Event()
    consuming: asyncio.Future[None] | None = None
    held = False  # an event came while the agent was working on a batch
    acking: asyncio.Future[None] | None = None  # the last deferred acknowledgement

    async def add_to_buffer(value: Any) -> Any:
        nonlocal consuming, held
        try:
            if consuming is not None:  # the agent is reading the buffer: wait until it is done
                held = held or not consuming.done()  # (done: released before this came)
                try:
                    await consuming
                finally:
                    consuming = None
            event = stream.current_event
            if event is None:
                raise RuntimeError("take_batches found no current event")
            events.append(event)
            nonempty.set()
            if len(events) >= max_:
                full.set()
                consumed.clear()
                # Never more than max_ events in one batch.
                await stream.wait(consumed)
        except asyncio.CancelledError:  # pragma: no cover
            raise
        except Exception as exc:  # pragma: no cover - Faust's own handling
            stream.log.exception("Error adding to take buffer: %r", exc)
            await stream.crash(exc)
        return value

    def release() -> None:
        """The batch handed over is done with: let the passive reader fill the buffer again."""
        events.clear()
        nonempty.clear()
        notify(consuming)
        full.clear()
        consumed.set()

    # The agent acknowledges events itself, only after it has finished with them.
    stream.enable_acks = False
    stream.add_processor(add_to_buffer)
    stream._enable_passive(aiter_of(stream.channel))
    while not stream.should_stop:
        if await stream.wait_for_stopped(nonempty):
            break
        # An event that came while the agent worked on its last batch means a backlog: the
        # whole linger grows this batch (CPU per item). An agent that was idle waits only
        # while events keep coming.
        backlog, held = held, False
        if linger > 0:
            if gap is None or gap >= linger or backlog:
                if len(events) < max_:
                    await stream.wait_for_stopped(full, timeout=linger)
            elif await _while_arriving(stream, events, max_, full, linger, gap):
                break
        else:
            # Let the passive reader move the events already fetched into the buffer.
            size = -1
            while size != len(events) < max_:
                size = len(events)
                await asyncio.sleep(0)
        if not events:  # pragma: no cover - stopped meanwhile
            continue
        consuming = asyncio.get_running_loop().create_future()
        taken = list(events)
        try:
            yield taken
        except BaseException:
            # The agent did not finish the batch: it was cancelled, crashed, or closed this
            # generator (a stopping agent; the garbage collector finalizing an abandoned
            # one). Its events stay unacknowledged, so no commit can cover them: the next
            # owner reads them again. (Faust's take_events acks in ``finally``, here too
            # before 2026-12-03: a batch cut short was acknowledged, and committed, as done.)
            release()
            raise
        tail = after() if after is not None else None
        if acking is not None and acking.done() and (acking.cancelled() or acking.exception()):
            # An earlier batch's ``after`` failed: it is never acknowledged, nor is any later
            # batch (inline, this one was: a gap Faust commits past on a partition with no
            # committed offset yet).
            pass
        elif tail is None and (acking is None or acking.done()):
            for event in taken:
                await stream.ack(event)
        else:
            acking = asyncio.ensure_future(_ack_after(stream, taken, tail, acking))
        release()


async def _ack_after(
    stream: Any, events: list[Any], tail: Awaitable[Any] | None, before: asyncio.Future[None] | None
) -> None:
    """Acknowledge ``events`` once the batch before is acknowledged and ``tail`` is done.
    Shielded waits: this task cancelled (a stop) cancels neither."""
    if before is not None:
        await asyncio.shield(before)
    if tail is not None:
        await asyncio.shield(tail)
    for event in events:
        await stream.ack(event)


async def _while_arriving(
    stream: Any,
    events: list[Any],
    max_: int,
    full: asyncio.Event,
    linger: float,
    gap: float,
) -> bool:
    """Wait while events keep coming: until a ``gap`` brings no new event, ``max_`` are
    buffered, or ``linger`` seconds have passed since this was called. True if the stream
    stopped meanwhile.

    One wake-up per gap, not per event: under a backlog, events arrive faster than the
    agent could afford a wake-up for each."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + linger
    while len(events) < max_:
        left = deadline - loop.time()
        if left <= 0:
            return False
        before = len(events)
        # (Its result cannot tell a timeout from a stop: mode reports both as stopped.)
        await stream.wait_for_stopped(full, timeout=min(gap, left))
        if stream.should_stop:
            return True
        if len(events) == before:  # a whole gap without a new event: take what is there
            return False
    return False


def aiter_of(channel: Any) -> Any:
    """The channel's async iterator, as Faust's ``take_events`` passes it."""
    from mode.utils.aiter import aiter

    return aiter(channel)
