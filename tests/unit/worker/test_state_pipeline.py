"""The route agent's pipelined state write (``WIRE_STATE_PIPELINE``, at least once): a batch's
changelog acknowledgements overlap the next batch, never its commit or the next state write."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from typing import Any

import faust
import pytest
from aiokafka.errors import ProducerFenced

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import RawMessage
from streams.settings import Settings
from streams.worker.agents import Stages, register
from streams.worker.batching import take_batches
from streams.worker.delivery import Deliverer
from streams.worker.replay import ReplayGuard
from streams.worker.stats import Stats

PATIENCE = 10.0
STORIES = [
    b"Talks in Paris\n\nPARIS (Wire) - Officials met in Paris on Tuesday to talk.\n",
    b"Floods in Lyon\n\nLYON (Wire) - The river rose over its banks in Lyon overnight.\n",
]


class Message:
    def __init__(self, topic: str, offset: int) -> None:
        self.topic, self.partition, self.offset, self.timestamp = topic, 0, offset, 1.7e9
        self.tp = (topic, 0)


class Event:
    def __init__(self, offset: int, value: bytes) -> None:
        self.message = Message("wire.items", offset)
        self.headers = {"wire-source": b"test"}
        self.value = value


class Pending:
    """A batch's changelog records, acknowledged when the test says so."""

    def __init__(self, log: list[str], n: int, outcome: list[BaseException]) -> None:
        self.log, self.n, self.outcome = log, n, outcome
        self.acked = asyncio.Event()

    async def settle(self) -> list[BaseException]:
        await self.acked.wait()
        self.log.append(f"state {self.n} acknowledged")
        return self.outcome


class State:
    """A batch state that records when each batch's state is sent."""

    def __init__(self, log: list[str], *outcomes: list[BaseException]) -> None:
        self.log, self.outcomes = log, list(outcomes)
        self.pending: list[Pending] = []
        self.discarded = 0

    def begin(self, origin: object) -> None:
        return None

    def discard(self) -> None:
        self.discarded += 1

    def stale(self) -> bool:
        return False

    async def apply(self) -> list[BaseException]:
        raise AssertionError("a pipelined batch does not wait for its state in the agent")

    async def start(self) -> Pending:
        n = len(self.pending) + 1
        self.log.append(f"state {n} sent")
        pending = Pending(self.log, n, self.outcomes.pop(0) if self.outcomes else [])
        self.pending.append(pending)
        return pending


def _harness(
    state: State,
    log: list[str],
    held: list[asyncio.Future[Any]] | None = None,
    pipelined: bool = True,
) -> tuple[Stages, list[Event], list[tuple[int, bool]]]:
    """``held``: each output's acknowledgement is a future there, set by the test (None:
    acknowledged at once)."""
    pipeline = build_pipeline(Settings(), MemoryStore())
    events = []
    for n, story in enumerate(STORIES, start=1):
        [record] = pipeline.stage1_records(RawMessage(story, {"wire-source": b"test"}))
        events.append(Event(n, record.value))

    async def send(topic: str, key: Any, value: bytes, headers: Any) -> Any:
        log.append(f"output {'1' if value == events[0].value else '2'} sent")
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        if held is None:
            fut.set_result(None)
        else:
            held.append(fut)
        return fut

    done: list[tuple[int, bool]] = []

    def finished(batch: Sequence[Any], ok: bool) -> None:
        done.extend((e.message.offset, ok) for e in batch)

    fatal: list[str] = []
    stages = Stages(
        pipeline,
        Deliverer(send, on_fatal=fatal.append),
        Stats(),
        state,  # type: ignore[arg-type]
        finished=finished,
        pipelined=pipelined,
    )
    return stages, events, done


