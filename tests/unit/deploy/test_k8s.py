"""The Kubernetes manifests, checked offline against the code they deploy."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from streams.hosts import HostRules
from streams.settings import Settings

from .conftest import ROOT, load_all

K8S = ROOT / "deploy" / "k8s"
COMPONENT = "app.kubernetes.io/component"


@pytest.fixture(scope="module")
def objects() -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in load_all(path):
            assert {"apiVersion", "kind", "metadata"} <= set(doc), path
            out[(doc["kind"], doc["metadata"]["name"])] = doc
    return out


def worker_container(objects: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    sts = objects[("StatefulSet", "wirestream")]
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    return container


def test_kustomization_lists_every_manifest_but_the_secret_example() -> None:
    kust = load_all(K8S / "kustomization.yaml")[0]
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(kust["resources"]) == files


def test_statefulset_keeps_state_on_a_volume_at_wire_home(
    objects: dict[tuple[str, str], dict[str, Any]],
) -> None:
    sts = objects[("StatefulSet", "wirestream")]
    config = objects[("ConfigMap", "wirestream-config")]["data"]
    claims = {c["metadata"]["name"] for c in sts["spec"]["volumeClaimTemplates"]}
    mounts = {m["name"]: m["mountPath"] for m in worker_container(objects)["volumeMounts"]}
    assert "state" in claims and mounts["state"] == config["WIRE_HOME"]
    selector = sts["spec"]["selector"]["matchLabels"]
    assert selector.items() <= sts["spec"]["template"]["metadata"]["labels"].items()
    assert sts["spec"]["serviceName"] in {n for k, n in objects if k == "Service"}
    pod = sts["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] and pod["securityContext"]["runAsUser"] != 0


def test_settings_come_from_real_variables_and_the_password_from_a_secret(
    objects: dict[tuple[str, str], dict[str, Any]], setting_vars: set[str]
) -> None:
    config = objects[("ConfigMap", "wirestream-config")]["data"]
    assert set(config) <= setting_vars, set(config) - setting_vars
    secret_only = {"WIRE_SASL_PASSWORD", "WIRE_WEB_TOKEN"}
    assert not secret_only & set(config)
    settings = Settings.from_env({k: str(v) for k, v in config.items()})
    assert settings.replication == 3 and settings.exactly_once
    env = {e["name"]: e for e in worker_container(objects)["env"]}
    assert set(env) <= setting_vars
    for name in secret_only:
        assert env[name]["valueFrom"]["secretKeyRef"]["name"] == "wirestream-secrets"
    example = load_all(K8S / "secret.example.yaml")[0]
    keys = {e["valueFrom"]["secretKeyRef"]["key"] for e in env.values()}
    assert keys <= set(example["stringData"])
    tls = {m["name"]: m["mountPath"] for m in worker_container(objects)["volumeMounts"]}["tls"]
    assert config["WIRE_SSL_CAFILE"].startswith(tls + "/")


def test_probes_and_scrape_annotations_point_at_real_routes(
    objects: dict[tuple[str, str], dict[str, Any]], web_routes: set[str]
) -> None:
    container = worker_container(objects)
    config = objects[("ConfigMap", "wirestream-config")]["data"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports["web"] == int(config["WIRE_WEB_PORT"])
    hosts = HostRules.parse(config.get("WIRE_WEB_ALLOWED_HOSTS", ""))
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] in web_routes and get["port"] in ("web", ports["web"]), probe
        # The kubelet would send the pod IP as Host, which the worker may not answer.
        sent = {h["name"].lower(): h["value"] for h in get.get("httpHeaders", [])}
        assert hosts.allows(sent.get("host")), probe
    notes = objects[("StatefulSet", "wirestream")]["spec"]["template"]["metadata"]["annotations"]
    assert notes["prometheus.io/scrape"] == "true"
    assert int(notes["prometheus.io/port"]) == ports["web"]
    assert notes["prometheus.io/path"] in web_routes
    for key, service in objects.items():
        if key[0] == "Service" and service["spec"]["selector"].get(COMPONENT) == "worker":
            for port in service["spec"]["ports"]:
                assert port["targetPort"] in ports, key


def test_image_tag_is_the_package_version(objects: dict[tuple[str, str], dict[str, Any]]) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert worker_container(objects)["image"] == f"wirestream:{version}"
    assert worker_container(objects)["args"][0] == "worker"
