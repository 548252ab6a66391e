"""Dedup beyond one partition (issue #17): a near copy is caught across partitions and workers.

Two workers, ``wire.items`` with two partitions, one each. A story goes to one partition and
a republished copy under another source's uri to the other, published once the copy's worker
has read the story from the first partition's dedup changelog (what "far enough apart" means:
past the replication lag). The copy's worker records it as a duplicate of the story. In
exactly-once mode the tail reads ``read_committed``, so the story counts once its transaction
commits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import urllib.request

import pytest

from streams import jsonio
from streams.dev.process import WorkerProcess
from streams.kafka.admin import ensure_topics
from streams.kafka.changelog import key_partition
from streams.kafka.clients import RawPayload

from .conftest import Service
from .test_dedup_semantics import ORIGINAL

HEADLINE, BODY = ORIGINAL.split("\n", 1)
# Another outlet's copy: one word changed and page furniture around it.
COPY_BODY = "Advertisement\n" + BODY.replace("washed away", "swept away") + "Share this article\n"


def uri_in(source: str, partition: int) -> tuple[str, str]:
    """A native id whose item (uri ``urn:wirestream:<source>:id:<id>``) is keyed to
    ``partition`` of a two-partition ``wire.items``; and that uri."""
    for i in range(100):
        uri = f"urn:wirestream:{source}:id:{source}-floods-{i}"
        if key_partition(uri.encode(), 2) == partition:
            return f"{source}-floods-{i}", uri
    raise AssertionError("no id found")


def ninjs(native_id: str, body: str) -> bytes:
    return jsonio.dumps(
        {
            "uri": native_id,
            "version": "1",
            "type": "text",
            "headlines": [{"role": "main", "value": HEADLINE}],
            "bodies": [{"role": "main", "contenttype": "text/plain", "value": body}],
        }
    )


async def get(worker: WorkerProcess, path: str) -> str:
    url = f"http://127.0.0.1:{worker.web_port}{path}"
    body = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=5).read())
    return body.decode()


async def owners(service: Service, workers: list[WorkerProcess]) -> dict[int, WorkerProcess]:
    """Wait until each worker owns one ``wire.items`` partition; partition → its worker."""
    deadline = time.monotonic() + 90
    found: dict[int, WorkerProcess] = {}
    while time.monotonic() < deadline:
        found = {}
        for w in workers:
            with contextlib.suppress(OSError, ValueError):
                view = json.loads(await get(w, "/wire/consumer"))
                for p in view["assignment"].get(service.topics.items, []):
                    found[p] = w
        if len(found) == 2 and len(set(map(id, found.values()))) == 2:
            return found
        await asyncio.sleep(0.5)
    raise AssertionError(f"wire.items partitions never split between the workers: {found}")


async def observed(worker: WorkerProcess, count: int, timeout: float = 60.0) -> float:
    """Wait until ``worker`` has indexed ``count`` records of other partitions' changelog."""
    deadline = time.monotonic() + timeout
    seen = 0.0
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            for line in (await get(worker, "/metrics")).splitlines():
                if line.startswith("wire_dedup_remote_lag_seconds_count"):
                    seen = float(line.split()[-1])
        if seen >= count:
            return seen
        await asyncio.sleep(0.3)
    raise AssertionError(f"the copy's worker indexed {seen} remote records, not {count}")


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_a_near_copy_on_another_workers_partition_is_a_duplicate(
    service: Service, guarantee: str
) -> None:
    service.settings = service.settings.with_(
        guarantee=guarantee,
        items_partitions=2,
        topic_prefix=service.settings.topic_prefix + "p",
    )
    service.topics = type(service.topics)(service.settings.topic_prefix, service.topics.regions)
    await ensure_topics(service.settings, service.topics.specs(service.settings))
    workers = [service.worker(), service.worker()]
    by_partition = await owners(service, workers)
    original_id, original_uri = uri_in("wna", 0)
    copy_id, copy_uri = uri_in("portal", 1)
    regions = list(service.topics.region_topics)

    await service.publish(RawPayload(ninjs(original_id, BODY), "wna", "original.json"))
    routed = await service.wait_for(regions, 1)
    assert routed[0].json()["uri"] == original_uri
    await observed(by_partition[1], 1)  # the copy's worker has the story from partition 0

    await service.publish(RawPayload(ninjs(copy_id, COPY_BODY), "portal", "copy.json"))
    dups = await service.wait_for([service.topics.duplicates], 1)
    ext = dups[0].json()["wirestream"]
    assert dups[0].json()["uri"] == copy_uri
    assert ext["duplicate_of"] == original_uri
    assert ext["similarity"] < 1.0  # a near copy, not a repeat of the uri
    assert {r.json()["uri"] for r in await service.read(*regions)} == {original_uri}
