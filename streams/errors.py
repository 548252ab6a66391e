"""One error hierarchy whose classes carry policy.

The shell never inspects messages: ``retriable`` decides retry versus
dead-letter, ``reason`` is the stable machine code written into the
dead-letter header, and the message tells a person how to fix the cause.
"""

from __future__ import annotations


class WireError(Exception):
    """Base of every error Wirestream raises on purpose."""

    #: Whether trying the same operation again later may succeed.
    retriable: bool = False
    #: Stable, machine-readable code (used as the dead-letter ``wire-reason`` header).
    reason: str = "error"

    def __init__(self, message: str, *, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.reason


class RetriableError(WireError):
    """A transient failure (broker away, timeout): retry, do not dead-letter."""

    retriable = True
    reason = "transient"


class PermanentError(WireError):
    """The input itself is at fault: retrying gives the same answer; dead-letter it."""

    reason = "invalid"


class ParseError(PermanentError):
    """The payload could not be read as any supported wire format."""

    reason = "parse-error"


class LimitExceeded(ParseError):
    """The payload breaks a configured limit (size, item count, nesting depth)."""

    reason = "limit-exceeded"


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


class BrokerUnavailable(RetriableError):
    """Kafka could not be reached."""

    reason = "broker-unavailable"


class InternalError(PermanentError):
    """An unexpected exception in our own code, caught at the agent boundary.

    The input is dead-lettered so the stream keeps moving; the message carries the
    exception so the bug can be fixed and the input replayed with ``wire dlq replay``.
    """

    reason = "internal-error"
