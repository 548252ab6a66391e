"""The Deliverer's retry policy, driven by a fake send function (no Kafka needed for policy)."""

import asyncio
import gc
from typing import Any

import pytest
from aiokafka.errors import (
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    ProducerClosed,
    ProducerFenced,
    UnknownError,
)
from faust.exceptions import ProducerSendError

from streams.core.model import H_ERROR, H_RAW_OFFSET, H_REASON
from streams.core.pipeline import Outbound
from streams.errors import WireError
from streams.kafka.retry import Backoff
from streams.worker.delivery import Deliverer, settle


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
    d = Deliverer(send, backoff=Backoff(first=0.01, cap=0.01))
    await d.deliver([Outbound("a", None, b"1"), Outbound("b", None, b"2")])
    assert sorted(send.sent) == ["a", "b"]
    assert d.retries == 2


async def test_non_retriable_error_is_fatal_not_skipped() -> None:
    fatal: list[str] = []
    d = Deliverer(FlakySend([MessageSizeTooLargeError()]), on_fatal=fatal.append)
    await d.deliver([Outbound("a", None, b"1")])
    assert fatal and "a" in fatal[0]


class Refusing:
    """Fails sends to some topics the same way every time (a record Kafka will never take;
    an empty record is taken); other failures are scripted per call as in FlakySend.
    Records what was acknowledged."""

    def __init__(
        self,
        refuse: dict[str, BaseException],
        failures: list[BaseException | None] | None = None,
        *,
        raise_now: bool = False,
    ) -> None:
        self.refuse = refuse
        self.failures = failures or []
        self.raise_now = raise_now
        self.acked: list[Outbound] = []

    async def __call__(
        self, topic: str, key: Any, value: bytes, headers: Any
    ) -> asyncio.Future[Any]:
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        refused = self.refuse.get(topic)
        if refused is not None and value:
            if self.raise_now:  # refused before queueing, as aiokafka's size check does
                raise refused
            fut.set_exception(refused)
            return fut
        error = self.failures.pop(0) if self.failures else None
        if error is not None:
            fut.set_exception(error)
        else:
            self.acked.append(Outbound(topic, key, value, tuple(headers)))
            fut.set_result(None)
        return fut


class Letters:
    """A dead-letter maker, as the agents pass one: raw bytes plus reason headers."""

    def __init__(self) -> None:
        self.made: list[tuple[str, WireError]] = []

    def __call__(self, origin: Any, error: WireError) -> Outbound:
        self.made.append((origin, error))
        headers = ((H_REASON, error.reason.encode()), (H_ERROR, error.message.encode()))
        return Outbound("dead", None, f"raw of {origin}".encode(), (*headers, (H_RAW_OFFSET, b"1")))


async def test_a_refused_record_makes_its_event_a_dead_letter_not_a_worker_exit() -> None:
    fatal: list[str] = []
    send = Refusing({"europe": MessageSizeTooLargeError()})
    letters = Letters()
    d = Deliverer(send, backoff=Backoff(first=0.01, cap=0.01), on_fatal=fatal.append)
    records = [
        Outbound("africa", b"k", b"ok-1"),
        Outbound("europe", b"k", b"big"),
        Outbound("africa", b"k2", b"ok-2"),
    ]
    assert await d.deliver(records, ["e1", "e1", "e2"], letters)
    assert not fatal
    assert [(o, e.reason) for o, e in letters.made] == [("e1", "too-large-output")]
    assert [(r.topic, r.value) for r in send.acked] == [
        ("africa", b"ok-1"),
        ("africa", b"ok-2"),
        ("dead", b"raw of e1"),
    ]


async def test_a_refusal_raised_before_queueing_and_wrapped_by_faust_is_a_refusal() -> None:
    fatal: list[str] = []
    wrapped = ProducerSendError("Error while sending")
    wrapped.__cause__ = MessageSizeTooLargeError()
    send = Refusing({"europe": wrapped}, raise_now=True)
    letters = Letters()
    assert await Deliverer(send, on_fatal=fatal.append).deliver(
        [Outbound("europe", None, b"x")], ["e1"], letters
    )
    assert not fatal and letters.made[0][1].reason == "too-large-output"


async def test_a_serializer_error_or_an_invalid_record_is_refused_too() -> None:
    for error in (TypeError("headers must be bytes"), UnknownError("INVALID_RECORD")):
        letters, fatal = Letters(), []
        d = Deliverer(Refusing({"europe": error}), on_fatal=fatal.append)
        assert await d.deliver([Outbound("europe", None, b"x")], ["e1"], letters)
        assert not fatal and letters.made[0][1].reason == "output-refused"


async def test_the_other_records_of_a_dead_lettered_event_are_not_retried() -> None:
    # e1's africa record fails transiently in the same round its europe record is refused:
    # the event is a dead letter now, so that record is dropped rather than sent again.
    send = Refusing({"europe": MessageSizeTooLargeError()}, [KafkaTimeoutError()])
    letters, fatal = Letters(), []
    d = Deliverer(send, backoff=Backoff(first=0.01, cap=0.01), on_fatal=fatal.append)
    assert await d.deliver(
        [Outbound("africa", None, b"a"), Outbound("europe", None, b"b")], ["e1", "e1"], letters
    )
    assert [r.topic for r in send.acked] == ["dead"] and len(letters.made) == 1 and not fatal


