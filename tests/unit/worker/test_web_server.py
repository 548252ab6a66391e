"""The worker's real web application (Faust's aiohttp app with our views), served in-process.

Every route, Faust's included, is tried with hostile Host headers, tokens in URLs, odd item
ids and debug switches, through aiohttp's own test server: no Kafka needed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from streams.core.model import RawMessage
from streams.errors import ParseError
from streams.settings import Settings
from streams.worker.app import Wiring, build

TOKEN = "Zq8-long-random-web-token-0123"
#: Every path the worker could serve, ours and Faust's built-in ones.
PATHS = [
    "/",
    "/wire/",
    "/wire/health",
    "/wire/stats",
    "/wire/consumer",
    "/wire/items",
    "/wire/items/1",
    "/wire/dead",
    "/wire/dead/1/raw",
    "/wire/login",
    "/metrics",
    "/assignment/",
    "/table/dedup/",
    "/router/",
    "/graph/",
    "/performance/",
]


def _wiring(tmp: Path, **settings: Any) -> Wiring:
    with pytest.MonkeyPatch.context() as mp:
        # Faust lets these environment variables switch its own views on: they must not.
        for var in ("APP_DEBUG", "APP_WEB_STATS_ENABLED", "APP_WEB_TABLES_ENABLED"):
            mp.setenv(var, "1")
        mp.setenv("APP_WEB_ROUTER_ENABLED", "1")
        mp.setenv("APP_WEB_GRAPH_ENABLED", "1")
        mp.setenv("APP_WEB_METRICS_ENABLED", "1")
        wiring = build(Settings.from_env({}, home=tmp, store="memory://", **settings))
        wiring.app.web.init_server()
    return wiring


@pytest.fixture(scope="module")
def loopback(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wiring]:
    yield _wiring(tmp_path_factory.mktemp("lo"))


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wiring]:
    yield _wiring(tmp_path_factory.mktemp("pub"), web_host="0.0.0.0", web_token=TOKEN)


async def client(wiring: Wiring) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(wiring.app.web.web_app)) as c:
        yield c


@pytest.fixture
async def lo(loopback: Wiring) -> AsyncIterator[TestClient[Any, Any]]:
    async for c in client(loopback):
        yield c


@pytest.fixture
async def pub(public: Wiring) -> AsyncIterator[TestClient[Any, Any]]:
    async for c in client(public):
        yield c


def test_faust_views_stay_off_even_with_app_debug(loopback: Wiring) -> None:
    conf = loopback.app.conf
    assert conf.debug  # APP_DEBUG reached Faust...
    assert not conf.web_stats_enabled  # ...but not its views
    assert not (conf.web_tables_enabled or conf.web_router_enabled or conf.web_graph_enabled)
    paths = {r.resource.canonical for r in loopback.app.web.web_app.router.routes()}
    assert not {"/assignment/", "/graph/", "/router/", "/performance/"} & paths, paths
    assert not any(p.startswith("/table") for p in paths), paths


async def test_faust_stats_views_are_not_served(lo: TestClient[Any, Any]) -> None:
    for path in ("/", "/assignment/", "/graph/", "/router/", "/table/dedup/", "/performance/"):
        resp = await lo.get(path)
        assert resp.status == 404, path
        assert "Sensor" not in await resp.text(), path


@pytest.mark.parametrize("host", ["evil.example:6066", "127.0.0.1.nip.example", "attacker"])
async def test_a_foreign_host_header_gets_421_on_every_route(
    lo: TestClient[Any, Any], pub: TestClient[Any, Any], host: str
) -> None:
    for c in (lo, pub):
        for path in PATHS:
            resp = await c.get(path, headers={"Host": host})
            assert resp.status == 421, (path, host, resp.status)
            assert "Sensor" not in await resp.text()
        resp = await c.post("/wire/login", data={"token": TOKEN}, headers={"Host": host})
        assert resp.status == 421 and "Set-Cookie" not in resp.headers


async def test_loopback_names_are_answered_with_data(lo: TestClient[Any, Any]) -> None:
    port = lo.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"):
        resp = await lo.get("/wire/stats", headers={"Host": host})
        assert resp.status == 200, host
        assert (await resp.json())["app_id"] == "wirestream"
        assert resp.headers["X-Content-Type-Options"] == "nosniff"


async def test_allowed_hosts_setting_adds_names(tmp_path: Path) -> None:
    wiring = _wiring(tmp_path, web_allowed_hosts="news.example.org")
    async for c in client(wiring):
        assert (await c.get("/wire/health", headers={"Host": "news.example.org"})).status == 200
        assert (await c.get("/wire/health", headers={"Host": "other.example"})).status == 421


async def test_public_bind_takes_the_token_as_bearer_or_cookie_never_in_the_url(
    pub: TestClient[Any, Any],
) -> None:
    assert (await pub.get("/wire/health")).status == 200
    for path in ("/wire/stats", "/wire/items", "/wire/dead", "/wire/consumer", "/metrics"):
        assert (await pub.get(path)).status == 401, path
        assert (await pub.get(path, params={"token": TOKEN})).status == 401, path
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert (await pub.get(path, headers=bearer)).status == 200, path
        wrong = {"Authorization": f"Bearer {TOKEN}x"}
        assert (await pub.get(path, headers=wrong)).status == 401, path
    page = await pub.get("/wire/")
    assert page.status == 401 and 'action="login"' in await page.text()


async def test_login_sets_a_strict_httponly_cookie_that_opens_the_data(
    pub: TestClient[Any, Any],
) -> None:
    bad = await pub.post("/wire/login", data={"token": "nope"}, allow_redirects=False)
    assert bad.status == 401 and "Set-Cookie" not in bad.headers
    assert not pub.session.cookie_jar.filter_cookies(pub.make_url("/"))
    ok = await pub.post("/wire/login", data={"token": TOKEN}, allow_redirects=False)
    assert ok.status == 303 and ok.headers["Location"] == "./"
    cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert TOKEN not in cookie
    assert (await pub.get("/wire/stats")).status == 200
    assert (await pub.get("/wire/")).status == 200
    out = await pub.post("/wire/logout", allow_redirects=False)
    assert out.status == 303
    assert (await pub.get("/wire/stats")).status == 401


@pytest.mark.parametrize(
    "seq", ["²", "١٢", "１２", "-1", "1e3", "9" * 19, "9" * 5000, "%C2%B2", "0x10"]
)
async def test_odd_item_ids_are_404_not_500(lo: TestClient[Any, Any], seq: str) -> None:
    for path in (f"/wire/items/{seq}", f"/wire/dead/{seq}/raw"):
        resp = await lo.get(path)
        assert resp.status == 404, (path, resp.status)


async def test_a_kept_dead_letter_is_served_by_its_id(
    loopback: Wiring, lo: TestClient[Any, Any]
) -> None:
    loopback.stats.on_dead(ParseError("bad"), RawMessage(b"raw bytes"))
    dead = await (await lo.get("/wire/dead")).json()
    resp = await lo.get(f"/wire/dead/{dead[0]['id']}/raw")
    assert resp.status == 200 and await resp.read() == b"raw bytes"


async def test_request_bodies_are_bounded(pub: TestClient[Any, Any]) -> None:
    resp = await pub.post("/wire/login", data={"token": "x" * 100_000})
    assert resp.status == 413


@pytest.mark.parametrize(
    ("body", "ctype"),
    [
        (b"token=\xff\xfe", "application/x-www-form-urlencoded"),
        (b"--x\r\nnot a part", "multipart/form-data; boundary=x"),
        (b"\x00" * 100, "multipart/form-data"),
        (b"{}", "application/json"),
    ],
)
async def test_a_malformed_login_form_is_a_client_error(
    pub: TestClient[Any, Any], body: bytes, ctype: str
) -> None:
    resp = await pub.post("/wire/login", data=body, headers={"Content-Type": ctype})
    assert 400 <= resp.status < 500, resp.status
    assert "Set-Cookie" not in resp.headers
