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
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

#: The longest the broker holds a fetch that found no new records, in milliseconds.
FETCH_MAX_WAIT_MS = 20


class PromptFetchThread(AIOKafkaConsumerThread):
    """Faust's consumer thread, creating its consumer with a short fetch wait."""

    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads this when it starts its fetcher (AIOKafkaConsumer.start), after
        # Faust's constructor call; Faust offers no setting for it.
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS
        return consumer
