"""What a Kafka client error means for the record or client that met it: one place.

:func:`classify` answers retry, fenced or fatal; the predicates below it are what the
delivery, the exactly-once transactions and the publishers ask. Faust raises aiokafka's
errors from ``send`` wrapped (``ProducerSendError``, not a KafkaError), so every answer
looks through the wrapper first (:func:`cause`).
"""

from __future__ import annotations

from typing import Literal

from aiokafka.errors import (
    AuthenticationFailedError,
    ClusterAuthorizationFailedError,
    GroupAuthorizationFailedError,
    IllegalOperation,
    IllegalStateError,
    InvalidProducerEpoch,
    KafkaError,
    KafkaTimeoutError,
    MessageSizeTooLargeError,
    OutOfOrderSequenceNumber,
    ProducerClosed,
    ProducerFenced,
    RecordListTooLargeError,
    RecordTooLargeError,
    SaslAuthenticationFailed,
    TopicAuthorizationFailedError,
    TransactionalIdAuthorizationFailed,
    UnsupportedVersionError,
)

from streams.errors import OutputRefused, OutputTooLarge, WireError

Verdict = Literal["retry", "fenced", "fatal"]

#: The client itself cannot work: no record would go through, so no dead letter would either.
_CLIENT_BROKEN = (
    ProducerClosed,
    IllegalStateError,
    IllegalOperation,
    AuthenticationFailedError,
    SaslAuthenticationFailed,
    TopicAuthorizationFailedError,
    GroupAuthorizationFailedError,
    ClusterAuthorizationFailedError,
    TransactionalIdAuthorizationFailed,
    UnsupportedVersionError,
    OutOfOrderSequenceNumber,
    InvalidProducerEpoch,
)
_TOO_LARGE = (MessageSizeTooLargeError, RecordTooLargeError, RecordListTooLargeError)


class TransactionLost(KafkaError):  # type: ignore[misc]
    """Exactly-once: the event's transaction can no longer commit (see ``streams.worker.eos``).

    A KafkaError (not a :class:`~streams.errors.WireError`) because it is raised inside
    Faust's send path, which wraps it like any aiokafka error, and :func:`cause` unwraps.
    """

    retriable = False


def cause(exc: BaseException) -> BaseException:
    """The Kafka error behind a wrapper: Faust raises aiokafka's errors from ``send`` as
    ``ProducerSendError`` (not a KafkaError), which hid even a timeout from the retry rule."""
    seen = 0
    while not isinstance(exc, KafkaError) and isinstance(exc.__cause__, KafkaError) and seen < 5:
        exc, seen = exc.__cause__, seen + 1
    return exc


def classify(exc: BaseException) -> Verdict:
    """``retry``: send again (broker away or slow); ``fenced``: the exactly-once transaction
    is gone, abandon the batch; ``fatal``: anything else (the record or the client is at
    fault; :func:`is_refused` tells which of the two)."""
    if is_fenced(exc):
        return "fenced"
    if is_transient(exc):
        return "retry"
    return "fatal"


def is_transient(exc: BaseException) -> bool:
    """Worth sending again: the broker is away or slow, not refusing the record itself.

    A delivery timeout counts: aiokafka expires batches while the broker is down.
    Anything that is not a Kafka error (a bug in a serializer) is not transient.
    """
    exc = cause(exc)
    if isinstance(exc, KafkaTimeoutError):
        return True
    return isinstance(exc, KafkaError) and bool(exc.retriable)


def is_refused(exc: BaseException) -> bool:
    """Kafka will never take this record: sending it again cannot succeed, and the cause is
    the record (too large, invalid, unserialisable), not the client or the cluster."""
    exc = cause(exc)
    if not isinstance(exc, Exception) or is_transient(exc) or is_fenced(exc):
        return False
    return not isinstance(exc, _CLIENT_BROKEN) and not _producer_not_ready(exc)


def _producer_not_ready(exc: BaseException) -> bool:
    """Faust's ``NotReady`` from send: its producer service is stopped or not started (the
    worker is shutting down), so no record would go through. Not the record's fault, so never
    a refusal put in the refused ledger and dead-lettered on restart. Matched by name:
    ``streams.kafka`` must not import faust (clients use it without Faust)."""
    return any(
        c.__name__ == "NotReady" and c.__module__ == "faust.exceptions" for c in type(exc).__mro__
    )


def refusal_error(exc: BaseException) -> WireError:
    """The dead-letter reason for a refused record."""
    exc = cause(exc)
    if isinstance(exc, _TOO_LARGE):
        return OutputTooLarge(f"Kafka refused an output record as too large: {exc!r}")
    return OutputRefused(f"Kafka refused an output record: {exc!r}")


def is_fenced(exc: BaseException) -> bool:
    """In exactly-once mode: the event's transaction is gone because of a rebalance.

    Either another worker's producer fenced ours (the partition moved) or the transaction
    book no longer has an open transaction for it. Either way the transaction never
    commits, so the partition's next owner (possibly us, after the rebalance seeks to the
    committed offset) processes the event again.
    """
    exc = cause(exc)
    if isinstance(exc, ProducerFenced | TransactionLost):
        return True
    return isinstance(exc, IllegalOperation) and "transaction" in str(exc)
