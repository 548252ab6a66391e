"""``wire publish URL``'s fetcher against real HTTP servers on loopback addresses.

Loopback is exactly what the fetcher refuses by default, so positive cases pass
``allow_private`` (the CLI's ``--allow-private``) and each refusal is asserted without it.
"""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from streams.cli import cli
from streams.ingest.http_fetch import FetchError, FetchLimits, fetch, refused_address

Handler = Callable[[BaseHTTPRequestHandler], None]
OPEN = FetchLimits(max_bytes=1024 * 1024, deadline_s=10, allow_private=True)
CLOSED = FetchLimits(max_bytes=1024 * 1024, deadline_s=10)


class Server:
    def __init__(self, host: str, handle: Handler) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                hits.append(self.path)
                handle(self)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer((host, 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"


@contextmanager
def serve(handle: Handler, host: str = "127.0.0.1") -> Iterator[Server]:
    server = Server(host, handle)
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def body(data: bytes, ctype: str = "application/rss+xml") -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return handle


def redirect(location: str) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(302)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return handle


FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


def test_fetches_a_document_when_private_addresses_are_allowed() -> None:
    with serve(body(FEED)) as s:
        got = fetch(s.url + "/feed.xml?x=1", OPEN)
    assert got.body == FEED and got.content_type == "application/rss+xml"
    assert s.hits == ["/feed.xml?x=1"]


def test_loopback_is_refused_before_any_request_without_allow_private() -> None:
    with serve(body(FEED)) as s:
        for url in (s.url + "/", s.url.replace("127.0.0.1", "localhost") + "/"):
            with pytest.raises(FetchError, match=r"loopback.*--allow-private"):
                fetch(url, CLOSED)
    assert s.hits == []


def test_a_redirect_to_a_refused_address_is_checked_on_its_own_hop() -> None:
    # 127.0.0.2 plays the internal host: refused by this test's policy, 127.0.0.1 allowed.
    def vet(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return "internal" if str(address) == "127.0.0.2" else None

    with (
        serve(body(b"internal secrets"), host="127.0.0.2") as inner,
        serve(redirect(inner.url + "/admin")) as outer,
    ):
        with pytest.raises(FetchError, match=r"127\.0\.0\.2 \(internal\)"):
            fetch(outer.url + "/feed", CLOSED, vet=vet)
        assert outer.hits == ["/feed"]
        # Allowed, the same chain is followed to its end.
        assert fetch(outer.url + "/feed", OPEN).body == b"internal secrets"
    assert inner.hits == ["/admin"]


def test_every_resolved_address_must_be_public() -> None:
    def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.0.0.7")]

    with pytest.raises(FetchError, match=r"10\.0\.0\.7 \(private\)"):
        fetch("http://mixed.example/feed", CLOSED, resolve=resolve)


def test_a_slow_resolver_is_under_the_deadline_too() -> None:
    release = threading.Event()

    def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        release.wait(30)
        return [ipaddress.ip_address("127.0.0.1")]

    limits = FetchLimits(max_bytes=1024, deadline_s=0.5, allow_private=True)
    try:
        with pytest.raises(FetchError, match=r"resolving slow\.example took longer"):
            fetch("http://slow.example/feed", limits, resolve=resolve)
    finally:
        release.set()


def test_an_unresolvable_host_is_one_fetch_error() -> None:
    # .invalid never resolves (RFC 6761); a machine without DNS may only time out.
    with pytest.raises(FetchError, match=r"cannot resolve|took longer"):
        fetch("http://no-such-host.invalid/feed", OPEN)


def test_size_cap_by_content_length_and_by_counting() -> None:
    big = b"x" * 5000

    def no_length(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(big)

    limits = FetchLimits(max_bytes=4096, deadline_s=10, allow_private=True)
    with serve(body(big)) as s, pytest.raises(FetchError, match="over the limit"):
        fetch(s.url, limits)
    with serve(no_length) as s, pytest.raises(FetchError, match="over the limit"):
        fetch(s.url, limits)
    with serve(body(big[:4096])) as s:
        assert len(fetch(s.url, limits).body) == 4096


def drip(headers_too: bool) -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        try:
            if headers_too:
                h.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for i in range(10_000):
                    h.wfile.write(f"X-Drip-{i}: 1\r\n".encode())
                    h.wfile.flush()
                    time.sleep(0.05)
            h.send_response(200)
            h.send_header("Content-Length", "100000")
            h.end_headers()
            for _ in range(100_000):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return

    return handle


@pytest.mark.parametrize("headers_too", [False, True], ids=["body", "headers"])
def test_a_drip_fed_answer_hits_the_total_deadline(headers_too: bool) -> None:
    limits = FetchLimits(max_bytes=1024 * 1024, deadline_s=1.0, allow_private=True)
    with serve(drip(headers_too)) as s, pytest.raises(FetchError, match="deadline"):
        fetch(s.url, limits)


def test_redirect_loops_schemes_and_credentials_are_refused() -> None:
    with serve(redirect("/again")) as s, pytest.raises(FetchError, match="redirects"):
        fetch(s.url, OPEN)
    assert len(s.hits) == OPEN.max_redirects + 1
    with serve(redirect("file:///etc/passwd")) as s, pytest.raises(FetchError, match="http"):
        fetch(s.url, OPEN)
    with pytest.raises(FetchError, match="credentials"):
        fetch("http://user:pw@127.0.0.1:1/", OPEN)
    with pytest.raises(FetchError, match="only http"):
        fetch("ftp://127.0.0.1/x", OPEN)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.251",
        "240.0.0.1",
        "255.255.255.255",
        "0.0.0.0",
        "::1",
        "::",
        "fe80::1",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "192.0.2.1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refused_address(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "::ffff:93.184.215.14"])
def test_public_addresses_pass(address: str) -> None:
    assert refused_address(ipaddress.ip_address(address)) is None


def test_wire_publish_refuses_a_loopback_url_unless_allowed() -> None:
    with serve(body(FEED)) as s:
        result = CliRunner().invoke(cli, ["publish", s.url + "/feed.xml"])
    assert result.exit_code == 1, result.output
    assert "--allow-private" in result.output and "Traceback" not in result.output
    assert s.hits == []


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
def test_https_dials_the_checked_address_and_still_verifies_the_name(tmp_path: Path) -> None:
    from streams.dev.secure import make_pki

    pki = make_pki(tmp_path / "pki")
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(str(pki.keystore))
    client_ctx = ssl.create_default_context(cafile=str(pki.ca))
    with serve(body(FEED)) as s:
        s.httpd.socket = server_ctx.wrap_socket(s.httpd.socket, server_side=True)
        port = s.url.rsplit(":", 1)[1]
        got = fetch(f"https://localhost:{port}/feed", OPEN, ssl_context=client_ctx)
        assert got.body == FEED

        # A name the certificate does not carry, resolved to the same address: refused.
        def resolve(host: str, p: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
            return [ipaddress.ip_address("127.0.0.1")]

        with pytest.raises(FetchError, match=r"(?i)certificate"):
            fetch(
                f"https://feed.example:{port}/feed", OPEN, resolve=resolve, ssl_context=client_ctx
            )
    assert s.hits == ["/feed"]
