"""Live counters for the web status page; in-process, per worker, reset on restart."""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

from streams.core.model import WireItem


@dataclass
class Stats:
    started: float = field(default_factory=time.time)
    raw_in: int = 0
    items_out: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_region: Counter[str] = field(default_factory=Counter)
    dead_by_reason: Counter[str] = field(default_factory=Counter)
    latest: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=50))
    latest_dead: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=20))

    def on_raw(self) -> None:
        self.raw_in += 1

    def on_item(self, item: WireItem) -> None:
        status = item.ext.status
        self.by_status[status] += 1
        if status != "duplicate":
            self.items_out += 1
            for region in item.ext.regions or ["unlocated"]:
                self.by_region[region] += 1
        self.latest.appendleft(
            {
                "uri": item.uri,
                "headline": item.headline,
                "regions": item.ext.regions,
                "status": status,
                "at": time.time(),
            }
        )

    def on_dead(self, reason: str, message: str, where: str) -> None:
        self.by_status["dead-letter"] += 1
        self.dead_by_reason[reason] += 1
        self.latest_dead.appendleft(
            {"reason": reason, "error": message[:300], "raw": where, "at": time.time()}
        )

    def snapshot(self) -> dict[str, Any]:
        return {
            "uptime_s": round(time.time() - self.started, 1),
            "raw_in": self.raw_in,
            "items_out": self.items_out,
            "by_status": dict(self.by_status),
            "by_region": dict(self.by_region),
            "dead_by_reason": dict(self.dead_by_reason),
            "latest": list(self.latest),
            "latest_dead": list(self.latest_dead),
        }
