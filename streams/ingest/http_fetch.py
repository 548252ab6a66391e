"""``wire publish URL``: fetch one document over HTTP(S) without becoming a proxy into the network.

The URL comes from a user, but the redirects it leads to come from whoever runs the server, so
every hop is checked the same way:

- only ``http`` and ``https``, no credentials in the URL;
- the host is resolved once per hop and **every** address it resolves to must be public
  (not loopback, private, shared, link-local, multicast, reserved or unspecified, IPv4-mapped
  and NAT64 forms included) unless ``allow_private``; the connection then goes to one of those
  checked addresses, so a second DNS answer cannot swap in another;
- one **total** deadline for DNS, connect, headers, body and every redirect: a watchdog closes
  the socket when it passes, so a server dripping one byte at a time cannot hold us;
- at most ``max_bytes`` of body (the raw size limit), refused from ``Content-Length`` early and
  counted while reading;
- at most ``max_redirects`` hops.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from streams.errors import WireError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CHUNK = 64 * 1024


class FetchError(WireError):
    """The document could not be fetched, or fetching it was refused."""

    reason = "fetch-failed"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    #: Largest body accepted (``wire publish`` passes ``WIRE_MAX_RAW_BYTES``).
    max_bytes: int
    #: Seconds for the whole fetch, every redirect included.
    deadline_s: float = 30.0
    max_redirects: int = 5
    #: Allow loopback and private addresses (a feed on the local network, tests).
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Fetched:
    body: bytes
    content_type: str | None
    #: The URL the body finally came from (after redirects).
    url: str


def refused_address(address: IPAddress) -> str | None:
    """Why an address is not a public unicast one (None: it is)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or (
            ipaddress.IPv4Address(int(address) & 0xFFFFFFFF) if address in _NAT64 else None
        )
        if embedded is not None:
            why = refused_address(embedded)
            return f"{why} (as {address})" if why else None
    for attr in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{attr}"):
            return attr.replace("_", "-")
    if not address.is_global:
        return "not global"
    return None


def fetch(
    url: str,
    limits: FetchLimits,
    *,
    resolve: Callable[[str, int], list[IPAddress]] | None = None,
    vet: Callable[[IPAddress], str | None] = refused_address,
    ssl_context: ssl.SSLContext | None = None,
) -> Fetched:
    """GET ``url`` within ``limits``; :class:`FetchError` says why not.

    ``resolve`` and ``vet`` (why an address is refused, None if not) are for tests.
    """
    deadline = time.monotonic() + limits.deadline_s
    hop = _Hop(limits, deadline, resolve or resolve_host, vet, ssl_context)
    current = url
    for _ in range(limits.max_redirects + 1):
        status, location, fetched = hop.get(current)
        if fetched is not None:
            return fetched
        if not location:
            raise FetchError(f"{current} answered HTTP {status} with no Location")
        current = urllib.parse.urljoin(current, location)
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects")


def resolve_host(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal is itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, IPAddress] = {}
    for *_, sockaddr in infos:
        text = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        seen.setdefault(text, ipaddress.ip_address(text))
    return list(seen.values())


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: no complete answer within the deadline")
    return left


def _target(url: str) -> tuple[str, str, int, str]:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{url}: credentials in the URL are not sent")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: bad port") from exc
    host = parts.hostname
    if not host:
        raise FetchError(f"{url}: no host")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port, path


@dataclass(frozen=True, slots=True)
class _Hop:
    limits: FetchLimits
    deadline: float
    resolve: Callable[[str, int], list[IPAddress]]
    vet: Callable[[IPAddress], str | None]
    ssl_context: ssl.SSLContext | None

    def get(self, url: str) -> tuple[int, str | None, Fetched | None]:
        return _one_hop(self, url)


def _addresses(hop: _Hop, url: str, host: str, port: int) -> list[IPAddress]:
    limits, deadline = hop.limits, hop.deadline
    # getaddrinfo has no timeout: run it in a daemon thread (never joined at exit) and wait
    # at most until the deadline.
    future: concurrent.futures.Future[list[IPAddress]] = concurrent.futures.Future()

    def run() -> None:
        try:
            future.set_result(hop.resolve(host, port))
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=run, name=f"resolve {host}", daemon=True).start()
    try:
        addresses = future.result(timeout=_remaining(deadline, url))
    except concurrent.futures.TimeoutError as exc:
        raise FetchError(f"{url}: resolving {host} took longer than the deadline") from exc
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot resolve {host} ({exc})") from exc
    if not addresses:
        raise FetchError(f"{url}: {host} resolves to no address")
    if not limits.allow_private:
        for address in addresses:
            why = hop.vet(address)
            if why:
                raise FetchError(
                    f"{url}: {host} resolves to {address} ({why}); refused, "
                    "use --allow-private to fetch from loopback or private addresses"
                )
    return addresses


def _one_hop(hop: _Hop, url: str) -> tuple[int, str | None, Fetched | None]:
    limits, deadline = hop.limits, hop.deadline
    scheme, host, port, path = _target(url)
    addresses = _addresses(hop, url, host, port)
    conn = _connection(scheme, host, port, addresses, _remaining(deadline, url), hop.ssl_context)
    watchdog = threading.Timer(_remaining(deadline, url), _abort, (conn,))
    watchdog.daemon = True
    watchdog.start()
    try:
        conn.request(
            "GET",
            path,
            headers={"Accept": "*/*", "Accept-Encoding": "identity", "User-Agent": "wirestream"},
        )
        resp = conn.getresponse()
        if resp.status in REDIRECTS:
            return resp.status, resp.getheader("Location"), None
        if not 200 <= resp.status < 300:
            raise FetchError(f"{url} answered HTTP {resp.status}")
        length = resp.getheader("Content-Length")
        declared = (length or "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > limits.max_bytes:
            raise FetchError(
                f"{url}: {int(declared):,} bytes is over the limit of {limits.max_bytes:,}"
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            _remaining(deadline, url)
            chunk = resp.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchError(f"{url}: body is over the limit of {limits.max_bytes:,} bytes")
            chunks.append(chunk)
        _remaining(deadline, url)
        return resp.status, None, Fetched(b"".join(chunks), resp.getheader("Content-Type"), url)
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(f"{url}: no complete answer within the deadline") from exc
        raise FetchError(f"cannot fetch {url}: {exc}") from exc
    finally:
        watchdog.cancel()
        conn.close()


def _connection(
    scheme: str,
    host: str,
    port: int,
    addresses: list[IPAddress],
    timeout: float,
    ssl_context: ssl.SSLContext | None,
) -> http.client.HTTPConnection:
    """A connection to ``host`` dialling only the checked addresses (Host, SNI stay ``host``)."""
    conn: http.client.HTTPConnection
    if scheme == "https":
        context = ssl_context or ssl.create_default_context()
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def dial(_: Any, timeout: float, source: Any = None) -> socket.socket:
        error: OSError | None = None
        for address in addresses:
            try:
                return socket.create_connection((str(address), port), timeout, source)
            except OSError as exc:
                error = exc
        raise error or OSError("no address to connect to")

    conn._create_connection = dial  # type: ignore[attr-defined]
    return conn


def _abort(conn: http.client.HTTPConnection) -> None:
    """The deadline passed: shut the socket so a blocked read returns at once."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
