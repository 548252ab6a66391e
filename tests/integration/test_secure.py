"""Issue #6 (security): a real worker on a SASL_SSL listener with SCRAM-SHA-512.

The broker's only client listener is SASL_SSL with certificates made by the test;
the worker, the admin client, the publisher and the reader all get there through
the WIRE_* settings alone. A wrong password must fail in one line, and the
password must not reach the worker log or any page.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.core.topics import build_topics
from streams.dev.broker import free_port
from streams.dev.secure import Pki, make_pki, secure_broker
from streams.kafka.admin import ensure_topics
from streams.settings import Settings

from .conftest import Service
from .corpus import payloads

PASSWORD = "scram-" + os.urandom(8).hex()
MECHANISM = "SCRAM-SHA-512"
ITEMS = 12

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture(scope="module")
def secure_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Pki]]:
    home = tmp_path_factory.mktemp("secure-broker")
    pki = make_pki(home / "pki")
    broker = secure_broker(home, free_port(), pki, {"wire": PASSWORD}, MECHANISM)
    took = broker.start()
    print(f"\nSASL_SSL broker started in {took:.1f}s at {broker.bootstrap}")
    try:
        yield broker.bootstrap, pki
    finally:
        broker.stop()


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
async def test_worker_routes_over_sasl_ssl_and_never_shows_the_password(
    secure_kafka: tuple[str, Pki], tmp_path: Path, guarantee: str
) -> None:
    bootstrap, pki = secure_kafka
    tag = uuid.uuid4().hex[:8]
    settings = Settings.from_env(
        {},
        bootstrap=bootstrap,
        app_id=f"wsec-{tag}",
        topic_prefix=f"s{tag}",
        home=tmp_path,
        raw_partitions=2,
        items_partitions=1,
        output_partitions=1,
        security_protocol="SASL_SSL",
        sasl_mechanism=MECHANISM,
        sasl_username="wire",
        sasl_password=PASSWORD,
        ssl_cafile=str(pki.ca),
        guarantee=guarantee,
    )
    topics = build_topics(settings)
    await ensure_topics(settings, topics.specs(settings))
    service = Service(settings, topics, tmp_path)
    worker = service.worker()
    try:
        await service.publish(*payloads(ITEMS))
        outputs = [*topics.region_topics, topics.duplicates, topics.dead_letter]
        got = await service.wait_for(outputs, ITEMS)
        routed = [r for r in got if r.topic in topics.region_topics]
        duplicates = [r for r in got if r.topic == topics.duplicates]
        assert routed and len(duplicates) == 1, [r.topic for r in got]

        for path in ("/wire/", "/wire/stats", "/wire/consumer", "/metrics"):
            status, body = fetch(worker.web_port, path)
            assert status in (200, 404), (path, status)
            assert PASSWORD not in body, path
    finally:
        worker.stop()
    log = worker.log_path.read_text(errors="replace")
    assert "wire" in log and "Traceback" not in log, worker.tail()
    assert PASSWORD not in log

    story = tmp_path / "story.txt"
    story.write_bytes(payloads(1)[0].value)
    env = {**worker.env, "WIRE_SASL_PASSWORD": "not-" + PASSWORD}
    proc = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "streams", "publish", str(story)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("wire: error: ") and "refused the login of user 'wire'" in lines[0]
    assert "WIRE_SASL_PASSWORD" in lines[0]
    assert PASSWORD not in proc.stderr + proc.stdout
