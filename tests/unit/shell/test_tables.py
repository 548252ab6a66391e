"""TableStore reads: one store lookup per get, Faust's table sensors still told."""

from __future__ import annotations

from typing import Any

import faust
import pytest

from streams.shell.tables import TableStore, TrackedTable, tracked_table


class CountingStore:
    """Wraps a table's store to count lookups (``__getitem__`` and ``__contains__``)."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.lookups = 0

    def __getitem__(self, key: Any) -> Any:
        self.lookups += 1
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return key in self.data


@pytest.fixture
def table() -> TrackedTable:
    app = faust.App("test-tables", store="memory://", autodiscover=False)
    return tracked_table(app, "dedup", default=None)


def test_get_returns_the_stored_value_and_none_when_missing(table: TrackedTable) -> None:
    table.data["s:1"] = {"u": "urn:a"}
    store = TableStore(table)
    assert store.get("s:1") == {"u": "urn:a"}
    assert store.get("s:2") is None


def test_get_is_one_store_lookup(table: TrackedTable) -> None:
    table.data["s:1"] = [1, 2]
    counting = CountingStore(table.data)
    table._data = counting  # type: ignore[assignment]
    store = TableStore(table)
    store.get("s:1")
    store.get("missing")
    assert counting.lookups == 2


def test_get_tells_the_table_sensors(table: TrackedTable) -> None:
    seen: list[Any] = []
    table.on_key_get = seen.append  # type: ignore[method-assign]
    store = TableStore(table)
    store.get("s:1")
    store.get("s:2")
    assert seen == ["s:1", "s:2"]
