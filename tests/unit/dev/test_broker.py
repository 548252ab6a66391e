import base64

from streams.dev.broker import cluster_id, deploy_dir, kafka_version


def test_cluster_id_is_22_chars_of_base64url_never_an_option() -> None:
    for _ in range(2000):  # about 31 of these would start with "-" without the guard
        cid = cluster_id()
        assert len(cid) == 22
        assert not cid.startswith("-"), cid
        assert len(base64.urlsafe_b64decode(cid + "==")) == 16


def test_pom_pins_a_kafka_4_release() -> None:
    version = kafka_version()
    assert version.split(".")[0] == "4"
    assert "${PORT}" in (deploy_dir() / "server.properties").read_text()
