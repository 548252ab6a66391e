"""Stage 2 rebuilds the derived dedup index when the table was recovered under it."""

from __future__ import annotations

from typing import Any

import orjson

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import RawMessage
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.stats import Stats
from tests.unit.core.dedup.conftest import FLOOD, MARKETS


class Message:
    def __init__(self, offset: int) -> None:
        self.topic, self.partition, self.offset, self.timestamp = "wire.items", 0, offset, 1.7e9
        self.tp = ("wire.items", 0)


class Event:
    def __init__(self, offset: int, value: bytes, headers: dict[str, bytes]) -> None:
        self.message = Message(offset)
        self.headers = headers
        self.value = value


class Recovering:
    """A batch state whose table was recovered (stale) once, before the next batch."""

    def __init__(self) -> None:
        self.recovered = False

    def begin(self, origin: object) -> None:
        return None

    def discard(self) -> None:
        return None

    def stale(self) -> bool:
        stale, self.recovered = self.recovered, False
        return stale

    async def apply(self) -> list[BaseException]:
        return []


async def send(topic: str, key: Any, value: bytes, headers: Any, partition: Any = None) -> Any:
    import asyncio

    fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    fut.set_result(None)
    return fut


def story(uri: str, paras: list[str]) -> RawMessage:
    doc = {"uri": uri, "headline": "Flash floods kill four", "body_text": "\n\n".join(paras)}
    return RawMessage(orjson.dumps(doc), {"wire-source": b"test", "wire-format": b"ninjs"})


async def test_a_recovered_story_is_found_after_the_rebuild() -> None:
    store = MemoryStore()
    pipeline = build_pipeline(Settings(), store)
    stats, state = Stats(), Recovering()
    stages = Stages(pipeline, Deliverer(send), stats, state)
    [first] = pipeline.stage1_records(story("m", MARKETS))
    await stages.route_batch([Event(0, first.value, dict(first.headers))])
    # Recovery: another worker's story arrives in the table from the changelog.
    other = MemoryStore()
    theirs = build_pipeline(Settings(), other)
    [original] = theirs.stage1_records(story("a", FLOOD))
    r = theirs.routable(original.value, dict(original.headers))
    theirs.remember_routable(r, theirs.decide_routable(r, 1_700_000_000_000)[0], 1_700_000_000_000)
    store.data.update(other.data)
    state.recovered = True
    [copy] = pipeline.stage1_records(story("copy", FLOOD))
    await stages.route_batch([Event(1, copy.value, dict(copy.headers))])
    assert stats.by_status["duplicate"] == 1
