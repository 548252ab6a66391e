"""Topic creation with explicit partition counts, before any client subscribes."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError

from streams.core.topics import TopicSpec
from streams.errors import BrokerUnavailable, ConfigError
from streams.kafka.diagnosis import ConnectDiagnosis
from streams.settings import Settings

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
        await _raise_record_limits(admin, [s for s in specs if s.name in existing])
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


MAX_BYTES = "max.message.bytes"
#: DescribeConfigs v1+ ``config_source``: an override set on the topic itself.
_TOPIC_OVERRIDE = 1


async def _raise_record_limits(admin: AIOKafkaAdminClient, specs: list[TopicSpec]) -> None:
    """Raise ``max.message.bytes`` of existing topics that are below their spec; never lower.

    Topics made by an earlier version keep their old limit otherwise: a dead-letter topic
    with no room over the raw topic refuses the dead letter of a raw record at the limit.
    AlterConfigs replaces every override of a topic, so the current ones are sent with it.
    """
    wanted = {s.name: int(dict(s.config)[MAX_BYTES]) for s in specs if MAX_BYTES in dict(s.config)}
    if not wanted:
        return
    found = await admin.describe_configs(
        [ConfigResource(ConfigResourceType.TOPIC, name) for name in wanted]
    )
    for response in found:
        for error_code, _message, _type, name, entries in response.resources:
            if error_code or name not in wanted:
                continue
            values = {e[0]: e[1] for e in entries}
            current = int(values.get(MAX_BYTES) or 0)
            if current >= wanted[name]:
                continue
            overrides = [e for e in entries if _is_override(e[3])]
            if any(e[4] or e[1] is None for e in overrides):  # a secret we cannot send back
                log.warning(
                    "topic %s takes records of at most %d bytes, below the %d it needs; raise"
                    " its max.message.bytes",
                    name,
                    current,
                    wanted[name],
                )
                continue
            configs = {e[0]: e[1] for e in overrides}
            configs[MAX_BYTES] = str(wanted[name])
            resource = ConfigResource(ConfigResourceType.TOPIC, name, configs)
            for answer in await admin.alter_configs([resource]):
                for code, message, *_ in getattr(answer, "resources", ()):
                    if code:
                        log.warning(
                            "could not raise %s of %s: %s %s", MAX_BYTES, name, code, message
                        )
                        break
                else:
                    continue
                break
            else:
                log.warning("raised %s of %s from %d to %d", MAX_BYTES, name, current, wanted[name])


def _is_override(source: object) -> bool:
    """DescribeConfigs v0 says ``is_default`` (a bool), v1+ says where the value is from."""
    if isinstance(source, bool):
        return not source
    return source == _TOPIC_OVERRIDE


def _errors(response: object) -> list[tuple[str, int, str]]:
    out = []
    for entry in getattr(response, "topic_errors", ()) or ():
        name, code = entry[0], entry[1]
        message = entry[2] if len(entry) > 2 else ""
        if code:
            out.append((name, code, message or ""))
    return out