async def test_transient_errors_are_still_retried_and_fencing_still_abandons() -> None:
    wrapped_timeout = ProducerSendError("Error while sending")
    wrapped_timeout.__cause__ = KafkaTimeoutError()
    send = Refusing({}, [wrapped_timeout])
    letters = Letters()
    d = Deliverer(send, backoff=Backoff(first=0.01, cap=0.01))
    assert await d.deliver([Outbound("a", None, b"1")], ["e1"], letters)
    assert [r.topic for r in send.acked] == ["a"] and d.retries == 1 and not letters.made

    fenced = Deliverer(Refusing({}, [ProducerFenced()]), backoff=Backoff(first=0.01, cap=0.01))
    assert not await fenced.deliver([Outbound("a", None, b"1")], ["e1"], letters)
    assert not letters.made


async def test_a_refused_dead_letter_is_sent_bare_and_a_broken_client_is_still_fatal() -> None:
    send = Refusing({"europe": MessageSizeTooLargeError(), "dead": MessageSizeTooLargeError()})
    letters, fatal = Letters(), []
    d = Deliverer(send, on_fatal=fatal.append)
    assert await d.deliver([Outbound("europe", None, b"x")], ["e1"], letters)
    [bare] = send.acked
    headers = dict(bare.headers)
    assert bare.topic == "dead" and bare.value == b"" and headers[H_RAW_OFFSET] == b"1"
    assert headers[H_REASON] == b"too-large-output" and b"raw bytes left out" in headers[H_ERROR]
    assert not fatal

    closed = Deliverer(Refusing({"europe": ProducerClosed()}), on_fatal=fatal.append)
    assert not await closed.deliver([Outbound("europe", None, b"x")], ["e1"], letters)
    assert len(fatal) == 1


async def test_a_dead_letter_that_times_out_is_retried_like_any_record() -> None:
    # The refused record's dead letter fails transiently once, then goes through.
    send = Refusing({"europe": MessageSizeTooLargeError()}, [KafkaTimeoutError()])
    letters, fatal = Letters(), []
    d = Deliverer(send, backoff=Backoff(first=0.01, cap=0.01), on_fatal=fatal.append)
    assert await d.deliver([Outbound("europe", None, b"x")], ["e1"], letters)
    assert [r.topic for r in send.acked] == ["dead"] and d.retries == 1 and not fatal


async def test_settle_gives_each_result_or_exception_in_order_as_gather_does() -> None:
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[Any]] = [loop.create_future() for _ in range(4)]
    error = KafkaTimeoutError()
    loop.call_soon(futures[2].set_result, "c")
    loop.call_soon(futures[0].set_result, "a")
    futures[1].set_exception(error)
    futures[3].cancel()  # by someone else: its CancelledError is its outcome
    out = await settle(futures)
    assert out[:3] == ["a", error, "c"] and isinstance(out[3], asyncio.CancelledError)


async def test_settle_passes_its_own_cancellation_on() -> None:
    waiting: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    task = asyncio.ensure_future(settle([waiting]))
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


class Halt(BaseException):
    """Not an Exception: what gather(return_exceptions=True) still hands back as an outcome."""


async def test_settle_gives_a_futures_base_exception_as_its_outcome_and_settles_the_rest() -> None:
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[Any]] = [loop.create_future() for _ in range(3)]
    halt, error = Halt(), KafkaTimeoutError()
    futures[0].set_exception(halt)
    loop.call_soon(futures[1].set_exception, error)
    loop.call_soon(futures[2].set_result, "c")
    assert await settle(futures) == [halt, error, "c"]
    assert await asyncio.gather(*futures, return_exceptions=True) == [halt, error, "c"]


async def test_settle_cancelled_leaves_no_acknowledgement_failure_unretrieved() -> None:
    """Cancelled while waiting on the first future, settle leaves none of the others with an
    exception nobody retrieves (asyncio logs those as errors), as gather did; a pending one
    keeps its outcome for whoever else watches it (the exactly-once book)."""
    loop = asyncio.get_running_loop()
    unretrieved: list[dict[str, Any]] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _, context: unretrieved.append(context))
    try:
        first, failed, later = (loop.create_future() for _ in range(3))
        failed.set_exception(KafkaTimeoutError())
        watched: list[Any] = []
        later.add_done_callback(lambda f: watched.append(f.exception()))
        task = asyncio.ensure_future(settle([first, failed, later]))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        for fut in (first, later):  # as aiokafka's batch does when it fails
            if not fut.done():
                fut.set_exception(KafkaTimeoutError())
        del first, failed, later, fut, task
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous)
    assert [c["message"] for c in unretrieved] == []
    assert [type(e) for e in watched] == [KafkaTimeoutError]
