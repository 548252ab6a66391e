from pathlib import Path

import pytest

from streams.errors import ConfigError
from streams.settings import Settings


def test_defaults_are_the_local_run() -> None:
    s = Settings.from_env({})
    assert s.bootstrap == "127.0.0.1:9092"
    assert s.web_host == "127.0.0.1"
    assert not s.web_is_public
    assert s.dedup_window_ms == 72 * 3600 * 1000


def test_environment_overrides_with_types() -> None:
    s = Settings.from_env(
        {
            "WIRE_RAW_PARTITIONS": "8",
            "WIRE_DEDUP_WINDOW_HOURS": "1.5",
            "WIRE_HOME": "/x",
            "KAFKA_BOOTSTRAP": "k1:9092,k2:9092",
            "WIRE_WEB_HOST": "0.0.0.0",
        }
    )
    assert s.raw_partitions == 8
    assert s.dedup_window_ms == 5_400_000
    assert s.home == Path("/x")
    assert s.bootstrap == "k1:9092,k2:9092"
    assert s.web_is_public


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"WIRE_RAW_PARTITIONS": "many"}, "WIRE_RAW_PARTITIONS"),
        ({"WIRE_REPLICATION": "0"}, "WIRE_REPLICATION"),
        ({"WIRE_BOOTSTRAP": " "}, "WIRE_BOOTSTRAP"),
        ({"WIRE_PRODUCER_BATCH_BYTES": "100"}, "WIRE_PRODUCER_BATCH_BYTES"),
        ({"WIRE_STATE_CACHE_MB": "0"}, "WIRE_STATE_CACHE_MB"),
        ({"WIRE_BATCH_GAP": "-0.001"}, "WIRE_BATCH_GAP"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        Settings.from_env(env)


def test_password_is_not_in_repr() -> None:
    s = Settings.from_env({"WIRE_SASL_PASSWORD": "hunter2"})
    assert "hunter2" not in repr(s)


def test_sasl_settings_reach_the_kafka_clients() -> None:
    s = Settings.from_env(
        {
            "WIRE_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "WIRE_SASL_MECHANISM": "SCRAM-SHA-512",
            "WIRE_SASL_USERNAME": "wire",
            "WIRE_SASL_PASSWORD": "pw",
        }
    )
    kw = s.kafka_client_kwargs()
    assert kw["security_protocol"] == "SASL_PLAINTEXT"
    assert kw["sasl_mechanism"] == "SCRAM-SHA-512"
    assert kw["sasl_plain_username"] == "wire"


@pytest.mark.parametrize("roles", ["", "parse,dedup", "all", ","])
def test_roles_must_name_known_stages(roles: str) -> None:
    with pytest.raises(ConfigError, match="WIRE_ROLES"):
        Settings.from_env({"WIRE_ROLES": roles})


def test_roles_default_to_both_stages() -> None:
    s = Settings.from_env({})
    assert s.role_set == {"parse", "route"} and not s.split
    assert Settings.from_env({"WIRE_ROLES": "route"}).split


def test_every_loopback_bind_is_private_as_the_web_check_reads_it() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"):
        assert not Settings.from_env({"WIRE_WEB_HOST": host}).web_is_public, host
    for host in ("0.0.0.0", "10.0.0.5", "wire.example.org"):
        assert Settings.from_env({"WIRE_WEB_HOST": host}).web_is_public, host
