"""The overlay: writes held back until drained, base reads looked up once per drain."""

from __future__ import annotations

from typing import Any

from streams.core.dedup import DELETED, MemoryStore, OverlayStore


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.gets: list[str] = []

    def get(self, key: str) -> Any | None:
        self.gets.append(key)
        return super().get(key)


def test_writes_are_visible_but_reach_the_base_only_through_drain() -> None:
    base = CountingStore()
    base.set("a", [1])
    overlay = OverlayStore(base)
    overlay.origin = "e1"
    overlay.set("a", [1, 2])
    overlay.origin = "e2"
    overlay.delete("b")
    assert overlay.get("a") == [1, 2]
    assert overlay.get("b") is None
    assert base.get("a") == [1]
    assert overlay.drain() == [("e1", "a", [1, 2]), ("e2", "b", DELETED)]
    assert overlay.drain() == []


def test_a_base_key_is_read_once_until_the_drain() -> None:
    base = CountingStore()
    base.set("a", 1)
    overlay = OverlayStore(base)
    for _ in range(3):
        assert overlay.get("a") == 1
        assert overlay.get("missing") is None
    assert base.gets == ["a", "missing"]


def test_the_drain_forgets_reads_so_later_base_changes_are_seen() -> None:
    base = CountingStore()
    base.set("a", 1)
    overlay = OverlayStore(base)
    assert overlay.get("a") == 1
    overlay.drain()
    base.set("a", 2)  # e.g. the shell applied the batch, or recovery rebuilt the table
    assert overlay.get("a") == 2


def test_a_write_after_a_read_wins_over_the_remembered_read() -> None:
    overlay = OverlayStore(CountingStore())
    assert overlay.get("a") is None
    overlay.set("a", 5)
    assert overlay.get("a") == 5
    overlay.delete("a")
    assert overlay.get("a") is None
