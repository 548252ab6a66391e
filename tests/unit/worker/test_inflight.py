"""The fetch loop's byte bound: records handed over and not acknowledged (issue #15)."""

from __future__ import annotations

import asyncio
import gc
import threading
from types import SimpleNamespace

import pytest

from streams.worker.inflight import DEFAULT_INFLIGHT_BYTES, InFlight
from streams.worker.replay import ReplayTransport, SeekTrackingConsumer, inflight_limit
from streams.worker.web import consumer_view

MIB = 1024 * 1024


class Record:
    """A Faust message as far as the bound reads it: a value, weakly referable."""

    def __init__(self, size: int, headers: object = ()) -> None:
        self.value = b"x" * size
        self.key: bytes | None = None
        self.headers = headers
        self.acked = False


def never() -> asyncio.Future[None]:
    return asyncio.get_running_loop().create_future()


async def test_bytes_count_until_acknowledged_and_each_record_once() -> None:
    inflight = InFlight(10 * MIB)
    a, b = Record(3 * MIB), Record(MIB)
    inflight.add(a)
    inflight.add(a)  # handed to two agents: counted once
    inflight.add(b)
    assert (inflight.total, inflight.peak, len(inflight._held)) == (4 * MIB, 4 * MIB, 2)
    inflight.done(a)
    inflight.done(a)
    assert inflight.total == MIB
    inflight.done(b)
    assert (inflight.total, inflight.peak) == (0, 4 * MIB)


async def test_at_the_bound_the_loop_waits_until_half_is_acknowledged() -> None:
    inflight = InFlight(8 * MIB)
    held = [Record(2 * MIB) for _ in range(4)]
    for record in held:
        assert not inflight.full()
        inflight.add(record)
    assert inflight.full()
    waiter = asyncio.ensure_future(inflight.wait(never))
    await asyncio.sleep(0.01)
    inflight.done(held[0])  # 6 MiB: still above half
    await asyncio.sleep(0.01)
    assert not waiter.done()
    inflight.done(held[1])  # 4 MiB: half
    await asyncio.wait_for(waiter, 1)
    assert inflight.waits == 1
    assert not inflight.full()


async def test_a_record_never_acknowledged_is_released_when_freed() -> None:
    """A rebalance clears the agents' buffers: their records are never acked."""
    inflight = InFlight(4 * MIB)
    records = [Record(2 * MIB), Record(2 * MIB)]
    for record in records:
        inflight.add(record)
    del record
    waiter = asyncio.ensure_future(inflight.wait(never))
    await asyncio.sleep(0.01)
    assert not waiter.done()
    records.clear()
    gc.collect()
    await asyncio.wait_for(waiter, 1)
    assert (inflight.total, len(inflight._held)) == (0, 0)


async def test_a_record_freed_on_another_thread_is_released_on_the_loop() -> None:
    inflight = InFlight(2 * MIB)
    box = [Record(2 * MIB)]
    inflight.add(box[0])
    waiter = asyncio.ensure_future(inflight.wait(never))
    thread = threading.Thread(target=box.clear)
    thread.start()
    thread.join()
    await asyncio.wait_for(waiter, 1)
    assert inflight.total == 0


async def test_a_suspended_flow_ends_the_wait() -> None:
    inflight = InFlight(MIB)
    record = Record(MIB)
    inflight.add(record)
    suspended = asyncio.Event()
    waiter = asyncio.ensure_future(inflight.wait(suspended.wait))
    await asyncio.sleep(0.01)
    assert not waiter.done()
    suspended.set()
    await asyncio.wait_for(waiter, 1)
    assert inflight.total == MIB  # still held: Faust's rebalance deals with it


async def test_one_record_above_the_bound_goes_alone_and_zero_is_no_bound() -> None:
    inflight = InFlight(MIB)
    assert not inflight.full()
    big = Record(4 * MIB)
    inflight.add(big)  # nothing else in flight: it goes
    assert inflight.full()
    unbounded = InFlight(0)
    for _ in range(3):
        unbounded.add(Record(4 * MIB))
    assert not unbounded.full()
    await unbounded.wait(never)  # returns at once


async def test_values_that_are_not_bytes_or_empty_do_not_count() -> None:
    inflight = InFlight(MIB)
    for value in (None, b"", 7):
        inflight.add(SimpleNamespace(value=value, key=None, headers=None))
    assert inflight.total == 0


