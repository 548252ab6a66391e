"""docker-compose.yml and the cluster file, checked offline (no Docker on the build machines)."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from streams.dev.broker import kafka_version
from streams.settings import Settings

from .conftest import ROOT

SINGLE = ROOT / "docker-compose.yml"
CLUSTER = ROOT / "deploy" / "compose" / "docker-compose.cluster.yml"


def compose(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text())
    assert isinstance(doc, dict) and isinstance(doc.get("services"), dict)
    return doc


def kafkas(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        k: v
        for k, v in doc["services"].items()
        if str(v.get("image", "")).startswith("apache/kafka:")
    }


def workers(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in doc["services"].items() if "build" in v}


@pytest.fixture(params=[SINGLE, CLUSTER], ids=["single", "cluster"])
def doc(request: pytest.FixtureRequest) -> dict[str, Any]:
    return compose(request.param)


def test_kafka_image_is_the_release_the_pom_pins(doc: dict[str, Any]) -> None:
    assert kafkas(doc)
    for service in kafkas(doc).values():
        assert service["image"] == f"apache/kafka:{kafka_version()}"


def test_every_service_has_a_healthcheck_and_workers_wait_for_healthy_brokers(
    doc: dict[str, Any],
) -> None:
    for name, service in doc["services"].items():
        check = service.get("healthcheck")
        assert check and check["test"][0] in ("CMD", "CMD-SHELL"), name
    for name, worker in workers(doc).items():
        assert set(worker["depends_on"]) == set(kafkas(doc)), name
        assert all(d["condition"] == "service_healthy" for d in worker["depends_on"].values())
        assert "/wire/health" in " ".join(worker["healthcheck"]["test"])
        assert worker["restart"] in ("unless-stopped", "always", "on-failure")


def test_worker_environment_is_made_of_real_settings(
    doc: dict[str, Any], setting_vars: set[str]
) -> None:
    for name, worker in workers(doc).items():
        env = {k: str(v) for k, v in worker["environment"].items()}
        assert set(env) <= setting_vars, set(env) - setting_vars
        # The values parse the way the worker will parse them.
        settings = Settings.from_env(env)
        assert settings.web_is_public and settings.web_port == 6066, name
        assert "WIRE_WEB_TOKEN" in env, "bound beyond loopback: data pages need the token"
        # No default: compose stops with this message unless the user sets a token.
        assert re.fullmatch(r"\$\{WIRE_WEB_TOKEN:\?[^}]+\}", env["WIRE_WEB_TOKEN"]), env
        hosts = {h.split(":")[0] for h in settings.bootstrap.split(",")}
        assert hosts <= set(kafkas(doc)) | {s.get("hostname") for s in kafkas(doc).values()}


def test_ports_are_published_on_loopback_only_and_volumes_are_declared(doc: dict[str, Any]) -> None:
    declared = set(doc.get("volumes") or {})
    used: list[str] = []
    for name, service in doc["services"].items():
        for port in service.get("ports", []):
            assert re.fullmatch(r"127\.0\.0\.1:\d+:\d+", port), (name, port)
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, (name, source)
            used.append(source)
    assert len(used) == len(set(used)), "two services share a state volume"
    for worker in workers(doc).values():
        assert any(v.endswith(":/var/lib/wirestream") for v in worker["volumes"])


def test_cluster_has_three_voters_replication_3_and_min_isr_2() -> None:
    doc = compose(CLUSTER)
    nodes = kafkas(doc)
    assert len(nodes) == 3
    envs = [n["environment"] for n in nodes.values()]
    ids = {int(e["KAFKA_NODE_ID"]) for e in envs}
    assert ids == {1, 2, 3}
    voters = {e["KAFKA_CONTROLLER_QUORUM_VOTERS"] for e in envs}
    assert len(voters) == 1
    voter_ids = {int(v.split("@")[0]) for v in voters.pop().split(",")}
    assert voter_ids == ids
    cluster_ids = {e["CLUSTER_ID"] for e in envs}
    assert len(cluster_ids) == 1
    assert len(base64.urlsafe_b64decode(cluster_ids.pop() + "==")) == 16
    for e in envs:
        assert int(e["KAFKA_DEFAULT_REPLICATION_FACTOR"]) == 3
        assert int(e["KAFKA_MIN_INSYNC_REPLICAS"]) == 2
        assert int(e["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]) == 3
        assert int(e["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"]) == 3
        assert int(e["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"]) == 2
        assert e["KAFKA_ADVERTISED_LISTENERS"].startswith("PLAINTEXT://kafka-")
    two = workers(doc)
    assert len(two) == 2
    for worker in two.values():
        settings = Settings.from_env({k: str(v) for k, v in worker["environment"].items()})
        assert settings.replication == 3 and settings.exactly_once
        assert len(settings.bootstrap.split(",")) == 3
    published = [w["ports"][0].split(":")[1] for w in two.values()]
    assert len(set(published)) == 2


def test_dockerfile_runs_non_root_from_a_slim_image_with_a_real_healthcheck(
    web_routes: set[str],
) -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    user = re.findall(r"^USER (\S+)", text, re.M)
    assert user and user[-1] not in ("root", "0")
    health = re.search(r"^HEALTHCHECK .*?(/wire/\w+)", text, re.M | re.S)
    assert health and health.group(1) in web_routes
    assert "WIRE_HOME=/var/lib/wirestream" in text


def test_dockerfile_ships_the_compiled_core_and_a_lean_build_context() -> None:
    """The image runs the native path `make venv` runs; venvs and jars stay out of the context."""
    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)(?: AS (\S+))?", text, re.M)
    assert stages[-1][0].startswith("python:3.11-slim") and not stages[-1][1]
    assert any(name == "native" for _, name in stages)
    assert re.search(r"maturin build .*-m native/Cargo\.toml", text)
    assert re.search(r"^COPY --from=native /wheels /wheels", text, re.M)
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv", ".cache", "native/target", ".git"} <= ignored
