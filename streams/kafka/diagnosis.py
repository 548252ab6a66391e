"""Say why a Kafka connection failed, in one line naming the setting to fix.

aiokafka logs a refused SASL login or a failed TLS handshake and then raises a
bare "unable to bootstrap" error; :class:`ConnectDiagnosis` keeps those log
lines so the CLI can name the setting to fix in one line instead.
"""

from __future__ import annotations

import logging
from types import TracebackType

from streams.errors import ConfigError
from streams.settings import Settings


class ConnectDiagnosis(logging.Handler):
    """Collects aiokafka's connection errors while a client starts (a context manager)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> ConnectDiagnosis:
        logging.getLogger("aiokafka").addHandler(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        logging.getLogger("aiokafka").removeHandler(self)

    def error(self, settings: Settings) -> ConfigError | None:
        """A one-line error naming the settings to fix, when the cause is security."""
        text = " ".join(self.messages)
        if "SaslAuthenticationFailed" in text or "IllegalSaslState" in text:
            return ConfigError(
                f"Kafka at {settings.bootstrap} refused the login of user "
                f"{settings.sasl_username!r} ({settings.sasl_mechanism}); "
                "check WIRE_SASL_USERNAME, WIRE_SASL_PASSWORD and WIRE_SASL_MECHANISM"
            )
        if "UnsupportedSaslMechanism" in text:
            return ConfigError(
                f"Kafka at {settings.bootstrap} does not offer SASL mechanism "
                f"{settings.sasl_mechanism!r}; fix WIRE_SASL_MECHANISM"
            )
        if "CERTIFICATE_VERIFY_FAILED" in text:
            return ConfigError(
                f"the TLS certificate of Kafka at {settings.bootstrap} is not trusted; "
                "point WIRE_SSL_CAFILE at the CA that signed it"
            )
        if "SSL" in text and settings.security_protocol not in ("SSL", "SASL_SSL"):
            return ConfigError(
                f"Kafka at {settings.bootstrap} expects TLS; set WIRE_SECURITY_PROTOCOL "
                "to SSL or SASL_SSL"
            )
        return None
