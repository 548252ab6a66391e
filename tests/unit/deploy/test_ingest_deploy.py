"""The ingest service in docker-compose.yml and deploy/k8s/, checked offline against the code."""

from __future__ import annotations

import re
from typing import Any

import yaml

from streams.hosts import HostRules
from streams.ingest.config import parse_sources
from streams.settings import Settings

from .conftest import ROOT, load_all

TOKENS = {"WIRE_PUSH_TOKEN": "a-push-token-for-the-test-0123"}


def ingest_routes() -> set[str]:
    source = (ROOT / "streams" / "ingest" / "push.py").read_text()
    return set(re.findall(r'add_(?:get|post)\("([^"{]+)', source))


def test_compose_runs_the_ingest_process_with_a_valid_sources_file(
    setting_vars: set[str],
) -> None:
    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    ingest = doc["services"]["ingest"]
    assert ingest["command"][0] == "ingest"
    assert ingest["image"] == doc["services"]["worker"]["image"]
    env = {k: str(v) for k, v in ingest["environment"].items()}
    settings = Settings.from_env({k: v for k, v in env.items() if k in setting_vars})
    assert settings.ingest_host == "0.0.0.0" and ":?" in env["WIRE_WEB_TOKEN"]
    [config] = ingest["configs"]
    path = ROOT / doc["configs"][config["source"]]["file"]
    assert ingest["command"][-1] == config["target"]
    sources = parse_sources(path.read_text(), str(path), env=TOKENS, public_bind=True)
    folder = next(s for s in sources if s.kind == "folder")
    assert any(v.endswith(":" + str(folder.path)) for v in ingest["volumes"])
    port = settings.ingest_port
    assert ingest["ports"] == [f"127.0.0.1:{port}:{port}"]
    assert "/ingest/health" in " ".join(ingest["healthcheck"]["test"])
    assert "/ingest/health" in ingest_routes()
    worker = Settings.from_env(
        {k: str(v) for k, v in doc["services"]["worker"]["environment"].items()}
    )
    assert worker.ingest_status_url == f"http://ingest:{port}/ingest/status"
    assert HostRules.parse(env.get("WIRE_WEB_ALLOWED_HOSTS", "")).allows(f"ingest:{port}")


def test_k8s_runs_one_ingest_pod_whose_probes_service_and_sources_fit() -> None:
    docs: dict[tuple[str, str], dict[str, Any]] = {
        (d["kind"], d["metadata"]["name"]): d for d in load_all(ROOT / "deploy/k8s/ingest.yaml")
    }
    deploy = docs[("Deployment", "wirestream-ingest")]
    assert deploy["spec"]["replicas"] == 1 and deploy["spec"]["strategy"]["type"] == "Recreate"
    pod = deploy["spec"]["template"]["spec"]
    [container] = pod["containers"]
    env = {e["name"]: e for e in container["env"]}
    assert env["WIRE_PUSH_TOKEN"]["valueFrom"]["secretKeyRef"]["key"] == "WIRE_PUSH_TOKEN"
    secret = load_all(ROOT / "deploy/k8s/secret.example.yaml")[0]
    keys = {e["valueFrom"]["secretKeyRef"]["key"] for e in env.values() if "valueFrom" in e}
    assert keys <= set(secret["stringData"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["ingest"] == int(env["WIRE_INGEST_PORT"]["value"])
    for probe in ("startupProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] in ingest_routes()
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    sources_file = container["args"][-1]
    assert sources_file.startswith(mounts["sources"] + "/")
    text = docs[("ConfigMap", "wirestream-sources")]["data"][sources_file.rsplit("/", 1)[1]]
    sources = parse_sources(text, env=TOKENS, public_bind=True)
    folder = next(s for s in sources if s.kind == "folder")
    assert str(folder.path) == mounts["drop"]
    service = docs[("Service", "wirestream-ingest")]
    assert service["spec"]["ports"][0]["targetPort"] in ports
    labels = deploy["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    config = load_all(ROOT / "deploy/k8s/configmap.yaml")[0]["data"]
    url = Settings.from_env({"WIRE_INGEST_URL": config["WIRE_INGEST_URL"]}).ingest_status_url
    host = f"{service['metadata']['name']}:{service['spec']['ports'][0]['port']}"
    assert url == f"http://{host}/ingest/status"
    assert HostRules.parse(config.get("WIRE_WEB_ALLOWED_HOSTS", "")).allows(host)
