"""Decisions of the ingest process, pure and clock-free (callers pass ``now``).

Which files are complete, how long to wait before the next poll, when a source
counts as stale, and the per-source status the dashboard shows.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

#: Name endings of files still being written by common uploaders (FTP, rsync, browsers).
TEMP_SUFFIXES = (".tmp", ".part", ".partial", ".filepart", ".crdownload", ".swp", "~")


def is_temporary(name: str) -> bool:
    """Dot-files (rsync and many FTP servers write ``.name.XXXX``) and temporary suffixes."""
    lower = name.lower()
    return name.startswith(".") or lower.endswith(TEMP_SUFFIXES)


@dataclass(slots=True)
class Settler:
    """Takes a file once its size and mtime have stayed the same for ``settle`` seconds.

    A file written then renamed into place is complete at once, but nothing on disk
    says so: waiting out a short quiet period covers both that and the slow uploader
    that writes in place. A file that changes restarts its wait.
    """

    settle: float
    _seen: dict[str, tuple[int, int, float]] = field(default_factory=dict)

    def observe(self, name: str, size: int, mtime_ns: int, now: float) -> bool:
        """Record a look at the file; True when it has been unchanged long enough."""
        prev = self._seen.get(name)
        if prev is None or prev[:2] != (size, mtime_ns):
            self._seen[name] = (size, mtime_ns, now)
            return self.settle <= 0
        return now - prev[2] >= self.settle

    def forget(self, name: str) -> None:
        self._seen.pop(name, None)

    def waiting(self) -> int:
        return len(self._seen)

    def keep_only(self, names: set[str]) -> None:
        """Drop files that disappeared (moved away by someone else)."""
        for gone in set(self._seen) - names:
            del self._seen[gone]


def backoff(failures: int, base: float, cap: float) -> float:
    """Exponential: ``base`` after the first failure, doubling, at most ``cap``."""
    if failures <= 0:
        return base
    return float(min(cap, base * 2 ** (failures - 1)))


def next_delay(
    interval: float, jitter: float, failures: int, max_backoff: float, rng: random.Random
) -> float:
    """Seconds to the next poll: the interval (or the backoff after errors), jittered."""
    base = interval if failures == 0 else max(interval, backoff(failures, interval, max_backoff))
    return base * (1 + rng.uniform(-jitter, jitter))


@dataclass(slots=True)
class SourceStatus:
    """What the dashboard and ``wire status`` show per source."""

    name: str
    kind: str
    expect_every: float
    started: float = field(default_factory=time.time)
    last_success: float | None = None
    last_item: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    items_total: int = 0
    items_today: int = 0
    day: str = ""
    failures: int = 0
    errors_total: int = 0
    backlog: int = 0
    next_poll: float | None = None

    def success(self, now: float) -> None:
        self.last_success = now
        self.failures = 0

    def delivered(self, count: int, now: float) -> None:
        if count <= 0:
            return
        today = time.strftime("%Y-%m-%d", time.gmtime(now))
        if today != self.day:
            self.day, self.items_today = today, 0
        self.items_today += count
        self.items_total += count
        self.last_item = now

    def error(self, message: str, now: float) -> None:
        self.last_error, self.last_error_at = message[:500], now
        self.failures += 1
        self.errors_total += 1

    def silent_for(self, now: float) -> float:
        return now - (self.last_item if self.last_item is not None else self.started)

    def stale(self, now: float) -> bool:
        """Silent (no new item) for longer than the source's expected interval."""
        return self.expect_every > 0 and self.silent_for(now) > self.expect_every

    def failing(self) -> bool:
        """The latest attempt (poll, scan, push) failed."""
        return self.last_error_at is not None and (
            self.last_success is None or self.last_error_at > self.last_success
        )

    def state(self, now: float) -> str:
        """``stale`` first (what a desk must see: the line went quiet), then ``error``, ``ok``."""
        if self.stale(now):
            return "stale"
        return "error" if self.failing() else "ok"

    def view(self, now: float) -> dict[str, object]:
        today = time.strftime("%Y-%m-%d", time.gmtime(now))
        return {
            "name": self.name,
            "kind": self.kind,
            "state": self.state(now),
            "stale": self.stale(now),
            "failing": self.failing(),
            "silent_s": round(self.silent_for(now), 1),
            "expect_every_s": self.expect_every,
            "last_success": self.last_success,
            "last_item": self.last_item,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at,
            "items_today": self.items_today if self.day == today else 0,
            "items_total": self.items_total,
            "backlog": self.backlog,
            "failures": self.failures,
            "next_poll": self.next_poll,
        }
