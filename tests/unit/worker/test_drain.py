"""The fetch loop's callback, run inline up to its first wait, ends as Faust's race would."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from faust.transport.consumer import Consumer as FaustConsumer
from faust.types import TP, Message
from mode.utils.queues import FlowControlEvent, FlowControlQueue

from streams.worker.drain import Room, drain_messages, first_step
from streams.worker.inflight import InFlight
from streams.worker.replay import ReplayTransport, SeekTrackingConsumer


async def test_a_callback_that_never_waits_is_done_inline() -> None:
    seen: list[int] = []

    async def deliver() -> None:
        seen.append(1)

    assert first_step(deliver()) is None
    assert seen == [1]


async def test_a_callback_that_raises_before_waiting_raises_at_once() -> None:
    async def broken() -> None:
        raise ValueError("bad record")

    with pytest.raises(ValueError, match="bad record"):
        first_step(broken())


async def test_a_callback_waiting_for_room_finishes_when_there_is_room() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
    queue.put_nowait(0)

    async def deliver() -> str:
        await asyncio.sleep(0)  # a bare yield first
        await queue.put(1)
        return "put"

    rest = first_step(deliver())
    assert rest is not None
    task = asyncio.ensure_future(rest)
    await asyncio.sleep(0.01)
    assert not task.done()
    assert queue.get_nowait() == 0
    assert await asyncio.wait_for(task, 1) == "put"
    assert queue.get_nowait() == 1


async def test_a_suspension_cancels_the_waiting_callback_where_it_waits() -> None:
    queue: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
    queue.put_nowait(0)
    where: list[str] = []

    async def deliver() -> None:
        try:
            await queue.put(1)
        except asyncio.CancelledError:
            where.append("cancelled at put")
            raise

    rest = first_step(deliver())
    assert rest is not None
    task = asyncio.ensure_future(rest)
    await asyncio.sleep(0)
    task.cancel()  # what wait_first does to the loser when the flow is suspended
    with pytest.raises(asyncio.CancelledError):
        await task
    assert where == ["cancelled at put"]
    queue.get_nowait()
    await asyncio.sleep(0)
    assert queue.empty()  # the cancelled put left nothing behind


async def test_faust_flow_control_suspension_reaches_a_put_in_progress() -> None:
    flow = FlowControlEvent()
    queue: FlowControlQueue[int] = FlowControlQueue(maxsize=10, flow_control=flow)
    flow.suspend()

    async def deliver() -> None:
        await queue.put(1)

    rest = first_step(deliver())
    assert rest is not None  # suspended flow: the put waits
    task = asyncio.ensure_future(rest)
    await asyncio.sleep(0)
    flow.resume()
    await asyncio.wait_for(task, 1)
    assert queue.get_nowait() == 1


def test_the_workers_consumer_uses_the_lighter_loop() -> None:
    assert SeekTrackingConsumer._drain_messages is not FaustConsumer._drain_messages


def _consumer(*, inline: bool, tp: TP) -> SeekTrackingConsumer:
    """A SeekTrackingConsumer with only what Faust's flow control reads (no services)."""
    c = SeekTrackingConsumer.__new__(SeekTrackingConsumer)
    transport = ReplayTransport.__new__(ReplayTransport)
    transport.inline_handover = inline
    app = SimpleNamespace(in_recovery=False)
    c.__dict__.update(
        transport=transport,
        app=app,
        _active_partitions={tp},
        _buffered_partitions=set(),
        room=Room(),
    )
    return c


@pytest.mark.parametrize(("inline", "fetched", "held"), [(True, True, True), (False, False, False)])
def test_a_buffer_at_80_percent_is_waited_for_only_with_the_inline_handover(
    inline: bool, fetched: bool, held: bool
) -> None:
    """Inline, the fetch loop holds back the partition's records until its buffer drops to
    40% and keeps it in the fetch; Faust's loop takes it out of the fetch (session 18: that
    left the inline loop waiting on the other partitions while the agents ran dry)."""
    tp = TP("wire.raw", 0)
    c = _consumer(inline=inline, tp=tp)
    c.on_buffer_full(tp)
    assert (tp in c._get_active_partitions()) is fetched
    assert (tp in c.room) is held
    c.on_buffer_drop(tp)
    assert tp in c._get_active_partitions()
    assert tp not in c.room


