"""bench.alternate: what a run specification may set."""

from __future__ import annotations

import pytest

from bench.alternate import line, parse_spec


def test_a_spec_names_the_run_and_its_worker_settings() -> None:
    assert parse_spec("A:WIRE_FETCH_WAIT_MS=20,WIRE_BATCH_WAIT=0") == (
        "A",
        {"WIRE_FETCH_WAIT_MS": "20", "WIRE_BATCH_WAIT": "0"},
    )
    assert parse_spec("B:") == ("B", {})  # the defaults


@pytest.mark.parametrize("spec", ["A:WIRE_HOME=/tmp", "A:WIRE_FETCH_WAIT_MS", ":WIRE_BATCH_WAIT=0"])
def test_a_spec_sets_only_what_a_bench_run_passes_on(spec: str) -> None:
    with pytest.raises(SystemExit):
        parse_spec(spec)


def test_a_line_gives_the_shell_overhead_ratio_against_the_pure_run() -> None:
    # make bench's figure: the worker's steady CPU per story over the pure pipeline's.
    result = {"saturation": {"steady_cpu_ms_per_item": 1.5}, "rate": {}}
    assert "(ratio 1.75)" in line("A", {}, result, [1.0, 1.0], pure_ms=1.5 / 1.75)
    assert "(ratio None)" in line("A", {}, result, [1.0, 1.0])
