from __future__ import annotations

from pathlib import Path

import pytest

from streams.core.geo import GeoTagger, RegionTable
from streams.core.geo.regions import DEFAULT_TABLE

from .conftest import make_item

EMEA = DEFAULT_TABLE.parent / "emea-v1.json"


def test_default_table_regions_and_documented_decisions() -> None:
    table = RegionTable.load()
    assert table.regions == ("europe", "middle-east", "africa", "asia-pacific", "americas")
    assert table.of("TR") == ("middle-east",)
    assert table.of("EG") == ("africa", "middle-east")
    assert table.of("RU") == ("europe",)
    assert table.of("GE") == ("europe",)
    assert table.of("CY") == ("europe",)
    assert table.of("KZ") == ("asia-pacific",)
    assert table.of("PK") == ("asia-pacific",)
    assert table.of("IR") == ("middle-east",)
    assert table.of("PS") == ("middle-east",)
    assert table.of("LY") == ("africa",)
    assert table.of("XK") == ("europe",)
    assert table.of("ZZ") == ()


def test_tagger_regions_follow_the_table(tagger: GeoTagger) -> None:
    assert tagger.regions == ("europe", "middle-east", "africa", "asia-pacific", "americas")
    assert "unlocated" not in tagger.regions


def test_swapped_emea_table() -> None:
    emea = GeoTagger.load(EMEA)
    assert emea.regions == ("emea", "asia-pacific", "americas")
    item = make_item(
        "Kenya and Germany sign energy deal",
        "Kenya and Germany signed an energy deal in Nairobi on Monday.",
    )
    assert emea.tag(item).regions == ["emea"]
    item = make_item("Japan's exports rise", "Japan's exports rose 4 percent in October.")
    assert emea.tag(item).regions == ["asia-pacific"]


def test_country_in_two_regions(tagger: GeoTagger, tmp_path: Path) -> None:
    item = make_item("Egypt's inflation slows", "Egypt's inflation slowed in October, data showed.")
    assert tagger.tag(item).regions == ["africa", "middle-east"]  # the default table
    raw = DEFAULT_TABLE.read_text()
    assert '"TR": ["middle-east"]' in raw
    path = tmp_path / "custom-v1.json"
    path.write_text(raw.replace('"TR": ["middle-east"]', '"TR": ["europe", "middle-east"]'))
    custom = GeoTagger.load(path)
    item = make_item(
        "Turkey's inflation slows", "Turkey's inflation slowed in October, data showed."
    )
    assert custom.tag(item).regions == ["europe", "middle-east"]
    assert tagger.tag(item).regions == ["middle-east"]


def test_unknown_region_in_table_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"name": "bad", "version": 1, "regions": ["a"], "countries": {"FR": ["b"]}}')
    with pytest.raises(ValueError, match="unknown region"):
        RegionTable.load(path)


def test_stub_tagger_from_region_names_locates_nothing() -> None:
    stub = GeoTagger(("europe", "africa"))
    assert stub.regions == ("europe", "africa")
    assert stub.tag(make_item("Kenya floods", "Floods hit Kenya.")).regions == []
