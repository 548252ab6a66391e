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
import functools
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
from .test_crash_guard import poisoned

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
