"""Benchmarks: synthetic wire traffic, the pure pipeline, and end to end with baselines.

Shared helpers live here: where results go and what machine produced them.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("WIRE_BENCH_RESULTS", REPO / "bench" / "results"))


def write_json(name: str, data: Any) -> Path:
    """Write ``bench/results/<name>`` (git-ignored), pretty-printed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    return path


def machine_info() -> dict[str, Any]:
    """What the numbers depend on: cores, CPU, Python, Kafka, load, when."""
    cpu = "unknown"
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = match.group(1).strip() if match else cpu
    except OSError:
        pass
    kafka = "unknown"
    pom = REPO / "deploy" / "kafka" / "pom.xml"
    if pom.is_file():
        found = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", pom.read_text())
        kafka = found.group(1).strip() if found else kafka
    return {
        "nproc": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "kafka_version": kafka,
        "loadavg": list(os.getloadavg()),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
