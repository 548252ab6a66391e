"""The route agent's clock: one future-dated item neither wipes the window nor stops eviction."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from streams import jsonio
from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.core.model import Body, Headline, WireItem
from streams.settings import Settings
from streams.worker.agents import Stages
from streams.worker.delivery import Deliverer
from streams.worker.stats import Stats

HOUR = 3_600_000
T = 1_795_000_000_000

FLOOD = (
    "VALLETTA - Flash floods swept through three coastal towns on Thursday after more than 120 "
    "millimetres of rain fell in six hours, killing at least four people, officials said. Rescue "
    "teams searched flooded streets and cellars through the night while the army opened shelters "
    "for hundreds of residents whose homes were damaged by the water."
)
QUAKE = (
    "QUITO - A magnitude 6.1 earthquake shook southern Ecuador early on Friday, cracking walls "
    "in two provincial towns and cutting power to thousands of homes, the geophysics institute "
    "said. No deaths were reported and schools were closed while engineers inspected bridges "
    "along the main highway to the coast, the transport ministry added."
)


@dataclass
class Message:
    topic: str
    partition: int
    offset: int
    timestamp: float


@dataclass
class Event:
    value: bytes
    message: Message
    headers: dict[str, bytes] = field(default_factory=dict)


class Sent:
    def __init__(self) -> None:
        self.records: list[tuple[str, bytes]] = []

    async def __call__(self, topic: str, key: Any, value: bytes, **kwargs: Any) -> Any:
        self.records.append((topic, value))
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        fut.set_result(None)
        return fut


def event(offset: int, at_ms: int, uri: str, body: str, stamp: str | None = None) -> Event:
    item = WireItem(uri, [Headline(body[:40])], [Body(body)], versioncreated=stamp)
    value = jsonio.dumps(item.to_json())
    return Event(value, Message("wire.items", 0, offset, at_ms / 1000))


async def test_a_future_dated_item_neither_wipes_the_window_nor_stops_eviction() -> None:
    store = MemoryStore()
    sent = Sent()
    stages = Stages(
        build_pipeline(Settings(), store), Deliverer(sent, on_fatal=print), Stats(), None
    )
    await stages.route_batch([event(0, T, "urn:wirestream:a:1", FLOOD)])
    await stages.route_batch(
        [event(1, T + 2 * 60_000, "urn:wirestream:b:9", QUAKE, "9999-12-31T23:59:59Z")]
    )
    await stages.route_batch([event(2, T + 4 * 60_000, "urn:wirestream:c:2", FLOOD)])
    assert sent.records[-1][0] == "wire.duplicates"  # the window still holds the first story

    later = T + 100 * HOUR  # past the window, even for the future item clamped to +24 h
    await stages.route_batch([event(3, later, "urn:wirestream:d:3", "Unrelated note " * 20)])
    stories = {v["u"] for k, v in store.data.items() if k.startswith("s:")}
    assert stories == {"urn:wirestream:d:3"}  # both evicted: the future item was clamped
    await stages.route_batch([event(4, later + 60_000, "urn:wirestream:e:4", FLOOD)])
    assert sent.records[-1][0] != "wire.duplicates"
