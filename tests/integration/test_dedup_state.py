"""Dedup state lives in a changelog-backed table: a restarted or moved worker does not re-route."""

from __future__ import annotations

import pytest

from streams.kafka.clients import RawPayload

from .conftest import Service, WorkerProcess, state_written


def _items() -> list[RawPayload]:
    stories = [
        "Polish farmers block border crossing with Ukraine over grain imports\n"
        "WARSAW, May 4 (WNA) - Polish farmers blocked three crossings on the border with Ukraine on "
        "Monday, demanding tighter limits on grain imports. (WNA)\n",
        "Peru's congress votes to remove finance minister\n"
        "LIMA, May 4 (WNA) - Peru's congress voted on Monday to remove the finance minister after a "
        "row over pension withdrawals, the third minister to go this year. (WNA)\n",
    ]
    return [RawPayload(s.encode(), "wna", f"story-{i}.txt") for i, s in enumerate(stories)]


def _restart(service: Service, first: WorkerProcess, moved: bool) -> WorkerProcess:
    """``first`` stopped, then started again (same host) or replaced by a new worker (moved:
    another machine has no local RocksDB and must rebuild its state from the changelog)."""
    first.stop()
    if moved:
        return service.worker()
    first.start()
    first.wait_web()
    return first


@pytest.mark.parametrize("moved", [False, True], ids=["same-host", "moved-worker"])
async def test_state_survives_restart(service: Service, moved: bool) -> None:
    regions = list(service.topics.region_topics)
    first = service.worker()
    await service.publish(*_items())
    routed = await service.wait_for(regions, 2)
    await state_written(first, 2)
    later = _restart(service, first, moved)
    await service.publish(*_items())
    # Done first, then judged: a stuck item and a re-routed one fail differently.
    await state_written(later, 2)
    dups = await service.read(service.topics.duplicates)
    again = await service.read(*regions)
    assert {d.key for d in dups} == {r.key for r in routed}, (
        f"{len(dups)} duplicates, {len(again)} routed in all:\n{later.tail()}"
    )
    assert len(again) == 2


@pytest.mark.parametrize("moved", [False, True], ids=["same-host", "moved-worker"])
async def test_near_duplicate_index_is_rebuilt_after_restart(service: Service, moved: bool) -> None:
    """Only story records are stored; the candidate index is derived in memory. A restarted
    or moved worker rebuilds it from the table, so another outlet's copy of a story seen
    before the restart is still caught (another uri: only the index can find it)."""
    regions = list(service.topics.region_topics)
    first = service.worker()
    [original] = _items()[:1]
    await service.publish(original)
    [routed] = await service.wait_for(regions, 1)
    await state_written(first, 1)
    later = _restart(service, first, moved)
    copy = b"Advertisement\n" + original.value + b"Share this article\n"
    await service.publish(RawPayload(copy, "portal", "copy.html.txt"))
    await state_written(later, 1)
    dups = await service.read(service.topics.duplicates)
    assert [d.json()["wirestream"]["duplicate_of"] for d in dups] == [routed.json()["uri"]], (
        later.tail()
    )
