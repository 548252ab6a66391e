"""Produce records and wait until Kafka has them, retrying what can be retried.

Faust commits an event's offset once the agent moves past it, even if the agent
raised (the message is then skipped on restart). So agents never raise: they
await :meth:`Deliverer.deliver` before taking the next event, which means a
committed offset always has its outputs in Kafka. A failure that retrying cannot
cure is fatal: the worker exits without acknowledging, and the message is
processed again after restart instead of being lost.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiokafka.errors import KafkaError, KafkaTimeoutError

from streams.core.pipeline import Outbound

log = logging.getLogger(__name__)

SendFn = Callable[..., Awaitable[Any]]


def _exit_worker(message: str) -> None:
    log.critical("%s: stopping the worker without acknowledging the message", message)
    logging.shutdown()
    os._exit(70)


def is_transient(exc: BaseException) -> bool:
    """Worth sending again: the broker is away or slow, not refusing the record itself.

    A delivery timeout counts: aiokafka expires batches while the broker is down.
    Anything that is not a Kafka error (a bug in a serializer) is not transient.
    """
    if isinstance(exc, KafkaTimeoutError):
        return True
    return isinstance(exc, KafkaError) and bool(exc.retriable)


class Deliverer:
    """Sends a batch concurrently and returns only when every record is acknowledged."""

    def __init__(
        self,
        send: SendFn,
        *,
        max_backoff: float = 5.0,
        on_fatal: Callable[[str], None] = _exit_worker,
    ) -> None:
        self._send = send
        self.max_backoff = max_backoff
        self.on_fatal = on_fatal
        self.retries = 0

    async def deliver(self, records: Sequence[Outbound]) -> None:
        pending = list(records)
        backoff = 0.1
        while pending:
            futures = []
            for rec in pending:
                futures.append(
                    await self._send(rec.topic, rec.key, rec.value, headers=list(rec.headers))
                )
            results = await asyncio.gather(*futures, return_exceptions=True)
            failed = []
            for rec, result in zip(pending, results, strict=True):
                if isinstance(result, BaseException):
                    if not is_transient(result):
                        self.on_fatal(f"Kafka refused a record for {rec.topic}: {result!r}")
                        return
                    log.warning(
                        "send to %s failed (%r); retrying in %.1fs", rec.topic, result, backoff
                    )
                    failed.append(rec)
            pending = failed
            if pending:
                self.retries += 1
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
