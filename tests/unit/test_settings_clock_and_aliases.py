"""The two settings of issue 15, points 4 and 5: read from the environment, checked at start."""

from __future__ import annotations

import pytest

from streams.core.assemble import build_pipeline
from streams.core.dedup import MemoryStore
from streams.errors import ConfigError
from streams.settings import Settings


def test_defaults_and_values_reach_the_pipeline() -> None:
    default = build_pipeline(Settings.from_env({}), MemoryStore())
    assert default.max_skew_ms == 24 * 3_600_000
    assert default.aliases.namespace("rtrs") == "rtrs"
    env = {"WIRE_MAX_CLOCK_SKEW_HOURS": "1.5", "WIRE_SOURCE_ALIASES": "reuters=rtrs,reuters-ftp"}
    p = build_pipeline(Settings.from_env(env), MemoryStore())
    assert p.max_skew_ms == 5_400_000
    assert p.aliases.namespace("reuters-ftp") == "reuters"


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("WIRE_SOURCE_ALIASES", "reuters"),
        ("WIRE_SOURCE_ALIASES", "a=b;c=b"),
        ("WIRE_MAX_CLOCK_SKEW_HOURS", "-1"),
        ("WIRE_MAX_CLOCK_SKEW_HOURS", "soon"),
    ],
)
def test_a_bad_value_is_a_config_error_naming_the_variable(var: str, value: str) -> None:
    with pytest.raises(ConfigError, match=var):
        Settings.from_env({var: value})
