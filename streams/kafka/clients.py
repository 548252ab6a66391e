"""Publishing raw payloads and reading regional topics: the CLI's and tests' Kafka clients."""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaConnectionError, KafkaError

from streams import jsonio
from streams.core.model import H_CONTENT_TYPE, H_FILENAME, H_FORMAT, H_PUBLISHED, H_SOURCE
from streams.errors import BrokerUnavailable, ConfigError
from streams.kafka import records as safe_records
from streams.kafka.diagnosis import ConnectDiagnosis
from streams.kafka.retry import Backoff, retry, transient
from streams.settings import Settings


@dataclass(frozen=True, slots=True)
class RawPayload:
    value: bytes
    source: str
    filename: str | None = None
    content_type: str | None = None
    format: str | None = None

    def headers(self) -> list[tuple[str, bytes]]:
        out = [
            (H_SOURCE, self.source.encode()),
            (H_PUBLISHED, str(int(time.time() * 1000)).encode()),
        ]
        if self.filename:
            out.append((H_FILENAME, self.filename.encode()))
        if self.content_type:
            out.append((H_CONTENT_TYPE, self.content_type.encode()))
        if self.format:
            out.append((H_FORMAT, self.format.encode()))
        return out


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, directories recursively in sorted order (hidden files skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"no such file or directory: {p}")
    return out


def payload_from_file(path: Path, source: str, fmt: str | None = None) -> RawPayload:
    ctype, _ = mimetypes.guess_type(path.name)
    return RawPayload(path.read_bytes(), source, str(path), ctype, fmt)


class Publisher:
    """An idempotent producer for ``wire.raw``; retries transient errors itself."""

    def __init__(self, settings: Settings, topic: str) -> None:
        self.topic = topic
        self._producer = AIOKafkaProducer(
            **settings.kafka_client_kwargs(),
            enable_idempotence=True,
            acks="all",
            max_request_size=settings.max_message_bytes + 64 * 1024,
            linger_ms=5,
            request_timeout_ms=30000,
        )
        self.settings = settings

    async def __aenter__(self) -> Publisher:
        try:
            with ConnectDiagnosis() as diagnosis:
                await asyncio.wait_for(self._producer.start(), 20)
        except (KafkaConnectionError, TimeoutError, OSError) as exc:
            with contextlib.suppress(Exception):
                await self._producer.stop()
            raise diagnosis.error(self.settings) or BrokerUnavailable(
                f"cannot reach Kafka at {self.settings.bootstrap}; is the broker running? "
                "(`wire broker start`, or set WIRE_BOOTSTRAP)"
            ) from exc
        metadata = await self._producer.client.fetch_all_metadata()
        if self.topic not in metadata.topics():
            await self._producer.stop()
            raise ConfigError(
                f"topic {self.topic} does not exist at {self.settings.bootstrap}; start the "
                "worker once (it creates its topics) or check WIRE_TOPIC_PREFIX"
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._producer.stop()

    async def send(self, payload: RawPayload, attempts: int = 8) -> asyncio.Future[object]:
        """Queue one payload; returns the delivery future."""

        async def queue() -> asyncio.Future[object]:
            fut: asyncio.Future[object] = await self._producer.send(
                self.topic, payload.value, headers=payload.headers()
            )
            return fut

        return await retry(queue, Backoff(attempts=attempts), again=_retriable)

    async def send_with_headers(
        self, value: bytes, headers: list[tuple[str, bytes]]
    ) -> asyncio.Future[object]:
        """Re-publish bytes with headers kept as they were (``wire dlq replay``)."""
        fut: asyncio.Future[object] = await self._producer.send(self.topic, value, headers=headers)
        return fut

    async def send_all(self, payloads: Sequence[RawPayload], deadline_s: float = 120.0) -> int:
        """Send and wait for every acknowledgement, re-sending what failed transiently.

        The producer is idempotent, so its own retries never double a message; a payload
        re-sent here after a delivery timeout may be doubled on ``wire.raw``, and the
        worker's dedup then records the second copy as a duplicate.
        """
        pending = list(payloads)

        async def attempt() -> None:
            nonlocal pending
            futures = [await self.send(p) for p in pending]
            results = await asyncio.gather(*futures, return_exceptions=True)
            failed = [
                (p, r)
                for p, r in zip(pending, results, strict=True)
                if isinstance(r, BaseException)
            ]
            pending = [p for p, _ in failed]
            if failed:
                # A fatal error first, so it is not retried for a transient neighbour's sake.
                raise next((r for _, r in failed if not transient(r)), failed[0][1])

        await retry(attempt, Backoff(deadline_s=deadline_s))
        return len(payloads)


@dataclass(frozen=True, slots=True)
class Received:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]

    def json(self) -> dict[str, object]:
        data = jsonio.loads(self.value)
        assert isinstance(data, dict)
        return data


