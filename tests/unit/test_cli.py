"""The `wire` command line: the offline commands and the error contract (no broker needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from streams import jsonio
from streams.cli import cli
from streams.dev.broker import free_port

FIXTURE = Path(__file__).parent.parent / "fixtures" / "integration" / "agency-dump.txt"
CONTRACT = {"source", "uri", "headline", "regions", "status", "duplicate_of", "error"}


def test_inspect_json_follows_the_contract(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x00\x01\x02 not text \xff")
    result = CliRunner().invoke(
        cli, ["inspect", "--json", str(FIXTURE), str(FIXTURE), str(garbage)]
    )
    assert result.exit_code == 0, result.output
    rows = [jsonio.loads(line) for line in result.output.splitlines()]
    assert all(row.keys() >= CONTRACT for row in rows)
    first, second = rows[:4], rows[4:8]
    assert [r["status"] for r in first] == ["routed"] * 4
    assert first[0]["regions"] == ["europe"]
    # The same file again, in the same run: every item is a duplicate of its first copy.
    assert [r["status"] for r in second] == ["duplicate"] * 4
    assert [r["duplicate_of"] for r in second] == [r["uri"] for r in first]
    dead = rows[8]
    assert dead["status"] == "dead-letter"
    assert dead["uri"] is None and dead["error"].startswith("binary-payload")
    assert dead["source"] == str(garbage)


def test_explain_shows_evidence() -> None:
    result = CliRunner().invoke(cli, ["explain", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "Germany" in result.output or "DE" in result.output
    assert "Nigeria" in result.output or "NG" in result.output


def test_schema_prints_both_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.json"))
    assert names == ["raw-envelope/1.json", "wire-item/1.json"]
    doc = jsonio.loads((tmp_path / "wire-item/1.json").read_bytes())
    assert doc["$schema"].startswith("https://json-schema.org/draft/2020-12")


def test_unreachable_broker_is_one_line_and_non_zero() -> None:
    env = {"WIRE_BOOTSTRAP": f"127.0.0.1:{free_port()}", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "streams", "publish", str(FIXTURE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wire: error:"), proc.stderr
    assert "Traceback" not in proc.stderr


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name in ["publish", "subscribe", "inspect", "explain", "schema", "audit", "dlq", "broker"]:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name


def test_worker_refuses_a_default_or_short_web_token_in_one_line(tmp_path: Path) -> None:
    base = {
        "WIRE_BOOTSTRAP": f"127.0.0.1:{free_port()}",
        "WIRE_HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    cases = [
        ({"WIRE_WEB_TOKEN": "change-me"}, []),
        ({"WIRE_WEB_HOST": "0.0.0.0", "WIRE_WEB_TOKEN": "short-token"}, []),
        # Faust's own --web-bind option moves the bind beyond loopback: the rule follows it.
        ({}, ["--web-bind", "0.0.0.0"]),
        ({}, ["-b0.0.0.0"]),
    ]
    for extra, args in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "streams", "worker", *args],
            env={**base, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2, (extra, args, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "WIRE_WEB_TOKEN" in lines[0], (extra, args, proc.stderr)


def test_web_bind_option_is_read_like_faust_reads_it() -> None:
    from streams.cli import web_bind_option

    assert web_bind_option(["worker", "-l", "info"]) is None
    assert web_bind_option(["worker", "--web-bind", "0.0.0.0"]) == "0.0.0.0"
    assert web_bind_option(["worker", "--web-bind=::"]) == "::"
    assert web_bind_option(["worker", "-b", "10.0.0.1", "-l", "info"]) == "10.0.0.1"


def test_roles_option_is_taken_out_before_faust_reads_the_arguments() -> None:
    from streams.commands.worker import roles_option

    assert roles_option(["worker", "-l", "info"]) == (None, ["worker", "-l", "info"])
    assert roles_option(["worker", "--roles", "parse", "-l", "info"]) == (
        "parse",
        ["worker", "-l", "info"],
    )
    assert roles_option(["worker", "--roles=route", "--roles", "parse,route"]) == (
        "parse,route",
        ["worker"],
    )


def test_a_bad_roles_option_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "streams", "worker", "--roles", "dedup"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "WIRE_ROLES" in lines[0], proc.stderr


def test_a_trailing_h_asks_for_help_and_h_before_a_value_stays_faust_s_web_host() -> None:
    from streams.commands.worker import help_option

    assert help_option(["worker", "-h"]) == ["worker", "--help"]
    assert help_option(["worker", "-h", "wire.example.org"]) == ["worker", "-h", "wire.example.org"]
    assert help_option(["worker"]) == ["worker"]
