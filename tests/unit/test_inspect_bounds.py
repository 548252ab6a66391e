"""`wire inspect` reports a payload over the output bounds as the worker treats it: a dead letter."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from streams import jsonio
from streams.cli import cli


def test_inspect_calls_a_too_large_output_a_dead_letter_not_routed(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Talks in Paris\n\nPARIS (Wire) - Officials met in Paris on Tuesday to talk about roads.\n"
    )
    runner = CliRunner()
    [ok] = runner.invoke(cli, ["inspect", "--json", str(story)]).output.splitlines()
    assert jsonio.loads(ok)["status"] == "routed"
    # The same story under a budget it cannot meet (WIRE_MAX_OUTPUT_RATIO, no per-item allowance).
    env = {"WIRE_MAX_OUTPUT_RATIO": "0.5", "WIRE_OUTPUT_ITEM_OVERHEAD": "0"}
    result = runner.invoke(cli, ["inspect", "--json", str(story)], env=env)
    assert result.exit_code == 0, result.output
    [row] = [jsonio.loads(line) for line in result.output.splitlines()]
    assert row["status"] == "dead-letter"
    assert row["error"].startswith("too-large-output")
