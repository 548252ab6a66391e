"""The worker's Kafka fetcher: a short broker-side wait, so one agent never idles the other.

Both agents read through one aiokafka consumer, and aiokafka sends at most one fetch
request per broker at a time. Faust creates that consumer with ``fetch_max_wait_ms=1500``:
a fetch for a partition with no new data is held by the broker for up to 1.5 s, and
while it is held no other partition on that broker can be fetched. So when the route
agent had caught up and its empty ``wire.items`` fetch was held, the parse agent, which
had just emptied its buffer of raw records, waited up to 1.5 s for its next raw records,
and the route agent then waited for the parse agent's output: the two stages took turns
idling, and batched agents, which empty a buffer at once, hit it on every batch
(``docs/architecture.md``, "Batched agents and the shared fetch loop").

A fetch with data returns at once whatever this wait is; the wait only bounds how long an
idle partition holds the others up. An idle worker sends a few dozen small fetch
requests per second instead of one per 1.5 s.

A worker running one stage (``WIRE_ROLES``) reads one topic, so no other stage's partition
waits behind its idle fetch; aiokafka sends the next fetch to a broker only when the records
of the previous one are consumed (or 100 ms after they came, its prefetch backoff), and that
fetch holds every partition not paused and without records waiting, so new
records on any of them answer it at once. Its wait is longer (``Settings.fetch_wait``),
which saves most of the idle fetches' CPU. What it can still delay: a partition left out
of a held fetch (its records fetched earlier still being consumed, or paused by a seek)
is fetched again when that fetch returns, at most the wait later; that happens under a
backlog on one partition while the others are idle.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

from streams.settings import SHARED_FETCH_WAIT_MS


class PromptFetchThread(AIOKafkaConsumerThread):
    """Faust's consumer thread, creating its consumer with the worker's fetch wait.

    The wait (``Settings.fetch_wait``, ms) comes from the transport the composition root
    built: 20 ms when both stages share the consumer, longer for a worker running one stage.
    """

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads this when it starts its fetcher (AIOKafkaConsumer.start), after
        # Faust's constructor call; Faust offers no setting for it.
        consumer._fetch_max_wait_ms = getattr(transport, "fetch_wait_ms", SHARED_FETCH_WAIT_MS)
        return consumer
