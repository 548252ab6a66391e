"""Repeat, update or new story? Entry point: :class:`Deduper`.

The decision is split in two on purpose: :meth:`Deduper.decide` only reads the
store, :meth:`Deduper.remember` writes it, and the shell calls ``remember``
only after every send for the item was delivered. A crash between the two
re-sends the item on restart (a duplicate a consumer can drop by ``uri``),
never loses it.

(Walking-skeleton version: exact repeats by uri and by content fingerprint.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from streams.core.model import Status, WireItem


class DedupStore(Protocol):
    """The state the deduper needs: a key-value map of JSON-able values.

    Implemented by a dict in tests and ``wire inspect``, and by Faust tables in the worker.
    """

    def get(self, key: str) -> Any | None: ...

    def set(self, key: str, value: Any) -> None: ...

    def delete(self, key: str) -> None: ...


class MemoryStore:
    """A plain dict behind :class:`DedupStore`."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        return self.data.get(key)

    def set(self, key: str, value: Any) -> None:
        self.data[key] = value

    def delete(self, key: str) -> None:
        self.data.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


@dataclass(slots=True, frozen=True)
class Decision:
    status: Status
    duplicate_of: str | None = None
    update_of: str | None = None
    related_to: str | None = None
    similarity: float | None = None


def content_fingerprint(item: WireItem) -> str:
    """Hash of what a reader sees; whitespace and case do not make a new story."""
    text = " ".join((item.headline + "\n" + item.body).split()).casefold()
    return hashlib.sha256(f"{item.pubstatus}\n{text}".encode()).hexdigest()[:32]


class Deduper:
    def __init__(self, store: DedupStore, window_ms: int = 72 * 3600 * 1000) -> None:
        self.store = store
        self.window_ms = window_ms

    def decide(self, item: WireItem, now_ms: int) -> Decision:
        fp = item.ext.fingerprint or content_fingerprint(item)
        seen = self.store.get("u:" + item.uri)
        if seen is not None and now_ms - seen["t"] <= self.window_ms:
            if seen["fp"] == fp or item.version < seen["v"]:
                return Decision("duplicate", duplicate_of=item.uri, similarity=1.0)
            return Decision("update", update_of=item.uri)
        same = self.store.get("f:" + fp)
        if same is not None and now_ms - same["t"] <= self.window_ms:
            return Decision("duplicate", duplicate_of=same["uri"], similarity=1.0)
        return Decision("routed")

    def remember(self, item: WireItem, decision: Decision, now_ms: int) -> None:
        if decision.status == "duplicate":
            return
        fp = item.ext.fingerprint or content_fingerprint(item)
        self.store.set("u:" + item.uri, {"fp": fp, "v": item.version, "t": now_ms})
        self.store.set("f:" + fp, {"uri": item.uri, "t": now_ms})