async def read_topics(
    settings: Settings,
    topics: Sequence[str],
    *,
    from_beginning: bool = False,
    idle_timeout: float | None = None,
    count: int | None = None,
    until_end: bool = False,
) -> AsyncIterator[Received]:
    """Read topics without a consumer group (nothing committed), read_committed.

    ``until_end`` stops at the end offsets seen at start; ``idle_timeout`` stops after
    that many seconds without a message; ``count`` after that many messages.
    """
    safe_records.install()  # a header key that is not UTF-8 must not stop the reader
    consumer = AIOKafkaConsumer(
        **settings.kafka_client_kwargs(),
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_partition_fetch_bytes=settings.max_message_bytes + 64 * 1024,
        fetch_max_bytes=settings.max_message_bytes + 64 * 1024,
    )
    try:
        with ConnectDiagnosis() as diagnosis:
            await asyncio.wait_for(consumer.start(), 20)
    except (KafkaConnectionError, TimeoutError, OSError) as exc:
        with contextlib.suppress(Exception):
            await consumer.stop()
        raise diagnosis.error(settings) or BrokerUnavailable(
            f"cannot reach Kafka at {settings.bootstrap}"
        ) from exc
    try:
        parts: list[TopicPartition] = []
        for topic in topics:
            found = consumer.partitions_for_topic(topic)
            if found is None:
                await consumer._client.force_metadata_update()
                found = consumer.partitions_for_topic(topic) or set()
            parts.extend(TopicPartition(topic, p) for p in sorted(found))
        if not parts and until_end:
            # None of the topics exists yet (a worker creates its changelog at start-up):
            # read to the end, that is nothing. aiokafka would assert on the empty seek.
            return
        consumer.assign(parts)
        if from_beginning:
            await consumer.seek_to_beginning(*parts)
        else:
            await consumer.seek_to_end(*parts)
        end = await consumer.end_offsets(parts) if until_end else {}
        remaining = {tp: off for tp, off in end.items() if off > await consumer.position(tp)}
        if until_end and not remaining:
            return
        seen = 0
        last = time.monotonic()
        while True:
            batch = await consumer.getmany(timeout_ms=200, max_records=500)
            if batch:
                last = time.monotonic()
            for messages in batch.values():
                for m in messages:
                    yield Received(
                        m.topic, m.partition, m.offset, m.key, m.value or b"", dict(m.headers or ())
                    )
                    seen += 1
                    if count is not None and seen >= count:
                        return
            # Every partition, not only those that returned records: with read_committed the
            # last offset is often a transaction marker, which moves the position but is
            # never returned as a record.
            for tp in list(remaining):
                if await consumer.position(tp) >= remaining[tp]:
                    del remaining[tp]
            if until_end and not remaining:
                return
            if idle_timeout is not None and time.monotonic() - last > idle_timeout:
                return
    finally:
        await consumer.stop()


def _retriable(exc: BaseException) -> bool:
    """Queueing a record fails again only for an error Kafka itself marks retriable."""
    return isinstance(exc, KafkaError) and bool(exc.retriable)
