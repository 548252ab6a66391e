"""Produce records and wait until Kafka has them, retrying what can be retried.

Faust commits an event's offset once the agent moves past it, even if the agent
raised (the message is then skipped on restart). So agents never raise: they
await :meth:`Deliverer.deliver` for a whole batch before taking the next one,
which means a committed offset always has its outputs in Kafka. A failure that retrying cannot
cure is fatal: the worker exits without acknowledging, and the message is
processed again after restart instead of being lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from aiokafka.errors import IllegalOperation, KafkaError, KafkaTimeoutError, ProducerFenced

from streams.core.pipeline import Outbound

log = logging.getLogger(__name__)

SendFn = Callable[..., Awaitable[Any]]


def exit_worker(message: str) -> None:
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


class TransactionLost(KafkaError):  # type: ignore[misc]
    """Exactly-once: the event's transaction can no longer commit (see ``streams.shell.eos``)."""

    retriable = False


def is_fenced(exc: BaseException) -> bool:
    """In exactly-once mode: the event's transaction is gone because of a rebalance.

    Either another worker's producer fenced ours (the partition moved) or the transaction
    book no longer has an open transaction for it. Either way the transaction never
    commits, so the partition's next owner (possibly us, after the rebalance seeks to the
    committed offset) processes the event again.
    """
    if isinstance(exc, ProducerFenced | TransactionLost):
        return True
    return isinstance(exc, IllegalOperation) and "transaction" in str(exc)


def _no_event(origin: Any) -> AbstractContextManager[None]:
    return contextlib.nullcontext()


class Deliverer:
    """Sends a batch concurrently and returns only when every record is acknowledged."""

    def __init__(
        self,
        send: SendFn,
        *,
        max_backoff: float = 5.0,
        on_fatal: Callable[[str], None] = exit_worker,
        in_event: Callable[[Any], AbstractContextManager[None]] = _no_event,
    ) -> None:
        self._send = send
        self.max_backoff = max_backoff
        self.on_fatal = on_fatal
        self.in_event = in_event
        self.retries = 0

    async def deliver(
        self, records: Sequence[Outbound], origins: Sequence[Any] | None = None
    ) -> bool:
        """True once every record is acknowledged; False if the batch must be abandoned.

        ``origins`` names each record's event (its send runs in that event's context, which
        picks its transaction in exactly-once mode). Abandoned means fenced: the event's
        partition moved to another worker, whose producer aborted our transaction; that
        worker processes the events again, so we drop them (Faust does not commit revoked
        partitions, and a partition we keep is re-read from its committed offset).
        """
        pending = list(zip(records, origins or [None] * len(records), strict=True))
        backoff = 0.1
        while pending:
            outcomes: list[object] = []
            for rec, origin in pending:
                try:
                    with self.in_event(origin):
                        fut = await self._send(
                            rec.topic, rec.key, rec.value, headers=list(rec.headers)
                        )
                    outcomes.append(fut)
                except Exception as exc:  # the producer can refuse before queueing
                    outcomes.append(exc)
            queued = [o for o in outcomes if not isinstance(o, BaseException)]
            acks = iter(await asyncio.gather(*queued, return_exceptions=True))  # type: ignore[call-overload]
            outcomes = [o if isinstance(o, BaseException) else next(acks) for o in outcomes]
            failed = []
            for (rec, origin), result in zip(pending, outcomes, strict=True):
                if not isinstance(result, BaseException):
                    continue
                if is_fenced(result):
                    log.warning("partition moved to another worker (%r); batch abandoned", result)
                    return False
                if not is_transient(result):
                    self.on_fatal(f"Kafka refused a record for {rec.topic}: {result!r}")
                    return False
                log.warning("send to %s failed (%r); retrying in %.1fs", rec.topic, result, backoff)
                failed.append((rec, origin))
            pending = failed
            if pending:
                self.retries += 1
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
        return True
