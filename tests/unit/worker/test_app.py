"""The composition root: what it builds from settings."""

from __future__ import annotations

from pathlib import Path

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
