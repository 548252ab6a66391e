"""Parse throughput per format (items/s, MB/s) and schema-validation cost per item.

Run: ``.venv/bin/python bench/parse_bench.py [--seconds 1.0]``. Prints a table and
writes ``bench/results/parse.json``. Payloads are the unit-test fixtures (realistic
wire items) plus a ~3 KB single plain-text article, the pipeline's sizing case.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streams import jsonio  # noqa: E402
from streams.core.model import RawMessage  # noqa: E402
from streams.core.parse import parse  # noqa: E402
from streams.core.schema import validate_item  # noqa: E402

FIX = ROOT / "tests" / "fixtures" / "wire"

CASES = {
    "plain-3kb-article": None,
    "plain-digest": "plain/digest.txt",
    "plain-cp1252": "plain/cp1252.txt",
    "ninjs": "ninjs/v2_array.json",
    "nitf": "nitf/story.xml",
    "newsml-g2": "newsml/message.xml",
    "rss": "rss/feed.xml",
    "atom": "atom/feed.xml",
    "anpa1312": "anpa1312/two.txt",
    "iptc7901": "iptc7901/two.txt",
}


def article_3kb() -> bytes:
    digest = (FIX / "plain/digest.txt").read_text("utf-8").split("\n")
    head, paras = digest[0], digest[1:6]
    body: list[str] = []
    while sum(len(p) + 1 for p in body) < 2900:
        body.extend(paras)
    return ("\n".join([head, *body]) + "\n").encode()


def _best_rate(fn: Callable[[], object], seconds: float, rounds: int = 5) -> float:
    """Calls per second, best of several rounds: the machine is shared and noisy."""
    best = 0.0
    for _ in range(rounds):
        calls = 0
        start = time.perf_counter()
        deadline = start + seconds / rounds
        while time.perf_counter() < deadline:
            for _ in range(10):
                fn()
            calls += 10
        best = max(best, calls / (time.perf_counter() - start))
    return best


def measure(data: bytes, seconds: float) -> dict[str, float]:
    msg = RawMessage(value=data, headers={"wire-source": b"bench"})
    items = len(parse(msg).items)
    rate = _best_rate(lambda: parse(msg), seconds)
    return {
        "payload_bytes": len(data),
        "items_per_payload": items,
        "payloads_per_s": rate,
        "items_per_s": rate * items,
        "mb_per_s": rate * len(data) / 1e6,
        "us_per_item": 1e6 / (rate * items),
    }


def measure_validation(seconds: float) -> float:
    msg = RawMessage(value=(FIX / "ninjs/v2_array.json").read_bytes())
    doc = parse(msg).items[0].to_json()
    validate_item(doc)  # compile once, outside the timing
    return 1e6 / _best_rate(lambda: validate_item(doc), seconds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=1.0, help="time per case")
    args = ap.parse_args()
    results: dict[str, dict[str, float]] = {}
    for name, path in CASES.items():
        data = article_3kb() if path is None else (FIX / path).read_bytes()
        results[name] = measure(data, args.seconds)
    validate_us = measure_validation(args.seconds)
    print(f"{'case':<20}{'bytes':>8}{'items':>7}{'items/s':>11}{'MB/s':>8}{'us/item':>9}")
    for name, r in results.items():
        print(
            f"{name:<20}{r['payload_bytes']:>8.0f}{r['items_per_payload']:>7.0f}"
            f"{r['items_per_s']:>11.0f}{r['mb_per_s']:>8.2f}{r['us_per_item']:>9.1f}"
        )
    print(f"validate_item (compiled once, valid item): {validate_us:.1f} us/item")
    out = ROOT / "bench" / "results" / "parse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(
        jsonio.dumps_pretty(
            {
                "python": platform.python_version(),
                "machine": platform.machine(),
                "seconds_per_case": args.seconds,
                "method": "best of 5 rounds",
                "cases": results,
                "validate_item_us": validate_us,
            }
        )
    )
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
