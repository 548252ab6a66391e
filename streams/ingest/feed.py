"""A polled feed (RSS, Atom, a ninjs list): one raw message per new or changed entry.

Each poll is conditional (``ETag`` / ``If-Modified-Since``); an entry is sent when its
(guid, content hash) is not in the ledger, and recorded there once Kafka acked it.
The validators are kept only after every new entry of the answer is delivered and
recorded, so a failed delivery refetches the whole document next time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time

from streams.errors import WireError
from streams.ingest.config import FeedSource
from streams.ingest.entries import message_key, split_feed
from streams.ingest.fetch import FetchError, fetch
from streams.ingest.ledger import IngestPublisher, ledger_key
from streams.ingest.policy import SourceStatus, next_delay
from streams.kafka.clients import RawPayload

log = logging.getLogger(__name__)


class FeedIngest:
    def __init__(
        self,
        source: FeedSource,
        publisher: IngestPublisher,
        status: SourceStatus,
        ledger: dict[bytes, str],
        rng: random.Random | None = None,
    ) -> None:
        self.source = source
        self.publisher = publisher
        self.status = status
        self.ledger = ledger
        self.rng = rng or random.Random()
        self.etag: str | None = None
        self.last_modified: str | None = None
        #: Conditional answers (304) and full answers seen, for tests and the status.
        self.polls = {"not_modified": 0, "fetched": 0}

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                sent = await self.poll_once()
                self.status.success(time.time())
                if sent:
                    log.info("feed %s: sent %d new or changed entries", self.source.name, sent)
            except (FetchError, WireError) as exc:
                self._failed(str(exc))
            except Exception as exc:  # Kafka errors and the unexpected: back off, stay alive
                self._failed(f"{type(exc).__name__}: {exc}")
            delay = next_delay(
                self.source.interval,
                self.source.jitter,
                self.status.failures,
                self.source.max_backoff,
                self.rng,
            )
            self.status.next_poll = time.time() + delay
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)

    def _failed(self, message: str) -> None:
        log.warning("feed %s: %s", self.source.name, message)
        self.status.error(message, time.time())

    async def poll_once(self) -> int:
        """One poll; returns how many entries were sent."""
        src = self.source
        got = await fetch(
            src.url,
            etag=self.etag,
            last_modified=self.last_modified,
            timeout=src.timeout,
            max_bytes=src.max_bytes,
            allow_private=src.allow_private,
        )
        if got.not_modified:
            self.polls["not_modified"] += 1
            return 0
        self.polls["fetched"] += 1
        entries = split_feed(got.body)
        fresh = []
        seen: set[str] = set()
        for e in entries:
            if e.guid in seen or self.ledger.get(ledger_key(src.name, e.guid)) == e.content_hash:
                continue
            seen.add(e.guid)
            fresh.append(e)
        self.status.backlog = len(fresh)
        if fresh:
            batch = [
                (
                    message_key(src.name, e.guid, e.content_hash),
                    RawPayload(
                        e.payload, src.name, got.url, e.content_type, src.format or e.format
                    ),
                )
                for e in fresh
            ]
            await self.publisher.deliver(batch)
            await self.publisher.remember(src.name, [(e.guid, e.content_hash) for e in fresh])
            for e in fresh:
                self.ledger[ledger_key(src.name, e.guid)] = e.content_hash
            self.status.delivered(len(fresh), time.time())
        self.status.backlog = 0
        self.etag, self.last_modified = got.etag, got.last_modified
        return len(fresh)
