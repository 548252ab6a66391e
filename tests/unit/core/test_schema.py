from __future__ import annotations

import json
import math
import random
import struct
import sys
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
from streams.core.pipeline import Pipeline
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
_WEIGHTS: list[object] = [0.5, 1, -2.0, 0.0, 2**70, float("nan"), float("inf"), -float("inf"), True]
_WEIGHTS += [_Float(1.0), _Int(2), "1", None, 1e308, -sys.float_info.max, 5e-324, -0.0]


def _outcome(run: Callable[[], bytes]) -> tuple[str, str, bytes]:
    """What encoding gave: its bytes, or the kind of error it raised and its message."""
    try:
        return "ok", "", run()
    except Exception as exc:
        return type(exc).__name__, str(exc), b""


_CODES = ["CL", "cl", "C", "CLX", "C1", "\u0130L", "ÉL", _Str("CL"), 7, None]
_SHAS = ["a" * 64, "A" * 64, "a" * 63, "a" * 63 + "g", "a" * 64 + "\n", _Str("a" * 64), None]
_SHAS += ["0f" * 32, "a" * 63 + "F", "é" * 64, "a" * 62 + "é", "\ud800" * 64, "a" * 63 + "\x00"]
_INDEXES = [0, 3, -1, True, 2.0, _Int(1), None]
_OPTIONAL = ["x", None, _Str("x"), 0]


def _made(kind: Callable[..., object], values: tuple[object, ...]) -> object | None:
    """An object of these values, or ``None`` where the compiled class refuses them (mypyc
    checks a typed attribute's type on construction; interpreted, anything is kept)."""
    try:
        return kind(*values)
    except TypeError:
        return None


_ENTRY = st.tuples(
    st.sampled_from(_TEXTS),
    st.sampled_from(_TEXTS),
    st.sampled_from(_OFFSETS),
    st.sampled_from(_OFFSETS),
    st.sampled_from(_TEXTS),
    st.sampled_from(_TEXTS),
    st.sampled_from(_WEIGHTS),
)
_FOCUS = st.tuples(st.sampled_from(_CODES), st.sampled_from(_WEIGHTS), st.sampled_from(_TEXTS))
_LINEAGE = st.tuples(
    st.sampled_from(_TEXTS),
    st.sampled_from(_OFFSETS),
    st.sampled_from(_OFFSETS),
    st.sampled_from(_INDEXES),
    st.sampled_from(_SHAS),
    st.sampled_from(_OPTIONAL),
    st.sampled_from(_TEXTS),
    st.sampled_from(_OPTIONAL),
)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(_ENTRY, max_size=3),
    st.lists(_FOCUS, max_size=2),
    st.one_of(st.none(), _LINEAGE),
    st.booleans(),
)
def test_typed_parts_checked_by_type_decide_as_the_schema(
    entries: list[tuple[object, ...]],
    focus: list[tuple[object, ...]],
    lineage: tuple[object, ...] | None,
    plain: bool,
) -> None:
    """``Pipeline.encode`` vouches for the evidence, focus and lineage objects by their values'
    types and validates the rest: over values of every type the schema tells apart
    (subclasses, bools, NaN, infinities, negative and huge numbers, lone surrogates, cased
    and short codes, digests with a newline), it encodes or refuses exactly as validating the
    whole document did, with the same error; and what the types vouch for, the schema takes."""
    built = [_made(Evidence, values) for values in entries]
    focused = [_made(Focus, values) for values in focus]
    lin = None if lineage is None else _made(Lineage, lineage)
    assume(None not in built and None not in focused and (lineage is None or lin is not None))
    pipe = Pipeline(
        Topics("wire", ("x",)), _Tagger(), Deduper(MemoryStore()), validator=validate_item
    )
    item = _full_item()
    item.ext.evidence = built  # type: ignore[assignment]
    item.ext.focus = focused  # type: ignore[assignment]
    item.ext.lineage = lin  # type: ignore[assignment]
    if plain:  # nothing else in the document
        item = WireItem(uri="urn:x", ext=item.ext)

    def whole() -> bytes:
        doc = item.to_json()
        validate_item(doc)
        return jsonio.dumps(doc)

    assert _outcome(lambda: pipe.encode(item)) == _outcome(whole)
    doc, typed = item.to_json_typed()
    assert repr(doc) == repr(item.to_json())  # NaN is not equal to itself
    if typed:  # what the types vouch for, the schema takes (the rest is valid here)
        validate_item(doc)


