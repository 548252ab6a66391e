"""The one retry loop and the one Kafka error classification."""

from __future__ import annotations

import pytest
from aiokafka.errors import (
    KafkaConnectionError,
    KafkaTimeoutError,
    ProducerFenced,
    RecordTooLargeError,
    TopicAuthorizationFailedError,
)
from faust.exceptions import NotReady

from streams.errors import OutputTooLarge, ParseError, as_wire_error
from streams.kafka.classify import TransactionLost, classify, is_refused, refusal_error
from streams.kafka.retry import Backoff, retry


class Wrapped(Exception):
    """Like Faust's ProducerSendError: not a KafkaError, the Kafka error as its cause."""


def wrapped(exc: BaseException) -> Wrapped:
    try:
        raise Wrapped("send failed") from exc
    except Wrapped as w:
        return w


@pytest.mark.parametrize(
    ("exc", "verdict"),
    [
        (KafkaTimeoutError(), "retry"),
        (KafkaConnectionError(), "retry"),
        (wrapped(KafkaTimeoutError()), "retry"),
        (ProducerFenced(), "fenced"),
        (TransactionLost("gone"), "fenced"),
        (wrapped(TransactionLost("gone")), "fenced"),
        (RecordTooLargeError(), "fatal"),
        (TopicAuthorizationFailedError(), "fatal"),
        (ValueError("a bug"), "fatal"),
    ],
)
def test_classify(exc: BaseException, verdict: str) -> None:
    assert classify(exc) == verdict


def test_fatal_splits_into_refused_records_and_broken_clients() -> None:
    assert is_refused(RecordTooLargeError())
    assert isinstance(refusal_error(RecordTooLargeError()), OutputTooLarge)
    assert not is_refused(TopicAuthorizationFailedError())


def test_a_stopped_faust_producer_is_a_broken_client_not_a_refused_record() -> None:
    # Faust raises NotReady from send while its producer service is stopped (shutdown): the
    # event must stay unacknowledged for a restart, not be dead-lettered as refused.
    stopped = NotReady("Producer service not yet started")
    assert classify(stopped) == "fatal" and not is_refused(stopped)


def test_as_wire_error_keeps_ours_and_names_a_bug() -> None:
    ours = ParseError("bad")
    assert as_wire_error(ours) is ours
    bug = as_wire_error(KeyError("x"))
    assert (bug.reason, bug.message) == ("internal-error", "KeyError: 'x'")


async def test_retry_until_it_works() -> None:
    calls: list[int] = []

    async def op() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise KafkaConnectionError()
        return "done"

    assert await retry(op, Backoff(first=0.001)) == "done"
    assert len(calls) == 3


async def test_retry_raises_a_fatal_error_at_once() -> None:
    calls: list[int] = []

    async def op() -> None:
        calls.append(1)
        raise RecordTooLargeError()

    with pytest.raises(RecordTooLargeError):
        await retry(op, Backoff(first=0.001))
    assert len(calls) == 1


async def test_retry_gives_up_after_its_attempts() -> None:
    calls: list[int] = []

    async def op() -> None:
        calls.append(1)
        raise KafkaConnectionError()

    with pytest.raises(KafkaConnectionError):
        await retry(op, Backoff(first=0.001, attempts=4))
    assert len(calls) == 4


def test_backoff_delays_double_up_to_the_cap() -> None:
    waits = Backoff(first=0.1, cap=0.5).delays()
    assert [next(waits) for _ in range(5)] == [0.1, 0.2, 0.4, 0.5, 0.5]
