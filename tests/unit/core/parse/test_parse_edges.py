"""Valid input at the edges of the number and date ranges: routed, never an error."""

from __future__ import annotations

from collections.abc import Callable

import orjson
import pytest

from streams.core.model import RawMessage
from streams.core.parse import parse
from streams.core.parse.build import MAX_VERSION
from streams.core.parse.dates import to_iso
from streams.core.schema import validate_item

Raw = Callable[..., RawMessage]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0999-05-01T10:00:00Z", "0999-05-01T10:00:00Z"),
        ("0001-01-01T00:00:00", "0001-01-01T00:00:00Z"),
        ("00500101T000000Z", "0050-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ("0001-01-01T00:30:00+01:00", None),  # before the year 1 in UTC: unreadable, no date
    ],
)
def test_every_year_has_four_digits(given: str, expected: str | None) -> None:
    assert to_iso(given) == expected


def _ninjs(rawmsg: Raw, **fields: object) -> bytes:
    doc = {"uri": "u-1", "headline": "Storm hits the coast", "body_text": "A storm hit."}
    return orjson.dumps({**doc, **fields})


def test_an_item_from_before_the_year_1000_validates(rawmsg: Raw) -> None:
    [item] = parse(rawmsg(_ninjs(rawmsg, versioncreated="0999-05-01T10:00:00Z"))).items
    assert item.versioncreated == "0999-05-01T10:00:00Z"
    validate_item(item.to_json())


@pytest.mark.parametrize("version", [2**64 + 1, 10**30, 1e30, MAX_VERSION + 1])
def test_a_huge_version_is_clamped_to_the_largest_exact_json_integer(
    rawmsg: Raw, version: object
) -> None:
    value = f'{{"uri":"u-1","headline":"Storm","body_text":"A storm.","version":{version}}}'
    [item] = parse(rawmsg(value.encode())).items
    assert item.version == MAX_VERSION
    validate_item(item.to_json())
    assert orjson.loads(orjson.dumps(item.to_json()))["version"] == MAX_VERSION


def test_a_version_within_range_is_kept(rawmsg: Raw) -> None:
    [item] = parse(rawmsg(_ninjs(rawmsg, version=MAX_VERSION))).items
    assert item.version == MAX_VERSION


def test_one_desk_prefix_rule_strips_labels_only_when_asked() -> None:
    from streams.core.parse.markers import read_markers, without_desk_prefix

    # Parsers keep a desk label as sent; dedup compares headlines without it.
    assert read_markers("FLASH: Quake hits Chile").text == "FLASH: Quake hits Chile"
    assert without_desk_prefix("FLASH: Quake hits Chile") == "Quake hits Chile"
    assert without_desk_prefix("UPDATE 2-ANALYSIS-Quake hits Chile") == "Quake hits Chile"
    assert read_markers("UPDATE 2-Quake hits Chile").text == "Quake hits Chile"
