"""JSON Schemas of the canonical item and the raw envelope, and cheap validation.

The schema files live once, as package data under ``streams/data/schemas/``;
``schemas/`` at the repository root mirrors them (a unit test keeps both equal).
Validators are compiled once per process. The hot path is jsonschema-rs (Rust,
draft 2020-12, a few microseconds per item); the pure-Python ``jsonschema`` only
runs when a document fails, to word the error, or when jsonschema-rs is missing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from streams.errors import SchemaViolation

_rs: Any
try:
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - the pure-Python validator still works
    _rs = None

#: name → file under streams/data/schemas/.
SCHEMA_FILES: dict[str, str] = {
    "wire-item/1": "wire-item/1.json",
    "raw-envelope/1": "raw-envelope/1.json",
}
ITEM_SCHEMA = "wire-item/1"
ENVELOPE_SCHEMA = "raw-envelope/1"


@cache
def schema_documents() -> dict[str, dict[str, Any]]:
    """Every published schema, by name (e.g. ``"wire-item/1"``)."""
    base = resources.files("streams").joinpath("data/schemas")
    out: dict[str, dict[str, Any]] = {}
    for name, path in SCHEMA_FILES.items():
        out[name] = json.loads(base.joinpath(path).read_text("utf-8"))
    return out


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = schema_documents()[name]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast(name: str) -> Any:
    if _rs is None:  # pragma: no cover
        return _validator(name)
    return _rs.Draft202012Validator(schema_documents()[name])


def _validate(name: str, doc: Any) -> None:
    if _fast(name).is_valid(doc):
        return
    validator = _validator(name)
    error = best_match(validator.iter_errors(doc))
    if error is None:  # the two validators disagree; trust the stricter one
        raise SchemaViolation(f"{name} schema violated (jsonschema-rs rejected the document)")
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    raise SchemaViolation(f"{name} schema violated at {where}: {error.message}")


def validate_item(doc: Mapping[str, Any]) -> None:
    """Check one ``WireItem.to_json()`` document; raises SchemaViolation."""
    _validate(ITEM_SCHEMA, doc)


def validate_envelope(headers: Mapping[str, str]) -> None:
    """Check decoded raw-envelope headers; raises SchemaViolation."""
    _validate(ENVELOPE_SCHEMA, dict(headers))
