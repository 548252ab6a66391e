"""Which ``Host`` headers a server of ours answers: the worker's web server and the ingest
process's push server share these rules (``WIRE_WEB_ALLOWED_HOSTS``).

Pure (no web framework), so the ingest process need not import the worker's web module.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from streams.errors import ConfigError

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: Status for a Host header not on the allow-list: "this server does not serve that name".
MISDIRECTED = 421
_HOST = re.compile(
    r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?"
)


def is_loopback(bind: str) -> bool:
    if bind in LOOPBACK:
        return True
    try:
        return ipaddress.ip_address(bind.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class HostRules:
    """Which Host headers the server answers, besides the loopback names it always answers."""

    any_host: bool = False
    names: frozenset[str] = frozenset()
    name_ports: frozenset[tuple[str, int]] = frozenset()
    suffixes: tuple[str, ...] = ()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, spec: str) -> HostRules:
        """``WIRE_WEB_ALLOWED_HOSTS``: comma separated; a bad entry is a :class:`ConfigError`."""
        names: set[str] = set()
        name_ports: set[tuple[str, int]] = set()
        suffixes: list[str] = []
        networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        any_host = False
        for raw in spec.split(","):
            entry = raw.strip()
            if not entry:
                continue
            if entry == "*":
                any_host = True
            elif "/" in entry:
                try:
                    networks.append(ipaddress.ip_network(entry, strict=False))
                except ValueError as exc:
                    raise ConfigError(
                        f"WIRE_WEB_ALLOWED_HOSTS: {entry!r} is not a network"
                    ) from exc
            elif entry.startswith(".") and split_host(entry[1:]) is not None:
                suffixes.append(entry.lower().rstrip("."))
            else:
                host = split_host(entry)
                if host is None:
                    raise ConfigError(
                        f"WIRE_WEB_ALLOWED_HOSTS: {entry!r} is not a host, host:port, "
                        ".suffix, network or *"
                    )
                name, port = host
                if port is None:
                    names.add(name)
                else:
                    name_ports.add((name, port))
        return cls(
            any_host, frozenset(names), frozenset(name_ports), tuple(suffixes), tuple(networks)
        )

    def allows(self, header: str | None) -> bool:
        """Loopback names (any port: a rebinding page can never send them) or a rule matches."""
        if self.any_host and header:
            return True
        host = split_host(header or "")
        if host is None:
            return False
        name, port = host
        if name in LOOPBACK or name in self.names or (name, port) in self.name_ports:
            return True
        if any(name.endswith(s) or name == s[1:] for s in self.suffixes):
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False
        return any(address in net for net in self.networks)


def split_host(header: str) -> tuple[str, int | None] | None:
    """``Host`` as (lower-case name without trailing dot, port or None); None if malformed."""
    match = _HOST.fullmatch(header.strip())
    if match is None:
        return None
    port = int(match["port"]) if match["port"] else None
    if port is not None and not 0 < port < 65536:
        return None
    if match["v6"]:
        try:
            return str(ipaddress.IPv6Address(match["v6"])), port
        except ValueError:
            return None
    name = match["name"].lower().rstrip(".")
    return (name, port) if name else None
