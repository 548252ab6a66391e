"""Events whose output Kafka refused for good, remembered on disk across restarts.

In exactly-once mode a record the *broker* refuses (too large for a topic configured below
our settings, an invalid record) loses its transaction: the idempotent producer's sequence
for that partition is broken, so the book never commits it, and the worker redoes the
event after a rebalance or a restart (``streams.worker.eos``). Redone, the event would be
refused again, for ever. The agents write the event here when they make its dead letter;
seen again, the event goes straight to the dead-letter topic with the same reason.
(A record refused before it is queued, the usual case, does not lose the transaction and
is dead-lettered at once; at-least-once mode never loses one either.)

The file is tab-separated, one line per event, appended and synced; it is small (one line
per refused event) and local to the worker, so a partition that moves to another worker
may be refused once more there before it too remembers the event. Each line carries a
digest of the record's value: a topic deleted and re-created reuses offsets, and an
unrelated record at a remembered offset must not become a dead letter.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from streams.errors import OutputRefused, OutputTooLarge, WireError

log = logging.getLogger(__name__)

_ERRORS: dict[str, type[WireError]] = {
    OutputTooLarge.reason: OutputTooLarge,
    OutputRefused.reason: OutputRefused,
}


class RefusedLedger:
    """``(topic, partition, offset)`` and a digest of the value → the dead letter's error."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._seen: dict[tuple[str, int, int], tuple[str, WireError]] = {}
        if path is not None and path.exists():
            for line in path.read_text("utf-8", "replace").splitlines():
                parts = line.split("\t", 5)
                if len(parts) == 6 and parts[1].lstrip("-").isdigit() and parts[2].isdigit():
                    kind = _ERRORS.get(parts[4], OutputRefused)
                    key = (parts[0], int(parts[1]), int(parts[2]))
                    self._seen[key] = (parts[3], kind(parts[5]))

    def __len__(self) -> int:
        return len(self._seen)

    def get(self, topic: str, partition: int, offset: int, value: bytes) -> WireError | None:
        found = self._seen.get((topic, partition, offset))
        if found is None or found[0] != _digest(value):
            return None
        return found[1]

    def add(self, topic: str, partition: int, offset: int, value: bytes, error: WireError) -> None:
        key = (topic, partition, offset)
        if key in self._seen:
            return
        digest = _digest(value)
        self._seen[key] = (digest, error)
        if self.path is None:
            return
        message = " ".join(error.message.split())[:1000]
        line = f"{topic}\t{partition}\t{offset}\t{digest}\t{error.reason}\t{message}\n"
        # Remembered in memory still if the write fails; a restart may refuse it again.
        _append(self.path, line, "a refused event")


def _digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:32]


def _append(path: Path, line: str, what: str) -> None:
    """One ledger line, synced: it must outlive a crash right after. A failed write is logged,
    not raised: the ledgers keep their memory, which only a restart loses."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(line)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        log.warning("could not record %s in %s: %r", what, path, exc)


class CrashLedger:
    """Events whose stage crashed after queueing their outputs, in exactly-once mode, counted
    on disk across restarts.

    Such a crash gives the events' transactions up (``Stages.guarded``): they are redone only
    after the rebalance or restart that replaces them, in a new process. So the count of an
    event's crashes has to outlive the process, or an event that crashes every time would be
    redone for ever. A batch that crashed makes each of its events a suspect (count 0): redone,
    they are taken one at a time, and only an event that crashes alone is counted.

    Tab-separated lines ``topic, partition, offset, digest, alone`` (1: it crashed alone),
    appended and synced; keyed like :class:`RefusedLedger`, but the agents digest the
    record's timestamp with its bytes (``agents._crash_identity``): the same payloads
    published again into a re-created topic can land at the same offsets, and a count of
    3 dead-letters the event without trying it.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._seen: dict[tuple[str, int, int], tuple[str, int]] = {}
        if path is not None and path.exists():
            for line in path.read_text("utf-8", "replace").splitlines():
                parts = line.split("\t")
                if len(parts) == 5 and parts[1].lstrip("-").isdigit() and parts[2].isdigit():
                    self._count((parts[0], int(parts[1]), int(parts[2])), parts[3], parts[4] == "1")

    def holds(self, topic: str, partition: int, offset: int) -> bool:
        """Is an event at this position counted (whatever its bytes)? Cheap: the agents ask
        for every event, before building its identity (:meth:`crashes`)."""
        return (topic, partition, offset) in self._seen

    def crashes(self, topic: str, partition: int, offset: int, value: bytes) -> int | None:
        """How many times the event crashed alone; None if it never crashed."""
        found = self._seen.get((topic, partition, offset))
        if found is None or found[0] != _digest(value):
            return None
        return found[1]

    def add(self, topic: str, partition: int, offset: int, value: bytes, alone: bool) -> None:
        digest = _digest(value)
        self._count((topic, partition, offset), digest, alone)
        if self.path is None:
            return
        line = f"{topic}\t{partition}\t{offset}\t{digest}\t{int(alone)}\n"
        # Counted in memory still if the write fails; a restart may redo it more often.
        _append(self.path, line, "a crashed event")

    def _count(self, key: tuple[str, int, int], digest: str, alone: bool) -> None:
        known = self._seen.get(key)
        count = known[1] if known is not None and known[0] == digest else 0
        self._seen[key] = (digest, count + int(alone))
