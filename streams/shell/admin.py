"""Topic creation with explicit partition counts, before any client subscribes."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from streams.errors import BrokerUnavailable, ConfigError
from streams.settings import Settings
from streams.shell.secure import ConnectDiagnosis
from streams.topics import TopicSpec

log = logging.getLogger(__name__)


async def ensure_topics(settings: Settings, specs: list[TopicSpec], timeout: float = 30.0) -> None:
    """Create missing topics; existing ones are left as they are (partitions are not shrunk)."""
    admin = AIOKafkaAdminClient(**settings.kafka_client_kwargs(), request_timeout_ms=10000)
    try:
        try:
            with ConnectDiagnosis() as diagnosis:
                await asyncio.wait_for(admin.start(), timeout)
        except (KafkaConnectionError, TimeoutError) as exc:
            raise diagnosis.error(settings) or BrokerUnavailable(
                f"cannot reach Kafka at {settings.bootstrap}; start it with `wire broker start` "
                "or set WIRE_BOOTSTRAP"
            ) from exc
        existing = set(await admin.list_topics())
        missing = [s for s in specs if s.name not in existing]
        if not missing:
            return
        new = [
            NewTopic(s.name, s.partitions, s.replication, topic_configs=dict(s.config))
            for s in missing
        ]
        try:
            response = await admin.create_topics(new)
        except TopicAlreadyExistsError:
            return
        for name, code, message in _errors(response):
            if code == TopicAlreadyExistsError.errno:
                continue
            raise ConfigError(f"could not create topic {name}: error {code} {message}")
        log.info("created topics: %s", ", ".join(s.name for s in missing))
    except KafkaError as exc:
        raise BrokerUnavailable(f"Kafka admin request failed: {exc!r}") from exc
    finally:
        with contextlib.suppress(Exception):
            await admin.close()


def _errors(response: object) -> list[tuple[str, int, str]]:
    out = []
    for entry in getattr(response, "topic_errors", ()) or ():
        name, code = entry[0], entry[1]
        message = entry[2] if len(entry) > 2 else ""
        if code:
            out.append((name, code, message or ""))
    return out
