"""Agent batches start at their first event, grow with the load, and are acknowledged late."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from typing import Any

import faust

from streams.worker.batching import take_batches

#: Generous: a batch handed over by a timer of this length or longer fails the test.
PATIENCE = 10.0


class Harness:
    """A Faust agent (Faust's own test context, a real stream) taking batches, each held
    until the test releases it."""

    def __init__(self, max_: int, linger: float, gap: float | None = None) -> None:
        loop = asyncio.get_running_loop()
        self.app = faust.App("test-batching", store="memory://", loop=loop)
        self.app.transport.loop = loop  # else Faust's transport makes a loop of its own
        self.batches: asyncio.Queue[Sequence[Any]] = asyncio.Queue()
        self.release = asyncio.Event()
        batches, release = self.batches, self.release

        async def agent(stream: Any) -> AsyncIterator[None]:
            async for events in take_batches(stream, max_, linger, gap):
                release.clear()
                await batches.put(events)
                await release.wait()
            yield None  # pragma: no cover - an agent must be an async generator or coroutine

        self.agent = self.app.agent(name="batching")(agent)

    @contextlib.asynccontextmanager
    async def run(self) -> AsyncIterator[Any]:
        """Faust's agent test context; the consumer thread's own loop is closed after it
        (the thread never starts here, and Faust leaves its loop open)."""
        try:
            async with self.agent.test_context() as agent:
                yield agent
        finally:
            consumer = self.app._consumer
            if consumer is not None:
                consumer._thread.thread_loop.close()

    async def next(self) -> list[Any]:
        events = await asyncio.wait_for(self.batches.get(), PATIENCE)
        return [e.value for e in events]


async def test_a_lone_event_is_handed_over_without_waiting_for_a_timer() -> None:
    # Faust's take_events(100, within=10 s) would hold it for 10 s.
    h = Harness(100, 0.0)
    async with h.run() as agent:
        await agent.put(b"one", wait=False)
        assert await h.next() == [b"one"]
        h.release.set()


async def test_events_that_arrive_while_the_agent_is_busy_make_one_batch_of_at_most_max() -> None:
    h = Harness(3, 0.0)
    async with h.run() as agent:
        await agent.put(b"0", wait=False)
        assert await h.next() == [b"0"]
        for n in range(1, 6):  # the agent is still on its first batch
            await agent.put(str(n).encode(), wait=False)
        h.release.set()
        assert await h.next() == [b"1", b"2", b"3"]
        h.release.set()
        assert await h.next() == [b"4", b"5"]
        h.release.set()


async def test_a_batch_is_acknowledged_only_when_the_agent_asks_for_the_next() -> None:
    h = Harness(10, 0.0)
    async with h.run() as agent:
        first = await agent.put(b"a", wait=False)
        await h.next()
        await asyncio.sleep(0)
        assert not first.message.acked  # its outputs may not be in Kafka yet
        second = await agent.put(b"b", wait=False)
        h.release.set()
        assert await h.next() == [b"b"]
        assert first.message.acked
        assert not second.message.acked
        h.release.set()


async def test_with_a_linger_a_batch_waits_for_more_events_until_full() -> None:
    h = Harness(2, PATIENCE * 10)
    async with h.run() as agent:
        await agent.put(b"a", wait=False)
        await asyncio.sleep(0)
        await agent.put(b"b", wait=False)
        assert await h.next() == [b"a", b"b"]
        h.release.set()


async def test_with_a_gap_a_lone_event_goes_after_the_gap_not_the_whole_linger() -> None:
    # At half of the saturation rate most batches are one record: the linger was pure delay.
    h = Harness(100, PATIENCE * 10, gap=0.01)
    async with h.run() as agent:
        loop = asyncio.get_running_loop()
        began = loop.time()
        await agent.put(b"alone", wait=False)
        assert await h.next() == [b"alone"]
        assert loop.time() - began < PATIENCE
        h.release.set()


async def test_with_a_gap_a_batch_keeps_waiting_while_events_keep_arriving() -> None:
    # Each event comes well within the gap of the one before: one batch of all of them.
    h = Harness(100, PATIENCE * 10, gap=0.5)
    async with h.run() as agent:
        for n in range(4):
            await agent.put(str(n).encode(), wait=False)
            await asyncio.sleep(0.002)
        assert await h.next() == [b"0", b"1", b"2", b"3"]
        h.release.set()


async def test_with_a_gap_a_batch_stops_at_the_linger_even_while_events_keep_arriving() -> None:
    h = Harness(100, 0.02, gap=PATIENCE)
    async with h.run() as agent:
        sent = 0
        while h.batches.empty() and sent < 1000:  # an event every 5 ms, past the linger
            await agent.put(str(sent).encode(), wait=False)
            sent += 1
            await asyncio.sleep(0.005)
        assert sent < 1000  # handed over by the linger, not by a gap or a full batch
        assert 1 <= len(await h.next()) <= sent
        h.release.set()


async def test_with_a_gap_a_batch_after_a_backlog_waits_the_whole_linger() -> None:
    # An event that came while the agent worked means a backlog: batches grow as before
    # the gap (a lull of one gap between two fetches must not cut them short: CPU per item).
    h = Harness(100, 0.5, gap=0.001)
    async with h.run() as agent:
        loop = asyncio.get_running_loop()
        await agent.put(b"a", wait=False)
        assert await h.next() == [b"a"]
        await agent.put(b"b", wait=False)  # while the agent holds its first batch
        await asyncio.sleep(0.01)
        h.release.set()
        await asyncio.sleep(0.05)  # fifty gaps, well within the linger
        await agent.put(b"c", wait=False)
        assert await h.next() == [b"b", b"c"]
        h.release.set()
        await asyncio.sleep(0.01)
        began = loop.time()  # idle again: a lone event goes after a gap
        await agent.put(b"d", wait=False)
        assert await h.next() == [b"d"]
        assert loop.time() - began < 0.5
        h.release.set()


async def test_with_a_gap_a_full_batch_goes_at_once() -> None:
    h = Harness(2, PATIENCE * 10, gap=PATIENCE)
    async with h.run() as agent:
        await agent.put(b"a", wait=False)
        await agent.put(b"b", wait=False)
        assert await h.next() == [b"a", b"b"]
        h.release.set()


async def test_a_batch_the_agent_abandons_is_never_acknowledged() -> None:
    # A stopping or crashing agent leaves its batch unfinished: its outputs may never have
    # been sent. Acknowledged, the batch's offsets would be committed as done (lost).
    loop = asyncio.get_running_loop()
    app = faust.App("test-batching-abandon", store="memory://", loop=loop)
    app.transport.loop = loop
    got: asyncio.Queue[Sequence[Any]] = asyncio.Queue()
    abandon = asyncio.Event()
    abandoned = asyncio.Event()

    async def agent(stream: Any) -> AsyncIterator[None]:
        batches = take_batches(stream, 10, 0.0)
        await got.put(await batches.__anext__())
        await abandon.wait()
        await batches.aclose()  # what finalizing a cancelled agent's generator does
        abandoned.set()
        await asyncio.Event().wait()
        yield None  # pragma: no cover

    faust_agent = app.agent(name="abandon")(agent)
    try:
        async with faust_agent.test_context() as running:
            first = await running.put(b"a", wait=False)
            assert [e.value for e in await asyncio.wait_for(got.get(), PATIENCE)] == [b"a"]
            abandon.set()
            await asyncio.wait_for(abandoned.wait(), PATIENCE)
            assert not first.message.acked
    finally:
        consumer = app._consumer
        if consumer is not None:
            consumer._thread.thread_loop.close()
