"""Thin Faust agents: iterate, call the pure pipeline, deliver, handle errors.

No exception escapes an agent (Faust would acknowledge and skip the message):
bad input and our own bugs become dead letters, transient Kafka errors are
retried by the :class:`~streams.shell.delivery.Deliverer`.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from streams import jsonio
from streams.core.model import RawMessage, WireItem
from streams.core.pipeline import Outbound, Pipeline
from streams.errors import InternalError, WireError
from streams.shell.delivery import Deliverer
from streams.stats import Stats

log = logging.getLogger(__name__)


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


class Stages:
    """The agents' bodies, bound to one pipeline, deliverer and stats object."""

    def __init__(self, pipeline: Pipeline, deliverer: Deliverer, stats: Stats) -> None:
        self.pipeline = pipeline
        self.deliverer = deliverer
        self.stats = stats

    async def parse_one(self, raw: RawMessage) -> None:
        """Stage 1: raw → items re-keyed by uri, or one dead letter."""
        self.stats.on_raw()
        try:
            records = self.pipeline.item_records(self.pipeline.prepare(raw))
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error.reason, error.message, f"{raw.partition}:{raw.offset}")
            records = [self.pipeline.dead_letter(raw, error)]
        await self.deliverer.deliver(records)

    async def route_one(self, raw: RawMessage) -> None:
        """Stage 2: dedup, then regional topics or the duplicates topic; remember last."""
        now_ms = raw.timestamp_ms or int(time.time() * 1000)
        try:
            item = WireItem.from_json(jsonio.loads(raw.value))
            decision, records = self.pipeline.decide(item, now_ms)
        except Exception as exc:
            error = as_wire_error(exc)
            self.stats.on_dead(error.reason, error.message, f"{raw.partition}:{raw.offset}")
            await self.deliverer.deliver([self.pipeline.dead_letter(raw, error)])
            return
        await self.deliverer.deliver(records)
        self.pipeline.remember(item, decision, now_ms)
        self.stats.on_item(item)


def records_summary(records: list[Outbound]) -> str:
    return ", ".join(sorted({r.topic for r in records}))