async def test_a_batch_is_done_only_after_its_outputs_then_its_state() -> None:
    # Pipelined, the route agent moves on once a batch's outputs are acknowledged and its
    # state is sent; the batch is reported done (its offsets become committable:
    # test_a_batch_is_acknowledged_only_after_its_state_and_in_order) only once its outputs,
    # and then its changelog records, are acknowledged; the next batch's outputs may be
    # sent before that, never its state (session 36: the order with outputs held back).
    log: list[str] = []
    state = State(log)
    held: list[asyncio.Future[Any]] = []
    stages, (first, second), done = _harness(state, log, held)
    route = asyncio.ensure_future(stages.route_batch([first]))
    for _ in range(50):
        await asyncio.sleep(0)
    assert log == ["output 1 sent"] and len(held) == 1
    assert not route.done() and stages.take_tail() is None and done == []
    held[0].set_result(None)  # the output is in Kafka: now (only now) the state is sent
    await asyncio.wait_for(route, PATIENCE)
    assert log == ["output 1 sent", "state 1 sent"]
    tail = stages.take_tail()
    assert tail is not None and not tail.done() and done == []
    # The next batch is decided and its output sent while the first's state is in flight.
    route = asyncio.ensure_future(stages.route_batch([second]))
    for _ in range(50):
        await asyncio.sleep(0)
    assert log[2:] == ["output 2 sent"] and done == []
    state.pending[0].acked.set()
    assert await asyncio.wait_for(tail, PATIENCE)
    assert done == [(1, True)]  # the second's output is not acknowledged: not done
    assert not route.done() and "state 2 sent" not in log
    held[1].set_result(None)
    await asyncio.wait_for(route, PATIENCE)
    state.pending[1].acked.set()
    second_tail = stages.take_tail()
    assert second_tail is not None and await asyncio.wait_for(second_tail, PATIENCE)
    assert done == [(1, True), (2, True)]


async def test_the_next_batch_is_delivered_before_the_last_state_is_acknowledged() -> None:
    log: list[str] = []
    state = State(log)
    stages, (first, second), done = _harness(state, log)
    await asyncio.wait_for(stages.route_batch([first]), PATIENCE)
    tail = stages.take_tail()
    assert tail is not None and not tail.done() and stages.take_tail() is None
    assert done == []  # not done until its changelog is in Kafka
    route = asyncio.ensure_future(stages.route_batch([second]))
    for _ in range(50):
        await asyncio.sleep(0)
    # The second batch was decided and delivered; its state waits for the first's.
    assert log == ["output 1 sent", "state 1 sent", "output 2 sent"]
    assert not route.done()
    state.pending[0].acked.set()
    await asyncio.wait_for(route, PATIENCE)
    assert await asyncio.wait_for(tail, PATIENCE)
    assert log[3:] == ["state 1 acknowledged", "state 2 sent"]
    assert done == [(1, True)]
    state.pending[1].acked.set()
    second_tail = stages.take_tail()
    assert second_tail is not None and await asyncio.wait_for(second_tail, PATIENCE)
    assert done == [(1, True), (2, True)]


async def test_a_batch_after_a_state_that_could_not_be_written_is_abandoned() -> None:
    log: list[str] = []
    state = State(log, [ProducerFenced()])
    stages, (first, second), done = _harness(state, log)
    await asyncio.wait_for(stages.route_batch([first]), PATIENCE)
    tail = stages.take_tail()
    route = asyncio.ensure_future(stages.route_batch([second]))
    state.pending[0].acked.set()
    await asyncio.wait_for(route, PATIENCE)
    assert tail is not None and not await tail
    # Both read again by the partition's next owner; the second's state never sent.
    assert done == [(1, False), (2, False)]
    assert log.count("state 2 sent") == 0 and state.discarded >= 2
    assert stages.take_tail() is None


async def test_a_batch_is_acknowledged_only_after_its_state_and_in_order() -> None:
    loop = asyncio.get_running_loop()
    app = faust.App("test-state-pipeline", store="memory://", loop=loop)
    app.transport.loop = loop
    got: asyncio.Queue[Sequence[Any]] = asyncio.Queue()
    go = asyncio.Event()
    tails: list[asyncio.Future[bool] | None] = []

    def after() -> asyncio.Future[bool] | None:
        return tails.pop(0)

    async def agent(stream: Any) -> AsyncIterator[None]:
        async for events in take_batches(stream, 10, 0.0, after=after):
            await got.put(events)
            await go.wait()
            go.clear()
        yield None  # pragma: no cover

    faust_agent = app.agent(name="pipelined")(agent)
    state_1: asyncio.Future[bool] = loop.create_future()
    tails.extend([state_1, None])  # the second batch left no state to wait for
    try:
        async with faust_agent.test_context() as running:
            first = await running.put(b"a", wait=False)
            await asyncio.wait_for(got.get(), PATIENCE)
            second = await running.put(b"b", wait=False)
            go.set()
            await asyncio.wait_for(got.get(), PATIENCE)
            assert not first.message.acked  # its state is not in Kafka yet
            third = await running.put(b"c", wait=False)
            go.set()
            await asyncio.wait_for(got.get(), PATIENCE)
            for _ in range(20):
                await asyncio.sleep(0)
            # The second batch had nothing to wait for, but is acknowledged after the first.
            assert not first.message.acked and not second.message.acked
            state_1.set_result(True)
            for _ in range(20):
                await asyncio.sleep(0)
            assert first.message.acked and second.message.acked
            assert not third.message.acked
            tails.append(None)
            go.set()
    finally:
        consumer = app._consumer
        if consumer is not None:
            consumer._thread.thread_loop.close()


