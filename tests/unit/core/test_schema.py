from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from streams import jsonio
from streams.core import model
from streams.core.dedup import Deduper, MemoryStore
from streams.core.geo import GeoResult
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
from streams.core.pipeline import Pipeline, _evidence_valid
from streams.core.schema import schema_documents, validate_envelope, validate_item
from streams.core.topics import Topics
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


# -- the evidence objects, checked by type (issue #17) ----------------------------------------
class _Tagger:
    def tag(self, item: WireItem) -> GeoResult:
        return GeoResult([], [], [])


class _Str(str):
    pass


class _Int(int):
    pass


class _Float(float):
    pass


_TEXTS = ["Chile", "", "\ud800", "é", _Str("x"), 1, None]
_OFFSETS = [0, 7, -1, 2**70, -(2**70), True, False, 1.0, 2.5, _Int(3), "3", None]
_WEIGHTS = [0.5, 1, -2.0, 0.0, 2**70, float("nan"), float("inf"), -float("inf"), True]
_WEIGHTS += [_Float(1.0), _Int(2), "1", None, 1e308]


def _outcome(run: Callable[[], bytes]) -> tuple[str, str, bytes]:
    """What encoding gave: its bytes, or the kind of error it raised and its message."""
    try:
        return "ok", "", run()
    except Exception as exc:
        return type(exc).__name__, str(exc), b""


def _evidence(values: tuple[object, ...]) -> Evidence | None:
    """An entry of these values, or ``None`` where the compiled class refuses them (mypyc
    checks a typed attribute's type on construction; interpreted, anything is kept)."""
    try:
        return Evidence(*values)  # type: ignore[arg-type]
    except TypeError:
        return None


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_TEXTS),
            st.sampled_from(_TEXTS),
            st.sampled_from(_OFFSETS),
            st.sampled_from(_OFFSETS),
            st.sampled_from(_TEXTS),
            st.sampled_from(_TEXTS),
            st.sampled_from(_WEIGHTS),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_evidence_checked_by_type_decides_as_the_schema(
    entries: list[tuple[object, ...]],
) -> None:
    """``Pipeline.encode`` checks the evidence objects by their types and validates the rest:
    over entries of every type the schema tells apart (subclasses, bools, NaN, infinities,
    negative and huge numbers, lone surrogates), it encodes or refuses exactly as validating
    the whole document did, with the same error."""
    built = [_evidence(values) for values in entries]
    assume(all(e is not None for e in built))
    evidence = [e for e in built if e is not None]

    pipe = Pipeline(
        Topics("wire", ("x",)), _Tagger(), Deduper(MemoryStore()), validator=validate_item
    )
    item = _full_item()
    item.ext.evidence = evidence

    def whole() -> bytes:
        doc = item.to_json()
        validate_item(doc)
        return jsonio.dumps(doc)

    assert _outcome(lambda: pipe.encode(item)) == _outcome(whole)
    if _evidence_valid(evidence):  # what the check lets through, the schema accepts
        validate_item(item.to_json())


def test_the_validator_sees_no_evidence_objects_the_types_vouch_for() -> None:
    """Typed entries are not validated again by the schema (about 70% of its work an item):
    the validator is given the document with an empty list in their place, and the encoded
    document still carries them in their place. An entry the types do not vouch for (a bool
    offset) is validated with the rest."""
    seen: list[object] = []

    def spy(doc: dict[str, object]) -> None:
        ext = doc["wirestream"]
        assert isinstance(ext, dict)
        seen.append(list(ext["evidence"]))
        validate_item(doc)

    pipe = Pipeline(Topics("wire", ("x",)), _Tagger(), Deduper(MemoryStore()), validator=spy)
    item = _full_item()
    item.ext.evidence = [
        Evidence("Santiago", "body", 0, 8, "place", "CL", 0.75),
        Evidence("Chile", "headline", 3, 8, "country", "CL", 2),
    ]
    value = pipe.encode(item)
    assert seen == [[]]
    assert value == jsonio.dumps(item.to_json())
    assert list(json.loads(value)["wirestream"])[:4] == ["format", "focus", "evidence", "signals"]
    assert json.loads(value)["wirestream"]["evidence"][1]["weight"] == 2

    seen.clear()
    item.ext.evidence = [Evidence("Chile", "headline", 3, 8, "country", "CL", float("nan"))]
    with pytest.raises(SchemaViolation, match="wire-item/1"):
        pipe.encode(item)
    assert seen and seen[0] != []
