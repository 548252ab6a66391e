"""The worker class: Faust's default log level must not switch on every debug record."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from streams.settings import Settings
from streams.worker.app import build
from streams.worker.faust_worker import freeze_startup_heap


def test_warn_level_keeps_the_root_logger_at_warn(tmp_path: Path) -> None:
    app = build(Settings.from_env({}, home=tmp_path)).app
    worker = app.Worker(loglevel="warn")
    logger = logging.getLogger("wirestream-test-root")
    logger.addHandler(logging.NullHandler())
    logger.setLevel(logging.WARN)
    worker.on_setup_root_logger(logger, logging.WARN)
    assert logger.level == logging.WARN
    assert not logger.isEnabledFor(logging.DEBUG)


def test_the_start_up_heap_is_frozen_out_of_the_cyclic_collector() -> None:
    alive = [{"n": n} for n in range(1000)]  # stands for the gazetteer built at start-up
    try:
        frozen = freeze_startup_heap()
        assert frozen == gc.get_freeze_count() >= len(alive)
        # No collection walks them any more: they are in no generation.
        walked = {id(o) for generation in (0, 1, 2) for o in gc.get_objects(generation)}
        assert not any(id(o) in walked for o in alive)
    finally:
        gc.unfreeze()


async def test_the_last_turn_of_the_stopped_loop_is_short(tmp_path: Path) -> None:
    # mode's own waits a second of every stop (the tests stop a worker ~60 times).
    import time

    worker = build(Settings.from_env({}, home=tmp_path)).app.Worker(loglevel="warn")
    began = time.monotonic()
    await worker._sentinel_task()
    assert time.monotonic() - began < 0.5
