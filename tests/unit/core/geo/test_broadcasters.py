"""Broadcasters named after their country (issue #16, session 33, hgeo89, a89-014): "a rescuer
stuck in Paris told Radio France" names the station a French aid group spoke to, not a place of
an earthquake in Morocco. `nonplaces.txt` already hid `France 24`, `Voice of America`, `Radio
Free Europe` and `Deutsche Welle`; "Radio France" read as France, a country mention at full
weight. Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


@pytest.mark.parametrize(
    ("station", "country"),
    [
        ("Radio France", "FR"),
        ("Radio France Internationale", "FR"),
        ("France Inter", "FR"),
        ("France Info", "FR"),
        ("Radio New Zealand", "NZ"),
        ("Radio Australia", "AU"),
        ("Radio Canada International", "CA"),
    ],
)
def test_a_station_named_after_a_country_is_no_place(
    tagger: GeoTagger, station: str, country: str
) -> None:
    body = (
        f"Survivors spent a second night outdoors in Marrakesh, an aid worker told {station} on "
        f"Sunday. {station} said the interior ministry in Rabat had raised the toll again."
    )
    regions, evidence = read(tagger, "Quake survivors sleep outdoors in Morocco", body)
    assert regions == ["africa"]
    assert [t for t, _, _, w in evidence if w and station.endswith(t)] == []
    assert country not in [c for _, _, c, w in evidence if w]


def test_the_country_named_as_a_place_still_counts(tagger: GeoTagger) -> None:
    body = (
        "Storm warnings covered much of France on Wednesday, Radio France reported, and trains "
        "were cancelled across Brittany and Normandy."
    )
    regions, evidence = read(tagger, "Storm nears France", body)
    assert regions == ["europe"]
    assert ("France", "country", "FR") in [(t, r, c) for t, r, c, _ in evidence]