def test_the_validator_sees_none_of_the_objects_the_types_vouch_for() -> None:
    """Typed evidence, focus and lineage are not validated again by the schema (about 80% of
    its work an item): the validator is given ``wirestream`` without them (empty lists, no
    lineage), and the encoded document still carries them in their places. A value the
    types do not vouch for (a NaN weight) sends the whole document to the validator."""
    seen: list[dict[str, object]] = []

    def spy(doc: dict[str, object]) -> None:
        ext = doc["wirestream"]
        assert isinstance(ext, dict)
        seen.append(dict(ext))
        validate_item(doc)

    pipe = Pipeline(Topics("wire", ("x",)), _Tagger(), Deduper(MemoryStore()), validator=spy)
    item = _full_item()
    item.ext.evidence = [
        Evidence("Santiago", "body", 0, 8, "place", "CL", 0.75),
        Evidence("Chile", "headline", 3, 8, "country", "CL", 2),
    ]
    value = pipe.encode(item)
    [ext] = seen
    assert ext["evidence"] == [] and ext["focus"] == [] and "lineage" not in ext
    assert value == jsonio.dumps(item.to_json())
    out = json.loads(value)["wirestream"]
    assert list(out)[:5] == ["format", "focus", "evidence", "signals", "lineage"]
    assert out["evidence"][1]["weight"] == 2 and out["focus"][0]["country"] == "CL"

    seen.clear()
    item.ext.evidence = [Evidence("Chile", "headline", 3, 8, "country", "CL", float("nan"))]
    with pytest.raises(SchemaViolation, match="wire-item/1"):
        pipe.encode(item)
    assert seen and seen[0]["evidence"] != [] and "lineage" in seen[0]


@given(st.one_of(st.floats(), st.integers(), st.booleans(), st.text(max_size=3)))
def test_number_test_is_an_exact_int_or_a_finite_float(value: object) -> None:
    """``_number`` by arithmetic on the float tells what ``math.isfinite`` told."""
    expected = math.isfinite(value) if type(value) is float else type(value) is int
    assert model._number(value) is expected
    assert model._number(_Float(1.0)) is False and model._number(_Int(1)) is False


@given(
    st.one_of(
        st.text(alphabet="0123456789abcdefABCDEFgé\n \x00\ud800", min_size=60, max_size=66),
        st.sampled_from(_SHAS),
        st.integers(),
    )
)
def test_digest_test_is_64_lowercase_hex_digits(sha: object) -> None:
    """``_digest`` by deleting the hex digits of the ASCII bytes tells what stripping them
    from the text told, on any text (non-ASCII, lone surrogates, cased, blank)."""
    expected = type(sha) is str and len(sha) == 64 and not sha.strip("0123456789abcdef")
    assert model._digest(sha) is expected


def _evidence_values(rng: random.Random) -> list[object]:
    """One evidence object's seven fields, drawn across what the native writer writes."""
    alphabet = 'ab "\\/\u00e9\u00fc\u2028\u4e2d\U0001f600\x7fZ0'
    text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
    scale = 10.0 ** rng.uniform(-4, 15)
    weight = rng.choice(
        [
            0.0,
            -0.0,
            1e-4,
            math.nextafter(1e15, 0),
            rng.choice([1.0, -1.0]) * min(scale, math.nextafter(1e15, 0)),
            round(rng.uniform(0, 10), 3),
            rng.randrange(-5, 50),
        ]
    )
    start = rng.choice([0, rng.randrange(0, 10**6), 2**63 - 4, -(2**63)])
    return [text, rng.choice(["body", "headline"]), start, start + 3, "place", "FR", weight]


