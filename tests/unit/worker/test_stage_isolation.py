"""The parse and route agents share one ``Stages``: one agent's crash must not touch the
other's batch.

Both agents run at once in one worker (two asyncio tasks), each awaiting Kafka in the middle
of its batch. Found 2026-12-04 in the broker logs of a passing run of
``test_agent_crash.py::test_an_event_that_always_crashes_after_queueing_is_a_dead_letter_exactly_once``:
a process routed 13 items in a committed transaction with no dedup changelog record at all,
because the parse agent's crash, while the route agent awaited its outputs, dropped the route
batch's pending state writes. A story routed without its state is routed again by any redo of
its ``wire.items`` record, with no duplicate record: the CI run's doubled item.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator, Sequence
from typing import Any

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore, OverlayStore
from streams.core.model import RawMessage
from streams.core.pipeline import Pipeline
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.stats import Stats

from .test_agents import STORY, Event
from .test_crash_guard import RAW, poisoned

ITEMS = "wire.items"


class OverlayState:
    """The worker's ``BatchState`` without Faust: an overlay whose writes reach the base store
    (the table and its changelog) only when applied."""

    def __init__(self, overlay: OverlayStore) -> None:
        self.overlay = overlay
        self.base = MemoryStore()
        overlay.base = self.base
        self.written: list[str] = []

    def begin(self, origin: object) -> None:
        self.overlay.origin = origin

    def discard(self) -> None:
        self.overlay.drain()

    def stale(self) -> bool:
        return False

    async def apply(self) -> list[BaseException]:
        for _, key, value in self.overlay.drain():
            self.base.set(key, value)
            self.written.append(key)
        return []


@functools.cache
def route_pipeline() -> tuple[Pipeline, OverlayStore]:
    """One pipeline over an overlay for every test (building one takes seconds)."""
    overlay = OverlayStore(MemoryStore())
    return build_pipeline(Settings(), overlay), overlay


def fresh_state() -> tuple[Pipeline, OverlayState]:
    pipeline, overlay = route_pipeline()
    overlay.drain()
    pipeline.deduper.invalidate()
    return pipeline, OverlayState(overlay)


def items_event(offset: int, pipeline: Pipeline) -> Event:
    """The ``wire.items`` record stage 1 makes of the test story."""
    [record] = pipeline.stage1_records(RawMessage(STORY, {"wire-source": b"test"}))
    event = Event(ITEMS, offset, record.value)
    event.headers = dict(record.headers)
    return event


class HeldSend:
    """Acknowledges every record; a regional record only once ``release`` is set (the route
    agent awaiting Kafka), and ``waiting`` says one is held."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.waiting = asyncio.Event()
        self.sent: list[str] = []

    async def __call__(self, topic: str, key: Any, value: bytes, headers: Any) -> Any:
        if ".region." in topic:
            self.waiting.set()
            await self.release.wait()
        self.sent.append(topic)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        fut.set_result(None)
        return fut


async def test_a_parse_crash_while_a_route_batch_awaits_kafka_keeps_that_batchs_state() -> None:
    pipeline, state = fresh_state()
    send = HeldSend()
    reports: list[tuple[str, bool]] = []
    stage = Stages(
        pipeline,
        Deliverer(send, on_fatal=[].append),
        Stats(),
        state,
        finished=lambda evs, ok: reports.append((evs[0].message.topic, ok)),
    )
    route = asyncio.create_task(stage.guarded(stage.route_batch, [items_event(9, pipeline)]))
    await send.waiting.wait()  # decided, its outputs on their way
    await stage.guarded(stage.parse_batch, [poisoned(3)])  # crashes 3 times: a dead letter
    send.release.set()
    await route
    assert (ITEMS, True) in reports  # routed, so committed with its offset...
    assert [k for k in state.written if k.startswith("s:")]  # ...and with its story's state


class Scope:
    """An event scope that can hold the next batch entering it (a commit waiting for the
    batches in flight holds every new one at the gate)."""

    def __init__(self) -> None:
        self.hold: asyncio.Event | None = None

    def __call__(self) -> contextlib.AbstractAsyncContextManager[None]:
        return self._scope()

    @contextlib.asynccontextmanager
    async def _scope(self) -> AsyncIterator[None]:
        hold, self.hold = self.hold, None
        if hold is not None:
            await hold.wait()
        yield


async def test_a_route_attempt_beginning_does_not_stop_a_parse_crash_giving_up_its_txns() -> None:
    # The parse batch queued its items and then crashed; meanwhile the route agent began an
    # attempt (held at the commit gate). The parse crash must still give its transactions
    # up: redone in them, its items would be committed twice.
    pipeline, state = fresh_state()
    send = HeldSend()
    scope = Scope()
    given_up: list[list[int]] = []
    stage = Stages(
        pipeline,
        Deliverer(send, on_fatal=[].append),
        Stats(),
        state,
        scope,
        abandon=lambda events, why: given_up.append([e.message.offset for e in events]),
    )
    parse_sent, crash_now = asyncio.Event(), asyncio.Event()
    deliver = stage.deliverer.deliver

    async def crashing(
        records: Sequence[Any], origins: Sequence[Any] | None = None, dead_letter: Any = None
    ) -> bool:
        ok = await deliver(records, origins, dead_letter)
        if all(r.topic == ITEMS for r in records):  # a bug after stage 1's outputs went out
            parse_sent.set()
            await crash_now.wait()
            raise RuntimeError("a bug after the outputs were sent")
        return ok

    stage.deliverer.deliver = crashing  # type: ignore[method-assign]
    parse = asyncio.create_task(
        stage.guarded(stage.parse_batch, [Event(RAW, 5, STORY), Event(RAW, 6, STORY)])
    )
    await parse_sent.wait()
    scope.hold = route_may_go = asyncio.Event()
    route = asyncio.create_task(stage.guarded(stage.route_batch, [items_event(9, pipeline)]))
    for _ in range(5):
        await asyncio.sleep(0)  # the route attempt begins and waits at the gate
    crash_now.set()
    await parse
    assert given_up == [[5, 6]]
    assert send.sent.count(ITEMS) == 2  # each item queued once, never redone in the same txn
    route_may_go.set()
    send.release.set()
    await route
