from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.core import model
from streams.core.model import (
    AltId,
    Body,
    Evidence,
    Focus,
    Headline,
    InfoSource,
    Lineage,
    Place,
    WireItem,
)
from streams.core.schema import schema_documents, validate_envelope, validate_item
from streams.errors import SchemaViolation

REPO = Path(__file__).parents[3]


def _full_item() -> WireItem:
    item = WireItem(
        uri="urn:wirestream:test:abc",
        headlines=[Headline("Quake hits Chile"), Headline("Sub", role="sub")],
        bodies=[Body("SANTIAGO (AP) — A quake struck.")],
        version=2,
        versioncreated="2025-11-20T10:00:00Z",
        firstcreated="2025-11-20T09:00:00Z",
        pubstatus="usable",
        located="SANTIAGO",
        language="en",
        urgency=3,
        altids=[AltId("slug", "CHILE-QUAKE")],
        usageterms="No archiving.",
        copyrightnotice="(c) 2025",
        ednote="Eds: note",
        infosources=[InfoSource("AP", "provider")],
        places=[Place("Santiago", "CL", "geo:3871336"), Place("Valparaíso")],
    )
    item.ext.format = "plain"
    item.ext.status = "update"
    item.ext.regions = ["latam"]
    item.ext.focus = [Focus("CL", 0.9, "Chile")]
    item.ext.evidence = [Evidence("SANTIAGO", "located", 0, 8, "dateline", "CL", 1.0)]
    item.ext.signals = ["update"]
    item.ext.fingerprint = "f" * 16
    item.ext.lineage = Lineage("wire.raw", 0, 12, 1, "a" * 64, "2025-11-20T10:00:01Z", "ap", None)
    item.ext.update_of = "urn:wirestream:test:old"
    item.ext.similarity = 0.93
    return item


def test_minimal_and_full_items_validate() -> None:
    validate_item(WireItem(uri="urn:x").to_json())
    doc = _full_item().to_json()
    validate_item(doc)
    assert WireItem.from_json(doc).to_json() == doc


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("pubstatus",), "deleted"),
        (("version",), 0),
        (("urgency",), 12),
        (("versioncreated",), "20 Nov 2025"),
        (("wirestream", "status"), "lost"),
        (("wirestream", "similarity"), 1.5),
        (("wirestream", "lineage", "raw_sha256"), "xyz"),
        (("unknownfield",), "x"),
        (("places",), [{"name": "Chile", "code": "Chile"}]),
        (("places",), [{"uri": "geo:1"}]),
        (("wirestream", "extra"), 1),
    ],
)
def test_violations_are_reported_with_their_path(path: tuple[str, ...], value: object) -> None:
    doc = _full_item().to_json()
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SchemaViolation) as info:
        validate_item(doc)
    assert info.value.reason == "schema-violation"
    assert "wire-item/1" in info.value.message


def test_missing_required_field() -> None:
    doc = _full_item().to_json()
    del doc["wirestream"]["signals"]
    with pytest.raises(SchemaViolation, match="signals"):
        validate_item(doc)


def test_envelope_schema_covers_model_header_names() -> None:
    names = {v for k, v in vars(model).items() if k.startswith("H_")}
    props = set(schema_documents()["raw-envelope/1"]["properties"])
    assert names == props
    validate_envelope({"wire-source": "ap", "wire-format": "nitf", "x-extra": "ok"})
    with pytest.raises(SchemaViolation):
        validate_envelope({"wire-format": "docx"})


def test_repo_schemas_mirror_package_data() -> None:
    package = REPO / "streams" / "data" / "schemas"
    mirror = REPO / "schemas"
    files = sorted(p.relative_to(package) for p in package.rglob("*.json"))
    assert files == sorted(p.relative_to(mirror) for p in mirror.rglob("*.json"))
    for rel in files:
        assert (package / rel).read_bytes() == (mirror / rel).read_bytes(), rel
    for name, doc in schema_documents().items():
        assert json.loads((package / f"{name}.json").read_text()) == doc
