"""The latency trace's split of one item's path: segments add up to the total, the consumer
thread's hand-over and the run-queue wait are read where they were stamped."""

from pathlib import Path

import orjson

from bench.latency_trace import SEGMENTS, breakdown


def _trace(tmp_path: Path, **extra: object) -> Path:
    raw = {"ts": 1000.0, "fetched": 1030.0, "offset": 7, "tp": ["wire.raw", 0]}
    item = {"ts": 1100.0, "fetched": 1150.0, "offset": 3, "tp": ["wire.items", 0]}
    item["raw_offset"] = 7
    data = {
        "batches": [
            {
                "stage": "parse",
                "asked": 1000.0,
                "start": 1040.0,
                "events": [raw],
                "deliver_start": 1060.0,
                "deliver_end": 1080.0,
                "end": 1081.0,
            },
            {
                "stage": "route",
                "asked": 1155.0,
                "start": 1160.0,
                "events": [item],
                "deliver_start": 1170.0,
                "deliver_end": 1180.0,
                "end": 1185.0,
            },
        ],
        "gcs": [],
        "arrivals": [["wire.raw", 0, 7, 1010.0], ["wire.items", 0, 3, 1090.0]],
        "handed": [["wire.raw", 0, 7, 1025.0], ["wire.items", 0, 3, 1120.0]],
        # The agents' thread's run-queue wait (ms) as stamped at batch starts and ends.
        "runq": [[990.0, 5.0], [1040.0, 15.0], [1081.0, 20.0], [1160.0, 50.0], [1185.0, 60.0]],
        **extra,
    }
    path = tmp_path / "trace.json"
    path.write_bytes(orjson.dumps(data))
    return path


def test_segments_add_up_and_the_hand_over_splits_the_client_time(tmp_path: Path) -> None:
    out = breakdown(_trace(tmp_path), since_ms=0)
    assert out["items"] == 1
    seg = {name: out[name]["p50"] for name in SEGMENTS}
    assert seg["s1_to_worker"] == 10  # raw timestamp -> fetch response
    assert seg["s1_hop"] == 15 and seg["s1_in_client"] == 5  # 1010 -> 1025 -> 1030
    assert seg["s2_to_worker"] == 10  # stage 1 acked at 1080, response at 1090
    assert seg["s2_hop"] == 30 and seg["s2_in_client"] == 30  # 1090 -> 1120 -> 1150
    assert round(sum(seg.values()), 1) == out["total"]["p50"] == 170


def test_the_slowest_items_spread_counts_raw_messages_and_stage_2_batches(
    tmp_path: Path,
) -> None:
    data = orjson.loads(_trace(tmp_path).read_bytes())
    route = data["batches"][1]
    # 300 items of one raw message in one stage-2 batch: the slowest 1% are 3 items, but one
    # raw message and one batch, so one wait.
    for n in range(1, 300):
        route["events"].append({**route["events"][0], "offset": 3 + n})
    path = tmp_path / "trace300.json"
    path.write_bytes(orjson.dumps(data))
    out = breakdown(path, since_ms=0)
    assert out["items"] == 300 and out["slowest_1pct"] == 3
    assert out["slowest_1pct_spread"] == {"raw_messages": 1, "stage2_batches": 1}


def test_run_queue_wait_is_taken_between_the_stamps_around_the_item(tmp_path: Path) -> None:
    out = breakdown(_trace(tmp_path), since_ms=0)
    # Stamps at or before 1000 (raw timestamp) and 1170 (stage 2 sends): 5 -> 50 ms.
    assert out["runq_wait"]["p50"] == 45
    assert out["total_less_runq"]["p50"] == 125
    assert out["runq_share"] == round(45 / 170, 3)


def test_a_trace_without_hand_overs_or_run_queue_stamps_still_splits(tmp_path: Path) -> None:
    # Older traces: the hand-over falls back to the fetch response, no run-queue wait.
    out = breakdown(_trace(tmp_path, handed=[], runq=[]), since_ms=0)
    assert out["s1_hop"]["p50"] == 0 and out["s1_in_client"]["p50"] == 20
    assert out["runq_wait"]["p50"] == 0 and out["total"]["p50"] == 170


def test_a_split_worker_s_two_traces_join_and_each_stage_waits_in_its_own_process(
    tmp_path: Path,
) -> None:
    one = orjson.loads(_trace(tmp_path).read_bytes())
    parse, route = dict(one), dict(one)
    parse["batches"] = [b for b in one["batches"] if b["stage"] == "parse"]
    route["batches"] = [b for b in one["batches"] if b["stage"] == "route"]
    parse["arrivals"], route["arrivals"] = one["arrivals"][:1], one["arrivals"][1:]
    parse["handed"], route["handed"] = one["handed"][:1], one["handed"][1:]
    # Each process's own run-queue clock: the route process's 20 ms before stage 1's acks
    # (1000 -> 1079) are not on the item's path, it was then in the parse process.
    parse["runq"] = [[990.0, 100.0], [1040.0, 102.0], [1081.0, 105.0]]
    route["runq"] = [[1000.0, 7.0], [1079.0, 27.0], [1160.0, 30.0], [1185.0, 37.0]]
    paths = []
    for name, data in (("parse", parse), ("route", route)):
        paths.append(tmp_path / f"trace-{name}.json")
        paths[-1].write_bytes(orjson.dumps(data))
    out = breakdown(paths, since_ms=0)
    assert out["items"] == 1
    assert out["total"]["p50"] == 170  # the same path as in one process
    assert out["s2_hop"]["p50"] == 30
    # Parse process 100 -> 102 (1000 -> 1080), route process 27 -> 30 (1080 -> 1170).
    assert out["runq_wait"]["p50"] == 5
    assert out["runq_share_by_stage"] == {"parse": round(5 / 170, 3), "route": round(23 / 170, 3)}
    assert out["runq_share"] == round((5 / 170 + 23 / 170) / 2, 3)
