"""A SASL_SSL broker for tests: a throwaway PKI and SCRAM users.

The test broker's certificates come from the ``openssl`` command line (the
integration test skips without it), so no crypto package is needed. The broker reads them
as PEM stores (``ssl.keystore.type=PEM``); SCRAM users are written into the KRaft
metadata at storage format time, the only way to have users before the first
start. The controller listener stays PLAINTEXT on loopback.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.dev.broker import LocalBroker
from streams.errors import BrokerError

#: The broker's own user, for inter-broker traffic over the SASL_SSL listener.
BROKER_USER = "broker"


@dataclass(frozen=True, slots=True)
class Pki:
    """A throwaway CA and one server certificate for 127.0.0.1 / localhost."""

    #: The CA certificate: what clients trust (``WIRE_SSL_CAFILE``).
    ca: Path
    #: The broker's private key (PKCS#8, unencrypted) followed by its certificate.
    keystore: Path


def make_pki(folder: Path, days: int = 2) -> Pki:
    """Generate the CA and a server certificate with IP and DNS names for loopback."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise BrokerError("openssl is not on PATH; it is needed to make test certificates")
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, csr, cert = (
        folder / n for n in ("ca.key", "ca.pem", "broker.key", "broker.csr", "broker.pem")
    )
    ext = folder / "san.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    files = {"ca_key": ca_key, "ca": ca, "key": key, "csr": csr, "cert": cert, "ext": ext}
    steps = [
        "req -x509 -newkey rsa:2048 -nodes -keyout ca_key -out ca -days DAYS"
        " -subj /CN=wirestream-test-ca -addext basicConstraints=critical,CA:TRUE"
        " -addext keyUsage=critical,keyCertSign,cRLSign",
        "req -newkey rsa:2048 -nodes -keyout key -out csr -subj /CN=localhost",
        "x509 -req -in csr -CA ca -CAkey ca_key -CAcreateserial -out cert -days DAYS -extfile ext",
    ]
    for step in steps:
        # Words naming a file become its path (which may contain spaces).
        cmd = [openssl] + [
            str(files[w]) if w in files else str(days) if w == "DAYS" else w for w in step.split()
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise BrokerError(f"openssl failed: {' '.join(cmd[:3])}\n{proc.stderr[-2000:]}")
    keystore = folder / "broker-keystore.pem"
    keystore.write_text(key.read_text() + cert.read_text())
    keystore.chmod(0o600)
    return Pki(ca=ca, keystore=keystore)


def scram_arg(mechanism: str, user: str, password: str) -> str:
    """One ``--add-scram`` value for ``kafka-storage format``."""
    return f"{mechanism}=[name={user},password={password}]"


def sasl_ssl_overrides(pki: Pki, broker_password: str, mechanism: str) -> dict[str, str]:
    """Properties making the template's client listener SASL_SSL with ``mechanism``."""
    jaas = (
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{BROKER_USER}" password="{broker_password}";'
    )
    return {
        "listeners": "SASL_SSL://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}",
        "advertised.listeners": "SASL_SSL://127.0.0.1:${PORT}",
        "inter.broker.listener.name": "SASL_SSL",
        "listener.security.protocol.map": "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms": mechanism,
        "sasl.mechanism.inter.broker.protocol": mechanism,
        f"listener.name.sasl_ssl.{mechanism.lower()}.sasl.jaas.config": jaas,
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(pki.keystore),
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": str(pki.ca),
        "ssl.client.auth": "none",
    }


def secure_broker(
    home: Path,
    port: int,
    pki: Pki,
    users: Mapping[str, str],
    mechanism: str = "SCRAM-SHA-512",
    broker_password: str = "",
) -> LocalBroker:
    """A :class:`LocalBroker` whose only client listener is SASL_SSL, with ``users`` known."""
    from aiokafka.helpers import create_ssl_context

    broker_password = broker_password or _random_password()
    name, password = next(iter(users.items()))
    client: dict[str, Any] = {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": mechanism,
        "sasl_plain_username": name,
        "sasl_plain_password": password,
        "ssl_context": create_ssl_context(cafile=str(pki.ca)),
    }
    return LocalBroker(
        home,
        port=port,
        overrides=sasl_ssl_overrides(pki, broker_password, mechanism),
        scram=[
            scram_arg(mechanism, BROKER_USER, broker_password),
            *(scram_arg(mechanism, u, p) for u, p in users.items()),
        ],
        client=client,
    )


def _random_password() -> str:
    import secrets

    return secrets.token_hex(16)