def _long_float(value: object) -> bool:
    """A float whose shortest digits are over 15 (the native writer leaves it to orjson)."""
    if type(value) is not float:
        return False
    return len(repr(abs(value)).replace(".", "").lstrip("0").split("e")[0]) > 15


def test_the_native_evidence_array_is_what_orjson_writes_of_the_dicts() -> None:
    """``wirestream_native.evidence_json`` (stage 1's evidence as an ``orjson.Fragment``,
    session 34) writes, byte for byte, what ``jsonio.dumps`` writes of the evidence dicts:
    escaped quotes and backslashes, UTF-8 as is, 64-bit ints, floats of magnitude 1e-4 to
    1e15 by their shortest digits. Any other value is ``None`` (the dicts are written)."""
    native = pytest.importorskip("wirestream_native")
    if not hasattr(native, "evidence_json"):
        pytest.skip("an extension built before session 34 (no evidence_json)")
    keys = ("text", "field", "start", "end", "rule", "country", "weight")
    rng = random.Random(34)
    written = 0
    for n in [0, 1, 2, 3, *range(4, 40)] * 60:
        flat = [v for _ in range(n) for v in _evidence_values(rng)]
        dicts = [dict(zip(keys, flat[at : at + 7], strict=True)) for at in range(0, len(flat), 7)]
        got = native.evidence_json(flat)
        # None only for a float of over 15 significant digits (a tie two writers may break
        # apart: 124091345337589.12 was ...13 by Rust's own formatting), else orjson's bytes.
        assert got == jsonio.dumps(dicts) or (got is None and any(_long_float(v) for v in flat))
        written += got is not None
    assert written > 150  # of 2,580 (most lists draw a long float somewhere)
    # What geo writes (scores rounded to thousandths, small ints) always goes natively.
    for weight in [0.0, -0.0, 1e-4, 0.6, 1.8, 4.5, 3.0, 123456.789, *range(-3, 30)]:
        flat = ["x", "body", 0, 1, "place", "FR", weight]
        assert native.evidence_json(flat) == jsonio.dumps([dict(zip(keys, flat, strict=True))])
    for _ in range(20_000):
        weight = round(rng.uniform(0, 1000), rng.randrange(0, 7))
        flat = ["x", "body", 0, 1, "place", "FR", weight]
        assert native.evidence_json(flat) == jsonio.dumps([dict(zip(keys, flat, strict=True))])
    for _ in range(20_000):  # any float: never bytes that differ
        weight = struct.unpack("<d", rng.randbytes(8))[0]
        flat = ["x", "body", 0, 1, "place", "FR", weight]
        got = native.evidence_json(flat)
        if got is not None:
            assert got == jsonio.dumps([dict(zip(keys, flat, strict=True))]), weight
    good = _evidence_values(rng)
    for at, bad in [
        (0, "a\nb"),
        (0, "\x00"),
        (0, "\x1f"),
        (0, "\ud800"),  # a lone surrogate: orjson refuses it
        (2, True),
        (2, 2**63),
        (2, -(2**63) - 1),
        (6, 9.999e-5),
        (6, 1e15),
        (6, 1e300),
        (6, -1e-300),
        (6, math.nan),
        (6, math.inf),
        (6, None),
        (0, type("Sub", (str,), {})("x")),
        (2, type("SubInt", (int,), {})(3)),
        (6, type("SubFloat", (float,), {})(1.0)),
    ]:
        flat = list(good)
        flat[at] = bad
        assert native.evidence_json(flat) is None, (at, bad)
        assert native.evidence_json(good + flat) is None, (at, bad)
    assert native.evidence_json(good[:6]) is None
    assert native.evidence_json(good + good[:1]) is None