async def test_keys_and_headers_count_as_well_as_the_value() -> None:
    """A record's headers can outweigh its value (attacks.py's megabyte ``wire-source``
    header, its ten thousand headers): a backlog of short bodies with megabyte headers was
    counted by the bodies alone, a few hundred bytes each, and never met the bound."""
    inflight = InFlight(4 * MIB)
    held = []
    for n in range(4):
        record = Record(100, headers=[("wire-source", b"s" * MIB)])
        record.key = b"k" * 10
        inflight.add(record)
        held.append(record)
        assert inflight.total == (n + 1) * (100 + 10 + len("wire-source") + MIB)
    assert inflight.full()
    many = Record(0, headers={f"x-h{i}": b"v" * 100 for i in range(10_000)})
    other = InFlight(0)
    other.add(many)  # no value at all: still counted, by its headers
    assert other.total == sum(len(f"x-h{i}") + 100 for i in range(10_000))


async def test_the_consumer_releases_on_faust_ack_and_the_view_shows_it() -> None:
    """``SeekTrackingConsumer.ack`` is where Faust's final acknowledgement lands."""
    transport = ReplayTransport(
        "kafka://127.0.0.1:9",
        SimpleNamespace(conf=None),
        replays=None,  # type: ignore[arg-type]
        inflight_bytes=5 * MIB,
    )
    consumer = SeekTrackingConsumer.__new__(SeekTrackingConsumer)
    consumer.inflight = InFlight(transport.inflight_bytes)
    record = Record(3 * MIB)
    consumer.inflight.add(record)
    acks: list[object] = []

    def faust_ack(self: object, message: Record) -> bool:
        acks.append(message)
        message.acked = True
        return True

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("faust.transport.consumer.Consumer.ack", faust_ack)
        assert consumer.ack(record)
    assert acks == [record]
    assert consumer.inflight.total == 0
    app = SimpleNamespace(
        assignor=SimpleNamespace(assigned_actives=lambda: [], assigned_standbys=lambda: []),
        consumer=consumer,
        monitor=SimpleNamespace(),
    )
    from streams.core.topics import Topics

    view = consumer_view(app, Topics("w", ()))
    assert view["inflight"] == {
        "bytes": 0,
        "peak": 3 * MIB,
        "limit": 5 * MIB,
        "records": 0,
        "waits": 0,
    }


def test_the_default_bound_holds_several_raw_messages_at_the_limit() -> None:
    from streams.settings import Settings

    settings = Settings.from_env({})
    assert settings.inflight_bytes == DEFAULT_INFLIGHT_BYTES
    assert 4 * settings.max_raw_bytes <= DEFAULT_INFLIGHT_BYTES


async def test_a_freed_records_id_reused_before_its_release_runs() -> None:
    """A record freed on Faust's consumer thread is released later, on the loop; a new record
    may get its id before that. The new record counts, and the late release leaves it alone
    (before: the new record was taken as already counted, then released by the old one's
    callback while still unacknowledged)."""
    inflight = InFlight(10 * MIB)
    box = [Record(MIB)]
    inflight.add(box[0])
    key = id(box[0])

    def drop() -> None:
        box.clear()  # the last reference: freed here, its release scheduled on the loop

    thread = threading.Thread(target=drop)
    thread.start()
    thread.join()
    # CPython hands the freed block to the next object of its size.
    fresh = [Record(2 * MIB) for _ in range(64)]
    reused = next((record for record in fresh if id(record) == key), None)
    assert reused is not None, "no new record took the freed id"
    inflight.add(reused)
    assert inflight.total == 2 * MIB  # the freed one's megabyte out, the new two in
    await asyncio.sleep(0)  # the freed record's late release runs
    await asyncio.sleep(0)
    assert (inflight.total, len(inflight._held)) == (2 * MIB, 1)
    inflight.done(reused)
    assert (inflight.total, len(inflight._held)) == (0, 0)


def test_the_bound_is_shown_only_where_the_fetch_loop_enforces_it() -> None:
    """Faust's own fetch loop (``WIRE_INLINE_HANDOVER=0``) never waits on the count, so its
    consumer's view says no bound (0) rather than one nothing enforces."""

    def transport(inline: bool) -> ReplayTransport:
        return ReplayTransport(
            "kafka://127.0.0.1:9",
            SimpleNamespace(conf=None),
            replays=None,  # type: ignore[arg-type]
            inline_handover=inline,
            inflight_bytes=5 * MIB,
        )

    assert inflight_limit(transport(True)) == 5 * MIB
    assert inflight_limit(transport(False)) == 0
