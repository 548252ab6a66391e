"""The Deliverer's retry policy, driven by a fake send function (no Kafka needed for policy)."""

import asyncio
from typing import Any

from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError

from streams.core.pipeline import Outbound
from streams.shell.delivery import Deliverer


class FlakySend:
    def __init__(self, failures: list[BaseException | None]) -> None:
        self.failures = failures
        self.sent: list[str] = []

    async def __call__(
        self, topic: str, key: Any, value: bytes, headers: Any
    ) -> asyncio.Future[Any]:
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        error = self.failures.pop(0) if self.failures else None
        if error is None:
            self.sent.append(topic)
            fut.set_result(None)
        else:
            fut.set_exception(error)
        return fut


async def test_retriable_errors_are_retried_until_delivered() -> None:
    send = FlakySend([KafkaTimeoutError(), None, KafkaTimeoutError()])
    d = Deliverer(send, max_backoff=0.01)
    await d.deliver([Outbound("a", None, b"1"), Outbound("b", None, b"2")])
    assert sorted(send.sent) == ["a", "b"]
    assert d.retries == 2


async def test_non_retriable_error_is_fatal_not_skipped() -> None:
    fatal: list[str] = []
    d = Deliverer(FlakySend([MessageSizeTooLargeError()]), on_fatal=fatal.append)
    await d.deliver([Outbound("a", None, b"1")])
    assert fatal and "a" in fatal[0]