def test_the_native_evidence_array_repeats_shared_objects_and_finds_escapes_anywhere() -> None:
    """Session 35: the writer copies a slot's bytes again when its value is the same object as
    that slot's last (an item's fields, rules, countries and weights are shared objects), and
    looks for bytes to escape eight at a time. Lists drawn from a small pool of objects, the
    same ones in several slots, and a quote, a backslash or a control character at every
    offset of strings up to 40 bytes (after ASCII, two-byte and three-byte characters) are
    written as orjson writes their dicts, or ``None`` for a control character."""
    native = pytest.importorskip("wirestream_native")
    if not hasattr(native, "evidence_json"):
        pytest.skip("an extension built before session 34 (no evidence_json)")
    keys = ("text", "field", "start", "end", "rule", "country", "weight")
    rng = random.Random(35)
    texts = ['Paris "x"', "Lyon", "S\\o", "\u00e9tat", "a" * 17, 'b"' * 9, "FR", "body"]
    numbers: list[object] = [0, 3, 10**6, 2**40, 0.6, 1.8, 0.125, 4.5, -2.0]
    pool = texts + numbers
    for n in range(1, 30):
        for _ in range(40):
            flat = [rng.choice(pool) for _ in range(7 * n)]
            dicts = [
                dict(zip(keys, flat[at : at + 7], strict=True)) for at in range(0, len(flat), 7)
            ]
            assert native.evidence_json(flat) == jsonio.dumps(dicts), flat
    for lead in ("", "a", "\u00e9", "\u4e2d", "\x7f#[]!"):
        for size in range(0, 41):
            for at in range(size):
                for odd in ('"', "\\", "\n", "\x00", "\x1f", " ", "\x7f", "\u00a2", "\u2028"):
                    text = (lead + "y" * size)[:size]
                    text = text[:at] + odd + text[at + 1 :]
                    flat = [text, "body", 0, 1, text, "FR", 1.0] * 2
                    got = native.evidence_json(flat)
                    if odd in ("\n", "\x00", "\x1f"):
                        assert got is None, repr(text)
                    else:
                        dicts = [dict(zip(keys, flat[:7], strict=True))] * 2
                        assert got == jsonio.dumps(dicts), repr(text)


def test_stage_one_writes_the_same_document_with_the_evidence_written_natively() -> None:
    """``Pipeline.encode`` (``to_json_typed(fragments=True)``) writes exactly the bytes of the
    dicts' document, whether the evidence went natively, or to dicts for a value the native
    writer leaves (a control character) or for an untyped document (a NaN weight, which the
    validator then refuses as before)."""
    pipe = Pipeline(Topics("wire", ("x",)), _Tagger(), Deduper(MemoryStore()))
    item = _full_item()
    for evidence in (
        [Evidence("Santiago", "body", 0, 8, "place", "CL", 0.75)] * 3,
        [Evidence('S "x" \\ \u00e9', "headline", 4, 9, "dateline", "CL", 3.0)],
        [Evidence("a\tb", "body", 0, 3, "place", "CL", 1.0)],
        [Evidence("Lima", "body", 0, 4, "place", "PE", 1e-5)],
        [],
    ):
        item.ext.evidence = evidence
        assert pipe.encode(item) == jsonio.dumps(item.to_json())
        doc, typed = item.to_json_typed(fragments=True)
        assert typed
        if evidence and model._EVIDENCE_JSON is not None:
            written = doc["wirestream"]["evidence"]
            assert isinstance(written, list) or type(written).__name__ == "Fragment"
    item.ext.evidence = [Evidence("Lima", "body", 0, 4, "place", "PE", math.nan)]
    doc, typed = item.to_json_typed(fragments=True)
    assert not typed  # the validator reads the whole document: the evidence as dicts
    assert [type(e) for e in doc["wirestream"]["evidence"]] == [dict]
