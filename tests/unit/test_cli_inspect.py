"""`wire inspect` guards every stage per file, as the worker does, and reports dead letters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from streams import jsonio
from streams.cli import cli
from streams.commands import inspect as inspect_cmd
from streams.core.pipeline import Pipeline
from streams.errors import SchemaViolation

STORY = "{place}: floods hit the coast\nThe floods hit {place} on Tuesday, officials said.\n"


def files(tmp_path: Path, *places: str) -> list[str]:
    out = []
    for i, place in enumerate(places):
        path = tmp_path / f"{i}-{place}.txt"
        path.write_text(STORY.format(place=place))
        out.append(str(path))
    return out


def rows(args: list[str]) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["inspect", "--json", *args])
    assert result.exit_code == 0, result.output
    return [jsonio.loads(line) for line in result.output.splitlines()]


def test_an_error_in_decide_dead_letters_that_item_and_the_next_files_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Pipeline.decide

    def decide(self: Pipeline, item: object, now_ms: int) -> object:
        if "Lisbon" in getattr(item, "headline", ""):
            raise KeyError("boom")
        return real(self, item, now_ms)  # type: ignore[arg-type]

    monkeypatch.setattr(Pipeline, "decide", decide)
    got = rows(files(tmp_path, "Paris", "Lisbon", "Madrid"))
    assert [r["status"] for r in got] == ["routed", "dead-letter", "routed"]
    assert got[1]["error"] == "internal-error: KeyError: 'boom'"
    assert got[1]["uri"] is not None and got[0]["error"] is None


def test_an_error_encoding_for_a_desk_is_a_dead_letter_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The schema check inside ``Pipeline.encode`` fails for the Oslo item, patched through
    # the pipeline's validator: the compiled ``Pipeline`` calls its own ``encode`` directly,
    # so a patch of the method would reach only callers outside it.
    real_build = inspect_cmd.build_pipeline

    def build(*args: Any, **kwargs: Any) -> Pipeline:
        pipeline = real_build(*args, **kwargs)
        check = pipeline.validator

        def validator(doc: dict[str, Any]) -> None:
            routed = doc["wirestream"]["status"] == "routed"
            if routed and "Oslo" in doc["headlines"][0]["value"]:
                raise SchemaViolation("bad item")
            if check is not None:
                check(doc)

        pipeline.validator = validator
        return pipeline

    monkeypatch.setattr(inspect_cmd, "build_pipeline", build)
    got = rows(files(tmp_path, "Oslo", "Madrid"))
    assert [r["status"] for r in got] == ["dead-letter", "routed"]
    assert got[0]["error"] == "schema-violation: bad item"


def test_an_error_in_stage_one_dead_letters_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stage1_records(self: Pipeline, raw: object) -> list[object]:
        raise ValueError("cannot encode")

    monkeypatch.setattr(Pipeline, "stage1_records", stage1_records)
    got = rows(files(tmp_path, "Oslo", "Madrid"))
    assert [(r["status"], r["uri"]) for r in got] == [("dead-letter", None)] * 2
    assert got[0]["error"] == "internal-error: ValueError: cannot encode"


def test_text_output_names_the_dead_letter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def decide(self: Pipeline, item: object, now_ms: int) -> object:
        raise RuntimeError("no")

    monkeypatch.setattr(Pipeline, "decide", decide)
    result = CliRunner().invoke(cli, ["inspect", *files(tmp_path, "Oslo")])
    assert result.exit_code == 0, result.output
    assert "dead-letter urn:wirestream:file:" in result.output
    assert "internal-error: RuntimeError: no" in result.output


def test_inspect_full_shows_where_each_part_of_an_ap_story_went(tmp_path: Path) -> None:
    path = tmp_path / "ap.txt"
    path.write_bytes(
        b"\x01a0101 r a BC-Port-Strike 12-01 0050\x02^BC-Port-Strike,0050<\r\n"
        b"^Dockers strike at the port<\r\n^Eds: ADDS quote.<\r\n^By RUTH DALE=\r\n"
        b"\t^LISBON, Portugal (AP) _ Dockers walked out on Monday.<\r\n\x03\x04"
    )
    result = CliRunner().invoke(cli, ["inspect", "--json", "--full", str(path)])
    assert result.exit_code == 0, result.output
    (row,) = [jsonio.loads(line) for line in result.output.splitlines()]
    assert row["fields"] == {
        "headline": "Dockers strike at the port",
        "slug": "BC-Port-Strike",
        "byline": "By RUTH DALE",
        "located": "LISBON, Portugal",
        "version": 1,
        "pubstatus": "usable",
        "embargoed": None,
        "ednote": "Eds: ADDS quote.",
        "signals": [],
        "dropped": ["BC-Port-Strike,0050"],
        "body_first": "LISBON, Portugal (AP) _ Dockers walked out on Monday.",
    }
    assert row["item"]["byline"] == "By RUTH DALE"
