"""Faust's fetch loop without four tasks per record.

Faust's consumer hands each fetched record to the agents' streams with
``await self.wait_first(callback(message), self.suspend_flow.wait())``: the callback raced
against a flow suspension (a rebalance) and the consumer stopping or crashing. ``wait_first``
makes four tasks and an ``asyncio.wait`` for it and cancels three of them afterwards: about
25-40 us a record on the bench machine, for a callback (decode, put into a stream's
buffer) that almost never waits. A worker hands over about 1.4 records per story (the raw
message's share and the ``wire.items`` record).

:func:`drain_messages` is Faust 0.15.3's ``Consumer._drain_messages`` (``faust-streaming`` is
pinned) with one change, :func:`first_step`: the callback runs inline up to its first
suspension. Finished there (the usual case: room in the buffer), nothing else is needed:
Faust's race would have ended the same way, since a task's first step runs whatever else
is set. Suspended (a full buffer, flow control), its remainder is raced exactly as Faust
races the whole callback, and a suspension cancels it the same way (the cancellation
reaches the callback where it waits).

Back-pressure: inline, one fetch's records reach the agents' buffers at once, so with a
backlog a buffer reaches Faust's high-pressure mark (80%) within seconds, where Faust's own
loop, a few loop turns a record, never got there. Faust then takes the partition out of
the fetch until the buffer is down to 40%, and that starved the agents: the fetch loop's
next ``getmany`` asked only for the other partitions and waited up to its 1 s timeout when
they had nothing (a partition given back meanwhile is not asked for until it returns), and
aiokafka sends no fetch to a broker while a held partition's records sit unconsumed
(up to its 100 ms prefetch backoff). The worker idled 16-22% of the saturation phase
against 2-3% with Faust's loop (``bench/README.md``, session 18). So with the inline
hand-over the consumer keeps that partition in the fetch (``SeekTrackingConsumer``) and the
fetch loop itself holds back: it hands over no record of a partition in :class:`Room` (its
buffer at 80%) until Faust reports the buffer down to 40%, so a buffer holds no more than with
Faust's loop. The other agent gets nothing meanwhile, but the one waited for has a buffer of
work, so the process does not idle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from typing import Any

from faust.transport.consumer import CONSUMER_FETCHING

from streams.worker.inflight import InFlight


def first_step(coro: Coroutine[Any, Any, Any]) -> Coroutine[Any, Any, Any] | None:
    """Run ``coro`` until it first waits: None if it finished (an exception it raises is
    raised here), else a coroutine that finishes it, to be awaited or run as a task."""
    try:
        waiting = coro.send(None)
    except StopIteration:
        return None
    return _resume(coro, waiting)


async def _resume(coro: Coroutine[Any, Any, Any], waiting: Any) -> Any:
    """Drive ``coro`` on from where :func:`first_step` left it, as an asyncio task drives a
    coroutine: it waits on the future it yielded (None: a bare yield, one loop turn), is
    resumed with ``send(None)``, and a cancellation cancels that future first (the coroutine
    then sees ``CancelledError`` where it waits) or, if the future is done, is thrown in."""
    while True:
        try:
            if waiting is None:
                await asyncio.sleep(0)
            else:
                waiting._asyncio_future_blocking = False
                await asyncio.wait((waiting,))
        except asyncio.CancelledError as exc:
            try:
                if waiting is not None and waiting.cancel():
                    waiting = coro.send(None)
                else:
                    waiting = coro.throw(exc)
            except StopIteration as stop:
                return stop.value
            continue
        try:
            waiting = coro.send(None)
        except StopIteration as stop:
            return stop.value


class Room:
    """Partitions whose agent's buffer reached Faust's high-pressure mark (80%), each until
    Faust reports it down to 40% (its pressure drop): the fetch loop waits before handing
    over another of their records."""

    def __init__(self) -> None:
        self._waiting: dict[Hashable, asyncio.Event] = {}

    def __contains__(self, tp: Hashable) -> bool:
        return tp in self._waiting

    def full(self, tp: Hashable) -> None:
        self._waiting.setdefault(tp, asyncio.Event())

    def drop(self, tp: Hashable) -> None:
        room = self._waiting.pop(tp, None)
        if room is not None:
            room.set()

    async def wait(self, tp: Hashable, suspended: Callable[[], Awaitable[Any]]) -> None:
        """Until ``tp``'s buffer is down to 40%, or the flow is suspended (a rebalance: Faust
        clears the buffers, and ``tp`` is forgotten here, so a drop that never comes cannot
        hold the loop; the record then meets the suspension in its callback)."""
        room = self._waiting.get(tp)
        if room is None:
            return
        waits = {asyncio.ensure_future(room.wait()), asyncio.ensure_future(suspended())}
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()
        self._waiting.pop(tp, None)


async def drain_messages(consumer: Any, fetcher: Any) -> None:  # pragma: no cover - the broker's
    """Faust 0.15.3's ``Consumer._drain_messages`` with the callback's first step inline
    (:func:`first_step`) and the wait for a buffer's room (:class:`Room`, the consumer's
    ``room``); every other line as Faust has it."""
    self = consumer
    callback = self.callback
    getmany = self.getmany
    consumer_should_stop = self._stopped.is_set
    fetcher_should_stop = fetcher._stopped.is_set

    get_read_offset = self._read_offset.__getitem__
    set_read_offset = self._read_offset.__setitem__
    flag_consumer_fetching = CONSUMER_FETCHING
    set_flag = self.diag.set_flag
    unset_flag = self.diag.unset_flag
    commit_every = self._commit_every
    acks_enabled_for = self.app.topics.acks_enabled_for

    yield_every = 100
    num_since_yield = 0
    sleep = asyncio.sleep
    room: Room = self.room
    inflight: InFlight = self.inflight
    suspended = self.suspend_flow.wait

    try:
        while not (consumer_should_stop() or fetcher_should_stop()):
            set_flag(flag_consumer_fetching)
            ait = getmany(timeout=1.0)

            # Sleeping because sometimes getmany is called in a loop
            # never releasing to the event loop
            await self.sleep(0)
            if not self.should_stop:
                async for tp, message in ait:
                    num_since_yield += 1
                    if num_since_yield > yield_every:
                        await sleep(0)
                        num_since_yield = 0

                    offset = message.offset
                    r_offset = get_read_offset(tp)
                    if r_offset is None or offset >= r_offset:
                        gap = offset - (r_offset or 0)
                        # We have a gap in income messages
                        if gap > 1 and r_offset:
                            acks_enabled = acks_enabled_for(message.topic)
                            if acks_enabled:
                                await self._add_gap(tp, r_offset + 1, offset)
                        if commit_every is not None and self._n_acked >= commit_every:
                            self._n_acked = 0
                            await self.commit()
                        if tp in room:  # its agent's buffer is at 80%: wait for 40%
                            await room.wait(tp, suspended)
                        # WIRE_INFLIGHT_BYTES unacked: wait for half. Only records the agents
                        # acknowledge: Faust's recovery keeps up to 1,000 changelog records
                        # unacked in its buffers until more come (streams.worker.inflight).
                        if acks_enabled_for(message.topic):
                            if inflight.full():
                                await inflight.wait(suspended)
                            inflight.add(message)
                        rest = first_step(callback(message))
                        if rest is not None:
                            await self.wait_first(rest, self.suspend_flow.wait())
                        set_read_offset(tp, offset)
                    else:
                        self.log.dev(
                            "DROPPED MESSAGE ROFF %r: k=%r v=%r",
                            offset,
                            message.key,
                            message.value,
                        )
                unset_flag(flag_consumer_fetching)

    except self.consumer_stopped_errors:
        if self.transport.app.should_stop:
            # we're already stopping so ignore
            self.log.info("Broker stopped consumer, shutting down...")
            return
        raise
    except asyncio.CancelledError:
        if self.transport.app.should_stop:
            # we're already stopping so ignore
            self.log.info("Consumer shutting down for user cancel.")
            return
        raise
    except Exception as exc:
        self.log.exception("Drain messages raised: %r", exc)
        raise
    finally:
        unset_flag(flag_consumer_fetching)
