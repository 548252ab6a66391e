"""``wire status --url``: the Bearer token goes to the given address and nowhere else."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from streams.commands.status import StatusUnavailable, fetch_stats
from tests.unit.ingest.test_http_fetch import Handler, serve

TOKEN = "Zq8-long-random-web-token-0123"


def recording(seen: list[str | None], status: int, location: str = "") -> Handler:
    def handle(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.headers.get("Authorization"))
        data = b'{"app_id": "w"}'
        h.send_response(status)
        if location:
            h.send_header("Location", location)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    return handle


def test_the_token_is_sent_to_the_given_worker() -> None:
    seen: list[str | None] = []
    with serve(recording(seen, 200)) as worker:
        assert fetch_stats(worker.url + "/wire/stats", TOKEN) == {"app_id": "w"}
    assert seen == [f"Bearer {TOKEN}"]


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_host_is_not_followed_and_gets_no_token(code: int) -> None:
    elsewhere: list[str | None] = []
    worker_saw: list[str | None] = []
    with (
        serve(recording(elsewhere, 200), host="127.0.0.2") as other,
        serve(recording(worker_saw, code, other.url + "/collect")) as worker,
    ):
        with pytest.raises(StatusUnavailable, match=rf"HTTP {code}.*not followed"):
            fetch_stats(worker.url + "/wire/stats", TOKEN)
        assert worker_saw == [f"Bearer {TOKEN}"]
    assert elsewhere == []
