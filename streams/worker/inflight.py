"""A byte bound on records fetched and handed to the agents but not yet acknowledged.

Faust bounds an agent's buffer in events (``WIRE_STREAM_BUFFER``, 1,024), not bytes, and the
stage-1 agent takes up to ``WIRE_BATCH_SIZE`` events at once. With raw messages of up to
4 MiB that is no memory bound at all: while a worker keeps up, few records wait, but on a
loaded machine it falls behind and the fetch loop hands it every large record the broker
returns (issue #15's attack test peaked at 628 MB against its 600 MB bound beside a
valgrind run, 448-527 MB quiet). So the fetch loop (:func:`streams.worker.drain.drain_messages`)
also waits while the records it handed over and Faust has not acknowledged (their values,
keys and headers) total ``WIRE_INFLIGHT_BYTES`` or more, until they are down to half of it:
the same high/low marks idea as Faust's buffer pressure (80%/40%), counted in bytes.

Only records of topics with acknowledgements count (the agents' topics): a changelog's are
never acked, and Faust's recovery keeps them in buffers it applies every 1,000 records
(``recovery_buffer_size``; a standby's, read all along, ``standby_buffer_size``), so they are
not freed either until more of them come through the loop that would be waiting for them.
A record is released when Faust acknowledges it (:meth:`InFlight.done`, from the consumer's
``ack``) or when nothing holds it any more (a rebalance clears the agents' buffers): a weak
reference's callback, so a record that will never be acked cannot hold the loop. A
suspended flow (a rebalance) also ends the wait. A record goes whenever the count is under
the bound, whatever its size (one larger than the bound too, so no record waits for ever):
the count stays under the bound plus one record, which is what ``peak`` shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import weakref
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

#: The default ``WIRE_INFLIGHT_BYTES``: eight raw messages at the 4 MiB limit, or some
#: 6,000 ordinary items; a full stage-1 batch of ordinary copy (100 x 2-20 KB) stays far
#: below it, so only large messages ever meet the bound.
DEFAULT_INFLIGHT_BYTES = 32 * 1024 * 1024


_SIZED = (bytes, bytearray, memoryview, str)


def record_bytes(message: Any) -> int:
    """What ``message`` holds: its value, key and headers (names and values). A record's
    headers can be as large as its value (the attack test's megabyte ``wire-source`` and
    ten thousand headers): counted by the value alone, a backlog of them escaped the bound."""
    value, key, headers = message.value, message.key, message.headers
    size = len(value) if isinstance(value, _SIZED) else 0
    if isinstance(key, _SIZED):
        size += len(key)
    if headers:
        pairs = headers.items() if isinstance(headers, Mapping) else headers
        for name, data in pairs:
            size += len(name) if isinstance(name, _SIZED) else 0
            size += len(data) if isinstance(data, _SIZED) else 0
    return size


class InFlight:
    """Bytes of the records (values, keys, headers) handed to the agents and not yet
    acknowledged."""

    def __init__(self, limit: int = DEFAULT_INFLIGHT_BYTES) -> None:
        #: 0: no bound (the count is still kept, for the consumer view).
        self.limit = limit
        self.total = 0
        #: The highest ``total`` seen, for ``/wire/consumer`` and the attack test.
        self.peak = 0
        #: Times the fetch loop waited for room.
        self.waits = 0
        self._held: dict[int, tuple[weakref.ref[Any], int]] = {}
        self._room: asyncio.Event | None = None
        #: The fetch loop's thread and event loop: a record freed elsewhere (Faust's consumer
        #: thread) is released on that loop.
        self._thread = threading.get_ident()
        self._loop: asyncio.AbstractEventLoop | None = None

    def add(self, message: Any) -> None:
        """Count ``message`` (a Faust ``Message``) as handed over, once."""
        size = record_bytes(message)
        if size == 0:
            return
        key = id(message)
        held = self._held.get(key)
        if held is not None:
            if held[0]() is message:
                return
            # A record freed on another thread whose release has not run yet, and this one
            # got its id: release it now, so this record counts and the late release finds
            # another reference and leaves this one alone.
            self._release(key, held[0])
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            self._thread = threading.get_ident()
        # The callback runs when the message is freed, before its id can be reused.
        ref: weakref.ref[Any] = weakref.ref(message, functools.partial(self._freed, key))
        self._held[key] = (ref, size)
        self.total += size
        if self.total > self.peak:
            self.peak = self.total

    def done(self, message: Any) -> None:
        """``message`` was acknowledged: its bytes no longer count."""
        key = id(message)
        held = self._held.get(key)
        if held is not None and held[0]() is message:
            self._release(key, held[0])

    def _freed(self, key: int, ref: weakref.ref[Any]) -> None:
        if threading.get_ident() == self._thread or self._loop is None:
            self._release(key, ref)
            return
        with contextlib.suppress(RuntimeError):  # the loop is closed: nothing waits any more
            self._loop.call_soon_threadsafe(self._release, key, ref)

    def _release(self, key: int, ref: weakref.ref[Any]) -> None:
        """Release the record counted under ``key`` by ``ref``: an id is reused once its
        record is freed, so the key alone could name a newer record."""
        held = self._held.get(key)
        if held is None or held[0] is not ref:
            return
        del self._held[key]
        self.total -= held[1]
        room = self._room
        if room is not None and self.total <= self.limit // 2:
            self._room = None
            room.set()

    def full(self) -> bool:
        """Whether the fetch loop must wait before handing over another record."""
        return self.limit > 0 and self.total >= self.limit

    async def wait(self, suspended: Callable[[], Awaitable[Any]]) -> None:
        """Until the bytes in flight are down to half the bound, or the flow is suspended."""
        if not self.full():
            return
        self.waits += 1
        if self._room is None:
            self._room = asyncio.Event()
        waits = {
            asyncio.ensure_future(self._room.wait()),
            asyncio.ensure_future(suspended()),
        }
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    def view(self) -> dict[str, int]:
        return {
            "bytes": self.total,
            "peak": self.peak,
            "limit": self.limit,
            "records": len(self._held),
            "waits": self.waits,
        }
