"""The composition root: what it builds from settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from mode.utils.queues import FlowControlEvent, FlowControlQueue

from streams.settings import Settings
from streams.worker.app import build


def test_the_dedup_table_bounds_rocksdb_memory(tmp_path: Path) -> None:
    settings = Settings.from_env({"WIRE_STATE_CACHE_MB": "32"}, home=tmp_path)
    options = build(settings).app.tables["dedup"].data.rocksdb_options  # type: ignore[attr-defined]
    assert options.block_cache_size == 32 * 1024 * 1024  # Faust's default is 2 GiB
    # Faust's default: 3 x 64 MiB of write buffers per partition.
    assert (options.write_buffer_size, options.max_write_buffer_number) == (16 * 1024 * 1024, 2)


def test_the_producer_gathers_large_batches(tmp_path: Path) -> None:
    app = build(Settings.from_env({}, home=tmp_path)).app
    assert app.conf.producer_max_batch_size == 1024 * 1024


def test_the_producer_takes_any_record_the_dead_letter_topic_takes(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path)
    wiring = build(settings)
    dead = next(s for s in wiring.topics.specs(settings) if s.name == wiring.topics.dead_letter)
    assert wiring.app.conf.producer_max_request_size >= int(dict(dead.config)["max.message.bytes"])


@pytest.mark.parametrize(("buffer", "partitions"), [(1024, 1), (1024, 4), (1024, 12), (300, 3)])
def test_one_fetch_never_overflows_an_agents_buffer(buffer: int, partitions: int) -> None:
    """Faust's delivery rule on its own queue class, with nothing consumed (the worst case).

    A full buffer would make the worker's one fetch loop wait for that agent, starving the
    other agent (the batched agents' old stall); so every record must find room.
    """
    settings = Settings.from_env(
        {}, stream_buffer=buffer, raw_partitions=partitions, items_partitions=1
    )
    queue: FlowControlQueue[int] = FlowControlQueue(maxsize=buffer, flow_control=FlowControlEvent())
    paused: set[int] = set()
    # Faust builds one pair of callbacks per partition; the queue tells them apart by identity.
    high = {tp: (lambda tp=tp: paused.add(tp)) for tp in range(partitions)}
    drop = {tp: (lambda: None) for tp in range(partitions)}
    fetches = 0
    while len(paused) < partitions:
        fetches += 1
        # One fetch: poll_records records, all of one unpaused partition (the worst case:
        # a partition is paused only by a record of its own).
        tp = min(set(range(partitions)) - paused)
        for n in range(settings.poll_records):
            assert not queue.full(), (fetches, queue.qsize())
            queue.put_nowait_enhanced(n, on_pressure_high=high[tp], on_pressure_drop=drop[tp])
    assert queue.qsize() < buffer


def test_the_poll_budget_is_what_faust_is_given(tmp_path: Path) -> None:
    settings = Settings.from_env({}, home=tmp_path)
    assert build(settings).app.conf.broker_max_poll_records == settings.poll_records > 1
