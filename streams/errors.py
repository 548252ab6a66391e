"""One error tree; its classes carry the policy, never their messages.

::

    WireError                     reason: the stable code (dead-letter ``wire-reason``)
    ├── PermanentError            the input is at fault: the worker dead-letters it
    │   ├── ParseError
    │   │   ├── LimitExceeded
    │   │   │   └── MessageTooSlow  over the per-message CPU bound (streams.worker.watchdog)
    │   │   └── UnsafeInput
    │   ├── SchemaViolation
    │   ├── OutputTooLarge
    │   ├── OutputRefused
    │   └── InternalError         a bug, caught at the agent boundary (see as_wire_error)
    ├── ConfigError               a setting to fix: commands exit 2
    ├── BrokerUnavailable         Kafka could not be reached: commands exit 1
    ├── BrokerError               the development broker could not start or stop
    └── WorkerExited              a worker process started by us died (demo, tests, bench)

    aiokafka.errors.KafkaError    Kafka's own; streams.kafka.classify says retry, fenced or
    └── TransactionLost           fatal (TransactionLost lives there: Faust wraps it as it
                                  wraps any KafkaError on the send path)

What runs: an agent dead-letters every ``WireError`` (and wraps any other exception in
``InternalError`` first); a Kafka error is never dead-lettered for being a Kafka error:
:func:`streams.kafka.classify.classify` decides retry (with :func:`streams.kafka.retry.retry`),
fenced (abandon the batch) or fatal (stop unacknowledged; a refused record becomes a dead
letter). There is no ``retriable`` flag: nothing that raises a ``WireError`` is retried.
"""

from __future__ import annotations


class WireError(Exception):
    """Base of every error Wirestream raises on purpose."""

    #: Stable, machine-readable code (used as the dead-letter ``wire-reason`` header).
    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.reason


class PermanentError(WireError):
    """The input itself is at fault: retrying gives the same answer; dead-letter it."""

    reason = "invalid"


class ParseError(PermanentError):
    """The payload could not be read as any supported wire format."""

    reason = "parse-error"


class LimitExceeded(ParseError):
    """The payload breaks a configured limit (size, item count, nesting depth)."""

    reason = "limit-exceeded"


class MessageTooSlow(LimitExceeded):
    """One raw message took more CPU in stage 1 than ``WIRE_MESSAGE_CPU_SECONDS``: an input
    shape that makes some step super-linear (:mod:`streams.worker.watchdog`)."""

    reason = "too-slow"


class UnsafeInput(ParseError):
    """The payload tries something we refuse on principle (DTDs, external entities)."""

    reason = "unsafe-input"


class SchemaViolation(PermanentError):
    """An item we built does not validate against the published schema: a bug on our side."""

    reason = "schema-violation"


class OutputTooLarge(PermanentError):
    """What one raw message would produce is over a bound: an item record over the topics'
    record size, or all of its records over the amplification budget
    (``WIRE_MAX_OUTPUT_RATIO`` x raw size + ``WIRE_OUTPUT_ITEM_OVERHEAD`` per item)."""

    reason = "too-large-output"


class OutputRefused(PermanentError):
    """Kafka refused an output record for a cause that retrying cannot cure (an invalid
    record, a serializer error): the event becomes a dead letter instead."""

    reason = "output-refused"


class ConfigError(WireError):
    """A setting is missing or malformed; the message names the variable to fix."""

    reason = "config"


class BrokerUnavailable(WireError):
    """Kafka could not be reached."""

    reason = "broker-unavailable"


class BrokerError(WireError):
    """The local development broker could not be fetched, started or stopped."""

    reason = "broker"


class WorkerExited(WireError):
    """A worker process we started exited (or never answered): see its log."""

    reason = "worker-exited"


class InternalError(PermanentError):
    """An unexpected exception in our own code, caught at the agent boundary.

    The input is dead-lettered so the stream keeps moving; the message carries the
    exception so the bug can be fixed and the input replayed with ``wire dlq replay``.
    """

    reason = "internal-error"


def as_wire_error(exc: Exception) -> WireError:
    """Any exception as the ``WireError`` its dead letter reports (``InternalError`` for a
    bug); the worker and ``wire inspect`` both name failures this way."""
    if isinstance(exc, WireError):
        return exc
    return InternalError(f"{type(exc).__name__}: {exc}")
