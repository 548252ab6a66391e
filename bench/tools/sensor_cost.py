"""The worker's per-record Faust sensors and per-story metrics sink, in µs, for this tree.

One record's monitor hooks as Faust calls them (``track_tp_end_offset``, ``on_message_in``,
``on_stream_event_in``, a table get, ``on_stream_event_out``, ``on_message_out``) and one
story's calls into :class:`streams.worker.metrics.Metrics` (``raw_in``, three stage timings,
``item``, ``latency``), each the best of 15 rounds of 20,000 by process time, with a scrape
(``exposition``) after each round. Run it for two trees in turn to compare them::

    PYTHONPATH=/tmp/base .venv/bin/python bench/tools/sensor_cost.py
    PYTHONPATH=. .venv/bin/python bench/tools/sensor_cost.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace

from faust.types import TP

from streams.worker.metrics import Metrics, install_faust_monitor

ROUNDS, N = 15, 20_000


class _Task:
    pass


class _Stream:
    def __init__(self, label: str) -> None:
        self.shortlabel = f"Stream: Topic: {label}"
        self.task_owner = _Task()

    def __str__(self) -> str:
        return self.shortlabel


def best_us(run: Callable[[int], None], scrape: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.process_time()
        run(N)
        best = min(best, (time.process_time() - started) / N * 1e6)
        scrape()
    return best


def main() -> None:
    metrics = Metrics()
    app = SimpleNamespace(monitor=None)
    install_faust_monitor(app, metrics)
    monitor = app.monitor
    tp, stream, table = TP("w.items", 0), _Stream("w.items"), SimpleNamespace(name="dedup")

    def records(n: int) -> None:
        for offset in range(n):
            monitor.track_tp_end_offset(tp, 1_000_000)
            message = SimpleNamespace(time_in=None)
            monitor.on_message_in(tp, offset, message)
            monitor.on_stream_event_in(tp, offset, stream, message)
            monitor.on_table_get(table, "k")
            monitor.on_stream_event_out(tp, offset, stream, message, None)
            monitor.on_message_out(tp, offset, message)

    def stories(n: int) -> None:
        for _ in range(n):
            metrics.raw_in()
            metrics.stage("parse", 0.0021)
            metrics.stage("geo", 0.0004)
            metrics.stage("dedup", 0.0003)
            metrics.item("routed", ["europe"])
            metrics.latency(0.08)

    print(f"sensors: {best_us(records, metrics.exposition):.2f} us a record")
    print(f"metrics sink: {best_us(stories, metrics.exposition):.2f} us a story")


if __name__ == "__main__":
    main()
