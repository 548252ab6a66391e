"""The local broker's property overrides, the cluster's quorum, and the SASL_SSL listener."""

from __future__ import annotations

import logging
from pathlib import Path

from streams.dev.broker import deploy_dir, merge_properties
from streams.dev.cluster import LocalCluster, cluster_overrides
from streams.dev.secure import Pki, sasl_ssl_overrides, scram_arg
from streams.kafka.diagnosis import ConnectDiagnosis
from streams.settings import Settings


def props(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            assert key not in out, f"{key} twice"
            out[key] = value
    return out


def test_overrides_replace_template_lines_in_place_and_add_new_ones() -> None:
    template = (deploy_dir() / "server.properties").read_text()
    merged = merge_properties(template, {"min.insync.replicas": "2", "new.key": "x=y"})
    got = props(merged)
    assert got["min.insync.replicas"] == "2" and got["new.key"] == "x=y"
    assert got["node.id"] == "${NODE_ID}"
    assert merged.index("min.insync.replicas=2") < merged.index("new.key")
    assert merge_properties(template, {}).strip() == template.strip()


def test_cluster_nodes_share_an_id_and_name_every_voter(tmp_path: Path) -> None:
    cluster = LocalCluster(tmp_path, size=3)
    ids = [n.node_id for n in cluster.nodes]
    assert ids == [1, 2, 3]
    assert len({n.cluster for n in cluster.nodes}) == 1 and cluster.nodes[0].cluster
    ports = [n.port for n in cluster.nodes] + [n.controller_port for n in cluster.nodes]
    assert len(set(ports)) == 6
    voters = cluster.nodes[0].overrides["controller.quorum.voters"]
    assert voters == ",".join(f"{n.node_id}@127.0.0.1:{n.controller_port}" for n in cluster.nodes)
    assert len({n.dir for n in cluster.nodes}) == 3
    assert cluster.bootstrap.count(",") == 2


def test_cluster_replicates_internal_topics_and_requires_two_in_sync() -> None:
    three = cluster_overrides("v", 3)
    assert three["default.replication.factor"] == "3"
    assert three["offsets.topic.replication.factor"] == "3"
    assert three["transaction.state.log.replication.factor"] == "3"
    assert three["min.insync.replicas"] == "2" and three["transaction.state.log.min.isr"] == "2"
    one = cluster_overrides("v", 1)
    assert one["min.insync.replicas"] == "1" and one["default.replication.factor"] == "1"


def test_sasl_ssl_listener_properties(tmp_path: Path) -> None:
    pki = Pki(ca=tmp_path / "ca.pem", keystore=tmp_path / "ks.pem")
    got = props(
        merge_properties(
            (deploy_dir() / "server.properties").read_text(),
            sasl_ssl_overrides(pki, "pw", "SCRAM-SHA-512"),
        )
    )
    assert got["listeners"].startswith("SASL_SSL://127.0.0.1:${PORT},CONTROLLER://")
    assert got["listener.security.protocol.map"] == "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT"
    assert got["ssl.keystore.type"] == "PEM" and got["ssl.keystore.location"] == str(pki.keystore)
    assert 'password="pw"' in got["listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config"]
    assert scram_arg("SCRAM-SHA-512", "u", "p") == "SCRAM-SHA-512=[name=u,password=p]"


def diagnose(message: str, **settings: str) -> str | None:
    with ConnectDiagnosis() as diagnosis:
        logging.getLogger("aiokafka.client").error("Unable connect to %s: %s", "h:1", message)
    error = diagnosis.error(Settings.from_env({}, **settings))
    return None if error is None else error.message


def test_refused_login_names_the_settings_to_fix_and_never_the_password() -> None:
    message = diagnose(
        "[Error 58] SaslAuthenticationFailed: invalid credentials",
        sasl_username="wire",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_password="hunter2",
        security_protocol="SASL_SSL",
    )
    assert message and "refused the login of user 'wire'" in message
    assert "WIRE_SASL_PASSWORD" in message and "hunter2" not in message
    assert "\n" not in message


def test_untrusted_certificate_and_plain_client_on_tls() -> None:
    message = diagnose("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    assert message and "WIRE_SSL_CAFILE" in message
    message = diagnose("[SSL: WRONG_VERSION_NUMBER]", security_protocol="PLAINTEXT")
    assert message and "WIRE_SECURITY_PROTOCOL" in message
    assert diagnose("[Errno 111] Connect call failed") is None


def test_the_handler_is_removed_afterwards() -> None:
    with ConnectDiagnosis() as diagnosis:
        pass
    assert diagnosis not in logging.getLogger("aiokafka").handlers
