"""Thin Faust agents: iterate, call the pure pipeline, deliver, handle errors.

No exception escapes an agent (Faust would acknowledge and skip the message):
bad input and our own bugs become dead letters, transient Kafka errors are
retried by the :class:`~streams.shell.delivery.Deliverer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from streams import jsonio
from streams.core.dedup import Decision
from streams.core.model import RawMessage, WireItem
from streams.core.pipeline import Pipeline, event_time_ms
from streams.errors import InternalError, WireError
from streams.shell.delivery import Deliverer, is_fenced, is_transient
from streams.stats import Stats

log = logging.getLogger(__name__)

#: How often (in event time) the route agent sweeps the dedup window.
EVICT_EVERY_MS = 60_000


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


def as_wire_error(exc: Exception) -> WireError:
    if isinstance(exc, WireError):
        return exc
    log.exception("unexpected error in the pipeline; the input goes to the dead-letter topic")
    return InternalError(f"{type(exc).__name__}: {exc}")


async def _nothing_to_sync() -> list[BaseException]:
    return []


class Stages:
    """The agents' bodies, bound to one pipeline, deliverer and stats object.

    ``sync_state`` waits until the event's state writes are in Kafka (returns the
    failures); ``event_scope`` wraps each event (the exactly-once commit gate).
    """

    def __init__(
        self,
        pipeline: Pipeline,
        deliverer: Deliverer,
        stats: Stats,
        sync_state: Callable[[], Awaitable[list[BaseException]]] = _nothing_to_sync,
        event_scope: Callable[[], AbstractAsyncContextManager[None]] = contextlib.nullcontext,
    ) -> None:
        self.pipeline = pipeline
        self.deliverer = deliverer
        self.stats = stats
        self.sync_state = sync_state
        self.event_scope = event_scope
        self._last_evict_ms = 0

    async def parse_one(self, raw: RawMessage) -> None:
        async with self.event_scope():
            await self._parse_one(raw)

    async def route_one(self, raw: RawMessage) -> None:
        async with self.event_scope():
            await self._route_one(raw)

    async def _parse_one(self, raw: RawMessage) -> None:
        """Stage 1: raw → items re-keyed by uri, or one dead letter."""
        started = self.stats.on_raw()
        try:
            items = self.pipeline.prepare(raw)
            self.stats.on_prepared(started)
            records = self.pipeline.item_records(items)
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error, raw)
            records = [self.pipeline.dead_letter(raw, error)]
        await self.deliverer.deliver(records)

    async def _route_one(self, raw: RawMessage) -> None:
        """Stage 2: dedup, then regional topics or the duplicates topic; remember last."""
        now_ms = raw.timestamp_ms or int(time.time() * 1000)
        try:
            item = WireItem.from_json(jsonio.loads(raw.value))
            started = self.stats.clock_s()
            decision, records = self.pipeline.decide(item, now_ms)
            self.stats.on_decided(started)
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error, raw)
            await self.deliverer.deliver([self.pipeline.dead_letter(raw, error)])
            return
        if not await self.deliverer.deliver(records):
            return
        if await self._remember(item, decision, now_ms):
            self.stats.on_item(item)
            await self._maybe_evict(event_time_ms(item, now_ms))

    async def _maybe_evict(self, event_ms: int) -> None:
        """Sweep the dedup window once a minute of event time, inside an event.

        Faust tables can only be written while processing an event (the changelog
        partition is the event's), so eviction rides on the route agent.
        """
        if event_ms - self._last_evict_ms < EVICT_EVERY_MS:
            return
        self._last_evict_ms = event_ms
        removed = self.pipeline.evict(event_ms)
        failures = await self.sync_state()
        if removed or failures:
            # A failed sweep is harmless: the same stories are swept again next time.
            log.info(
                "evicted %d stories from the dedup window (%d write failures)",
                removed,
                len(failures),
            )

    async def _remember(self, item: WireItem, decision: Decision, now_ms: int) -> bool:
        """Write dedup state and wait until its changelog records are in Kafka.

        False when the event was abandoned (fenced: another worker owns the partition).
        """
        backoff = 0.1
        while True:
            self.pipeline.remember(item, decision, now_ms)
            failures = await self.sync_state()
            if not failures:
                return True
            if any(is_fenced(f) for f in failures):
                log.warning("partition moved to another worker; event abandoned")
                return False
            if not all(is_transient(f) for f in failures):
                self.deliverer.on_fatal(f"dedup state could not be written: {failures[0]!r}")
                return False
            log.warning("dedup state write failed (%r); retrying in %.1fs", failures[0], backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)
