"""Produce records and wait until Kafka has them, retrying what can be retried.

Faust commits an event's offset once the agent moves past it, even if the agent
raised (the message is then skipped on restart). So agents never raise: they
await :meth:`Deliverer.deliver` for a whole batch before taking the next one,
which means a committed offset always has its outputs in Kafka.

Three kinds of failure, three answers:

* transient (broker away, timeout): send again, with backoff;
* fenced (exactly-once, the partition moved): abandon the batch, its next owner redoes it;
* refused (:func:`is_refused`: a record Kafka will never take, e.g. too large, invalid, or
  a serializer error): the record's event becomes a dead letter. Were it fatal, the worker
  would exit unacknowledged, read the same event after restart and exit again: the
  partition would be stuck for good.

Only a client that cannot work at all (closed, unauthorised, wrong version) is fatal: the
worker exits without acknowledging and the event is processed again after restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from streams.core.model import H_ERROR, H_REASON
from streams.core.pipeline import Outbound
from streams.errors import WireError
from streams.kafka.classify import (
    is_fenced,
    is_refused,
    is_transient,
    refusal_error,
)
from streams.kafka.retry import Backoff

log = logging.getLogger(__name__)

SendFn = Callable[..., Awaitable[Any]]
#: The dead letter that replaces an event whose record Kafka refused (None: cannot make one).
DeadLetterFn = Callable[[Any, WireError], Outbound | None]


async def settle(futures: Sequence[Awaitable[Any]]) -> list[Any]:
    """Each future's result or exception, in order: ``asyncio.gather(*futures,
    return_exceptions=True)`` without its per-future callback and bookkeeping.

    A batch's acknowledgements mostly come in one produce response, so after the first
    wait the others are done and each costs a ``result()``; gather took 4-5 us a future on
    the benchmark machine. A future cancelled by someone else gives its ``CancelledError``
    as gather does, and a future's own ``BaseException`` (not an ``Exception``) is its
    outcome too. This task's own cancellation (or a ``BaseException`` raised into it, not a
    future's) propagates, and, as gather's, leaves none of the futures not yet awaited with
    an exception nobody retrieves (:func:`_give_up`).
    """
    out: list[Any] = []
    for i, fut in enumerate(futures):
        try:
            out.append(await fut)
        except asyncio.CancelledError as exc:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                _give_up(futures[i:])
                raise
            out.append(exc)
        except Exception as exc:
            out.append(exc)
        except BaseException as exc:
            if not _outcome_of(fut, exc):
                _give_up(futures[i:])
                raise
            out.append(exc)
    return out


def _outcome_of(fut: Awaitable[Any], exc: BaseException) -> bool:
    """Is ``exc`` what the future ``fut`` finished with (not raised into the waiting task)?"""
    return asyncio.isfuture(fut) and fut.done() and not fut.cancelled() and fut.exception() is exc


def _give_up(futures: Sequence[Awaitable[Any]]) -> None:
    """Leave none of ``futures`` with an exception nobody retrieves, as gather does when
    cancelled; but a pending one is not cancelled: its record may still fail, and whoever
    else watches it (the exactly-once book, which marks the transaction lost) must see that."""
    for fut in futures:
        if asyncio.isfuture(fut):
            fut.add_done_callback(_retrieve)  # run at once (soon) if it is done already
        elif inspect.iscoroutine(fut):
            fut.close()


def _retrieve(fut: asyncio.Future[Any]) -> None:
    if not fut.cancelled():
        fut.exception()  # marks it retrieved


def exit_worker(message: str) -> None:
    log.critical("%s: stopping the worker without acknowledging the message", message)
    logging.shutdown()
    os._exit(70)


def bare_dead_letter(dead: Outbound, exc: BaseException) -> Outbound:
    """A dead letter that Kafka refused too, without the raw bytes and copied headers.

    It keeps the reason and where the raw record is (``wire-raw-*``), so the event is still
    accounted for and the raw bytes can be read from their topic while it retains them.
    """
    keep = [(k, v) for k, v in dead.headers if k.startswith("wire-raw-") or k == H_REASON]
    error = dict(dead.headers).get(H_ERROR, b"").decode("utf-8", "replace")[:500]
    note = f"{error} (the dead letter itself was refused, {exc!r}: raw bytes left out)"
    keep.append((H_ERROR, note.encode("utf-8", "replace")[:1000]))
    return Outbound(dead.topic, None, b"", tuple(keep))


def _is_bare(dead: Outbound) -> bool:
    return not dead.value and all(
        k.startswith("wire-raw-") or k in (H_REASON, H_ERROR) for k, _ in dead.headers
    )


def _no_event(origin: Any) -> AbstractContextManager[None]:
    return contextlib.nullcontext()


#: Resending transiently failed records: 0.1 s, doubling, at most 5 s; never giving up (the
#: broker is back or the worker is stopped).
SEND_BACKOFF = Backoff(first=0.1, cap=5.0)


class Deliverer:
    """Sends a batch concurrently and returns only when every record is acknowledged."""

    def __init__(
        self,
        send: SendFn,
        *,
        backoff: Backoff = SEND_BACKOFF,
        on_fatal: Callable[[str], None] = exit_worker,
        in_event: Callable[[Any], AbstractContextManager[None]] = _no_event,
    ) -> None:
        self._send = send
        self.backoff = backoff
        self.on_fatal = on_fatal
        self.in_event = in_event
        self.retries = 0

    async def deliver(
        self,
        records: Sequence[Outbound],
        origins: Sequence[Any] | None = None,
        dead_letter: DeadLetterFn | None = None,
    ) -> bool:
        """True once every record is acknowledged; False if the batch must be abandoned.

        ``origins`` names each record's event (its send runs in that event's context, which
        picks its transaction in exactly-once mode). Abandoned means fenced: the event's
        partition moved to another worker, whose producer aborted our transaction; that
        worker processes the events again, so we drop them (Faust does not commit revoked
        partitions, and a partition we keep is re-read from its committed offset).

        A refused record turns its event into ``dead_letter(origin, error)``, sent in its
        place; the event's other records not yet acknowledged are dropped (ones already
        acknowledged stay: a consumer sees them next to the dead letter). Without
        ``dead_letter`` (or an origin) a refusal is fatal, as a broken client is.
        """
        pending = list(zip(records, origins or [None] * len(records), strict=True))
        dead: dict[int, Outbound] = {}  # id(origin) -> the dead letter sent for it
        delays = self.backoff.delays()
        backoff = next(delays)
        while pending:
            outcomes: list[object] = []
            send, in_event = self._send, self.in_event
            for rec, origin in pending:
                try:
                    if in_event is _no_event:  # no event context needed (at least once)
                        fut = await send(rec.topic, rec.key, rec.value, headers=list(rec.headers))
                    else:
                        with in_event(origin):
                            fut = await send(
                                rec.topic, rec.key, rec.value, headers=list(rec.headers)
                            )
                    outcomes.append(fut)
                except Exception as exc:  # the producer can refuse before queueing
                    outcomes.append(exc)
            queued = [o for o in outcomes if not isinstance(o, BaseException)]
            acks = iter(await settle(queued))  # type: ignore[arg-type]
            outcomes = [o if isinstance(o, BaseException) else next(acks) for o in outcomes]
            failed = []
            transient = False
            for (rec, origin), result in zip(pending, outcomes, strict=True):
                if not isinstance(result, BaseException):
                    continue
                if is_fenced(result):
                    log.warning("partition moved to another worker (%r); batch abandoned", result)
                    return False
                if is_transient(result):
                    log.warning(
                        "send to %s failed (%r); retrying in %.1fs", rec.topic, result, backoff
                    )
                    failed.append((rec, origin))
                    transient = True
                    continue
                instead = self._instead(rec, origin, result, dead, dead_letter)
                if instead is None:
                    self.on_fatal(f"Kafka refused a record for {rec.topic}: {result!r}")
                    return False
                if instead is not rec:
                    failed.append((instead, origin))
            # An event turned into a dead letter sends nothing else.
            pending = [
                (rec, origin)
                for rec, origin in failed
                if id(origin) not in dead or dead[id(origin)] is rec
            ]
            if pending and transient:  # a dead letter made just now is sent without waiting
                self.retries += 1
                await asyncio.sleep(backoff)
                backoff = next(delays)
        return True

    def _instead(
        self,
        rec: Outbound,
        origin: Any,
        exc: BaseException,
        dead: dict[int, Outbound],
        dead_letter: DeadLetterFn | None,
    ) -> Outbound | None:
        """What to send for a record Kafka refused: its event's dead letter, a bare one if
        the dead letter itself was refused, ``rec`` when the event is already dead-lettered;
        None when the refusal is fatal."""
        if origin is None or dead_letter is None or not is_refused(exc):
            return None
        sent = dead.get(id(origin))
        if sent is rec:  # the dead letter itself was refused
            if _is_bare(rec):
                return None  # nothing smaller to send
            log.error("Kafka refused a dead letter (%r); sending it without the raw bytes", exc)
            dead[id(origin)] = bare = bare_dead_letter(rec, exc)
            return bare
        if sent is not None:
            return rec  # the event is already a dead letter: this record is dropped
        letter = dead_letter(origin, refusal_error(exc))
        if letter is None:
            return None
        log.warning(
            "Kafka refused a record for %s (%r); its event is dead-lettered", rec.topic, exc
        )
        dead[id(origin)] = letter
        return letter
