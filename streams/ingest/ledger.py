"""Kafka I/O of the ingest process: keyed, acknowledged deliveries and the feed ledger.

The ledger is a compacted topic (``wire.ingest-ledger``) keyed by source and entry
guid, valued with the content hash last sent: it is read whole at start, so the
memory of what was sent moves with the process (a new machine, a new pod) instead
of living in a local file. A ledger record is written only after the entry's raw
message was acknowledged; a crash in between re-sends the entry under the same key.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from streams import jsonio
from streams.kafka.clients import Publisher, RawPayload, read_topics
from streams.kafka.retry import Backoff, retry, transient
from streams.settings import Settings


def ledger_key(source: str, guid: str) -> bytes:
    return f"{source}\x1f{guid}".encode()


class IngestPublisher(Publisher):
    """The project's idempotent ``acks=all`` publisher, with message keys and the ledger."""

    def __init__(self, settings: Settings, topic: str, ledger_topic: str) -> None:
        super().__init__(settings, topic)
        self.ledger_topic = ledger_topic

    async def __aenter__(self) -> IngestPublisher:
        await super().__aenter__()
        return self

    async def deliver(
        self, batch: Sequence[tuple[bytes, RawPayload]], deadline_s: float = 60.0
    ) -> list[tuple[int, int]]:
        """Send keyed payloads and return (partition, offset) of each once Kafka acked all.

        Transient failures are re-sent with the same key (a possible double that
        dedup absorbs); anything else raises, and the caller keeps the files or entries.
        """
        pending = list(range(len(batch)))
        done: dict[int, tuple[int, int]] = {}

        async def attempt() -> None:
            nonlocal pending
            futures = []
            for i in pending:
                key, payload = batch[i]
                futures.append(
                    await self._producer.send(
                        self.topic, payload.value, key=key, headers=payload.headers()
                    )
                )
            results = await asyncio.gather(*futures, return_exceptions=True)
            failed: list[tuple[int, BaseException]] = []
            for i, result in zip(pending, results, strict=True):
                if isinstance(result, BaseException):
                    failed.append((i, result))
                else:
                    done[i] = (result.partition, result.offset)
            pending = [i for i, _ in failed]
            if failed:
                raise next((r for _, r in failed if not transient(r)), failed[0][1])

        await retry(attempt, Backoff(deadline_s=deadline_s))
        return [done[i] for i in range(len(batch))]

    async def remember(self, source: str, entries: Sequence[tuple[str, str]]) -> None:
        """Write ledger records (guid, content hash) and wait for their acknowledgements."""
        now = int(time.time() * 1000)
        futures = [
            await self._producer.send(
                self.ledger_topic,
                jsonio.dumps({"hash": digest, "at": now}),
                key=ledger_key(source, guid),
            )
            for guid, digest in entries
        ]
        await asyncio.gather(*futures)


async def load_ledger(settings: Settings, topic: str) -> dict[bytes, str]:
    """The whole compacted ledger: ``ledger_key`` → content hash last sent."""
    memory: dict[bytes, str] = {}
    async for rec in read_topics(settings, [topic], from_beginning=True, until_end=True):
        if rec.key is None:
            continue
        if not rec.value:
            memory.pop(rec.key, None)
            continue
        try:
            doc = jsonio.loads(rec.value)
        except ValueError:
            continue
        if isinstance(doc, dict) and isinstance(doc.get("hash"), str):
            memory[rec.key] = doc["hash"]
    return memory
