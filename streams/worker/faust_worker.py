"""The Faust worker class the app runs with."""

from __future__ import annotations

import asyncio
import gc
import logging

import faust

log = logging.getLogger(__name__)


def freeze_startup_heap() -> int:
    """Move every object alive now out of the cyclic collector's reach; returns how many.

    What the worker builds at start-up (the gazetteer's automaton and word tables, the
    schemas, Faust and aiokafka themselves) lives as long as the process, yet a full
    (generation-2) collection walks all of it: 170-380 ms each on the benchmark machine, a
    pause for both agents, several times a minute under load (``bench/latency_trace.py``).
    Frozen objects are never walked again; objects made later are collected as before.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class Worker(faust.Worker):
    """Faust's worker without the startup spinner's logging hook, and with the start-up
    heap frozen once the app has started (:func:`freeze_startup_heap`).

    At ``-l warn`` (Faust's default) the spinner sets the root logger to DEBUG for good, so
    every debug call in aiokafka and Faust builds a log record that no handler prints:
    about 170,000 records in a one-minute benchmark, several percent of the worker's CPU.
    """

    def _setup_spinner_handler(self, logger: logging.Logger, level: int) -> None:
        return None

    async def on_startup_finished(self) -> None:
        await super().on_startup_finished()
        log.info("start-up heap frozen: %d objects", freeze_startup_heap())

    async def _sentinel_task(self) -> None:
        # mode's last turn of the stopped loop before it closes it, once every service has
        # stopped and the remaining tasks were gathered and cancelled: a whole second (of
        # every stop) in mode, where the cancelled tasks need a few iterations.
        await asyncio.sleep(0.1)
