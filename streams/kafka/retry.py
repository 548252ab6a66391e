"""The one retry loop: call an operation again while its error is transient, backing off.

Every hand-written ``delay = min(delay * 2, 5.0)`` loop (publish, ledger, the agents' state
write) is this. :class:`~streams.worker.delivery.Deliverer` resends only the records of a
batch that failed, so it keeps its loop, but takes its waits from :meth:`Backoff.delays`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from streams.kafka.classify import classify

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential waits from ``first`` up to ``cap`` seconds; give up after ``attempts``
    calls or ``deadline_s`` seconds (None: never)."""

    first: float = 0.2
    cap: float = 5.0
    attempts: int | None = None
    deadline_s: float | None = None

    def delays(self) -> Iterator[float]:
        """The waits between attempts: ``first``, doubling, at most ``cap``."""
        delay = self.first
        while True:
            yield delay
            delay = min(delay * 2, self.cap)


def transient(exc: BaseException) -> bool:
    return classify(exc) == "retry"


async def retry(
    op: Callable[[], Awaitable[T]],
    backoff: Backoff,
    *,
    again: Callable[[BaseException], bool] = transient,
    what: str = "",
) -> T:
    """``await op()`` until it returns; an error ``again`` refuses, or one past the budget,
    is raised as it is."""
    give_up = None if backoff.deadline_s is None else time.monotonic() + backoff.deadline_s
    delays = backoff.delays()
    attempt = 0
    while True:
        attempt += 1
        try:
            return await op()
        except Exception as exc:
            out_of_budget = (backoff.attempts is not None and attempt >= backoff.attempts) or (
                give_up is not None and time.monotonic() > give_up
            )
            if out_of_budget or not again(exc):
                raise
            delay = next(delays)
            if what:
                log.warning("%s failed (%r); retrying in %.1fs", what, exc, delay)
            await asyncio.sleep(delay)