class _Channel:
    def __aiter__(self) -> _Channel:
        return self


class _StoppedStream:
    """A route agent's stream whose worker is stopping: the agent is cancelled in its wait."""

    enable_acks = True
    should_stop = False
    channel = _Channel()

    def add_processor(self, processor: Any) -> None:
        return None

    def _enable_passive(self, channel: Any) -> None:
        return None

    async def wait_for_stopped(self, event: Any, timeout: float | None = None) -> bool:
        raise asyncio.CancelledError


class _App:
    def __init__(self) -> None:
        self.agents: dict[str, Any] = {}

    def topic(self, *args: Any, **kwargs: Any) -> str:
        return str(args[0])

    def agent(self, topic: str, *, name: str) -> Any:
        def define(fun: Any) -> Any:
            self.agents[name] = fun
            return fun

        return define


async def test_a_stopped_route_agent_leaves_no_state_task_running() -> None:
    # Not pipelined, a stop cancels the agent's own wait for its state; pipelined, the task
    # awaiting the last batch's changelog outlived the agent (and its retries with it).
    log: list[str] = []
    state = State(log)
    stages, (first, _), done = _harness(state, log)
    await asyncio.wait_for(stages.route_batch([first]), PATIENCE)
    tail = stages._state_tail
    assert tail is not None and not tail.done()
    app = _App()
    settings = Settings().with_(batch_size=10, state_pipeline=1)
    register(app, stages, stages.pipeline.topics, settings, ReplayGuard())
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(app.agents["route"](_StoppedStream()), PATIENCE)
    for _ in range(5):
        await asyncio.sleep(0)
    assert tail.cancelled()
    state.pending[0].acked.set()
    for _ in range(5):
        await asyncio.sleep(0)
    assert done == []  # never reported done: read again after the restart
    assert stages.take_tail() is None


async def test_no_batch_is_acknowledged_after_one_whose_state_task_failed() -> None:
    loop = asyncio.get_running_loop()
    app = faust.App("test-state-pipeline-gap", store="memory://", loop=loop)
    app.transport.loop = loop
    got: asyncio.Queue[Sequence[Any]] = asyncio.Queue()
    go = asyncio.Event()
    tails: list[asyncio.Future[bool] | None] = []

    def after() -> asyncio.Future[bool] | None:
        return tails.pop(0)

    async def agent(stream: Any) -> AsyncIterator[None]:
        async for events in take_batches(stream, 10, 0.0, after=after):
            await got.put(events)
            await go.wait()
            go.clear()
        yield None  # pragma: no cover

    faust_agent = app.agent(name="pipelined-gap")(agent)
    state_1: asyncio.Future[bool] = loop.create_future()
    tails.extend([state_1, None, None])
    try:
        async with faust_agent.test_context() as running:
            first = await running.put(b"a", wait=False)
            await asyncio.wait_for(got.get(), PATIENCE)
            second = await running.put(b"b", wait=False)
            go.set()
            await asyncio.wait_for(got.get(), PATIENCE)
            state_1.cancel()  # the first batch's state task did not finish
            for _ in range(20):
                await asyncio.sleep(0)
            third = await running.put(b"c", wait=False)
            go.set()  # the second batch done, with no state task of its own
            await asyncio.wait_for(got.get(), PATIENCE)
            for _ in range(20):
                await asyncio.sleep(0)
            assert not first.message.acked
            assert not second.message.acked  # acknowledged inline, past the first: a gap
            go.set()
            for _ in range(20):
                await asyncio.sleep(0)
            assert not third.message.acked
    finally:
        consumer = app._consumer
        if consumer is not None:
            consumer._thread.thread_loop.close()
