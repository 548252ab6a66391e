"""Guarded HTTP GET for feed polling: total deadline, size cap, conditional requests, and no
private or loopback addresses (the URL or any redirect) unless the source allows them.

Redirects are followed by hand so every hop is checked; host names are checked after
resolution by the connector's resolver, so a name that resolves to 127.0.0.1 (or is
re-bound to it between checks) is refused too. Which addresses are refused is
:func:`streams.ingest.http_fetch.refused_address`, the rule of ``wire publish URL`` too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from streams.ingest.http_fetch import refused_address

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A poll that failed; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class Fetched:
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str
    url: str

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def private_address(host: str) -> bool:
    """Not a public unicast address: the rule of ``wire publish URL`` (one rule for both,
    IPv4-mapped and NAT64 forms included); a host name is checked after resolution."""
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return refused_address(ip) is not None


class GuardedResolver(AbstractResolver):
    """The default resolver, refusing names that resolve to a private address."""

    def __init__(self) -> None:
        self._inner = DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        bad = [r["host"] for r in found if private_address(r["host"])]
        if bad:
            raise OSError(f"{host} resolves to a private address ({bad[0]}); not allowed")
        return found

    async def close(self) -> None:
        await self._inner.close()


def _check_url(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"refusing {url!r}: only http and https addresses")
    if not allow_private and (
        private_address(parts.hostname) or parts.hostname.lower() in ("localhost",)
    ):
        raise FetchError(
            f"refusing {parts.hostname}: a private or loopback address (allow_private = true "
            "in the source allows it)"
        )


async def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20.0,
    max_bytes: int = 8 * 1024 * 1024,
    allow_private: bool = False,
) -> Fetched:
    """One conditional GET within ``timeout`` seconds in total; FetchError on any failure."""
    try:
        return await asyncio.wait_for(
            _fetch(url, etag, last_modified, max_bytes, allow_private), timeout
        )
    except TimeoutError as exc:
        raise FetchError(f"no complete answer from {url} within {timeout:g}s") from exc
    except aiohttp.ClientError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
    except OSError as exc:
        raise FetchError(f"{url}: {exc}") from exc


async def _fetch(
    url: str, etag: str | None, last_modified: str | None, max_bytes: int, allow_private: bool
) -> Fetched:
    headers: dict[str, str] = {"User-Agent": "wirestream-ingest/0.1", "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    connector_kwargs: dict[str, Any] = {} if allow_private else {"resolver": GuardedResolver()}
    connector = aiohttp.TCPConnector(**connector_kwargs)
    async with aiohttp.ClientSession(connector=connector, trust_env=False) as session:
        for _ in range(MAX_REDIRECTS + 1):
            _check_url(url, allow_private)
            async with session.get(url, headers=headers, allow_redirects=False) as resp:
                if resp.status in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location")
                    if not location:
                        raise FetchError(f"{url}: HTTP {resp.status} without a Location")
                    url = urljoin(url, location)
                    continue
                if resp.status == 304:
                    return Fetched(304, b"", etag, last_modified, "", url)
                if resp.status != 200:
                    raise FetchError(f"{url}: HTTP {resp.status}")
                declared = resp.content_length
                if declared is not None and declared > max_bytes:
                    raise FetchError(f"{url}: {declared} bytes, over the cap of {max_bytes}")
                body = bytearray()
                async for chunk in resp.content.iter_chunked(64 * 1024):
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(f"{url}: over the cap of {max_bytes} bytes")
                return Fetched(
                    200,
                    bytes(body),
                    resp.headers.get("ETag"),
                    resp.headers.get("Last-Modified"),
                    resp.headers.get("Content-Type", ""),
                    url,
                )
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