def test_tables_in_recovery_are_never_held_back() -> None:
    tp = TP("wire.items", 0)
    c = _consumer(inline=True, tp=tp)
    c.app.in_recovery = True
    c.on_buffer_full(tp)
    assert tp not in c.room


async def test_the_wait_for_room_ends_when_the_buffer_drops() -> None:
    room, tp, suspended = Room(), TP("wire.raw", 0), asyncio.Event()
    await asyncio.wait_for(room.wait(tp, suspended.wait), 1)  # not full: no wait
    room.full(tp)
    waiting = asyncio.ensure_future(room.wait(tp, suspended.wait))
    await asyncio.sleep(0.01)
    assert not waiting.done()
    room.drop(tp)
    await asyncio.wait_for(waiting, 1)
    assert tp not in room


async def test_a_suspended_flow_ends_the_wait_and_forgets_the_partition() -> None:
    """A rebalance clears the buffers; a drop may never be reported for them."""
    room, tp, suspended = Room(), TP("wire.raw", 0), asyncio.Event()
    room.full(tp)
    waiting = asyncio.ensure_future(room.wait(tp, suspended.wait))
    await asyncio.sleep(0.01)
    suspended.set()
    await asyncio.wait_for(waiting, 1)
    assert tp not in room


def _fetch_loop(
    fetched: list[Message], acking: set[str], limit: int
) -> tuple[SimpleNamespace, SimpleNamespace, list[Message]]:
    """A consumer as :func:`drain_messages` reads it, whose one fetch is ``fetched``; its
    callback keeps every record it is handed (nothing acks), as Faust's recovery keeps a
    changelog's records in its buffers."""
    stopped, fetcher_stopped = asyncio.Event(), asyncio.Event()
    kept: list[Message] = []

    async def getmany(timeout: float) -> Any:
        stopped.set()  # one fetch, then the loop ends
        for message in fetched:
            yield TP(message.topic, 0), message

    async def callback(message: Message) -> None:
        kept.append(message)

    async def nothing(*_: Any) -> None:
        return None

    consumer = SimpleNamespace(
        callback=callback,
        getmany=getmany,
        _stopped=stopped,
        _read_offset={TP(t, 0): None for t in {m.topic for m in fetched}},
        diag=SimpleNamespace(set_flag=lambda flag: None, unset_flag=lambda flag: None),
        _commit_every=None,
        app=SimpleNamespace(topics=SimpleNamespace(acks_enabled_for=acking.__contains__)),
        room=Room(),
        inflight=InFlight(limit),
        suspend_flow=asyncio.Event(),
        sleep=nothing,
        should_stop=False,
        consumer_stopped_errors=(),
        transport=SimpleNamespace(app=SimpleNamespace(should_stop=False)),
    )
    return consumer, SimpleNamespace(_stopped=fetcher_stopped), kept


def _record(topic: str, offset: int, size: int) -> Message:
    return Message(topic, 0, offset, 0.0, 0, [], None, b"v" * size, None)


async def test_changelog_records_are_neither_counted_nor_held_back_by_the_byte_bound() -> None:
    """Faust's recovery keeps a table's changelog records in a buffer applied every 1,000
    records (``recovery_buffer_size``, and ``standby_buffer_size`` for a standby's, which
    are read all along): never acked, not freed until the buffer fills, and the buffer fills
    only with records the fetch loop hands over. Counted, 64 KiB of them at a 64 KiB bound
    held the loop for good (a standby's, or an active table's recovery)."""
    changelog = [_record("w-dedup-changelog", n, 1024) for n in range(100)]
    raw = _record("wire.raw", 0, 2048)
    consumer, fetcher, kept = _fetch_loop([*changelog, raw], {"wire.raw"}, 64 * 1024)
    await asyncio.wait_for(drain_messages(consumer, fetcher), 2)
    assert kept == [*changelog, raw]
    assert (consumer.inflight.total, consumer.inflight.waits) == (2048, 0)
