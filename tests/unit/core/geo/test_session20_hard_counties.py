"""Session 20 (issue #16, hgeo29): an English county named like a bigger town abroad (Norfolk,
Suffolk, Kent) closing an address, "Blakeney Point, Norfolk", is the county
(``county_towns.tsv``, rule ``county``); in a list of towns or with a state after it, it stays
the town abroad. Sentences written for these tests, in a British local paper's layout and a
US one's."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import county_address

from .conftest import read


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("a seal found at Blakeney Point, Norfolk, by walkers", "Norfolk", True),
        ("the pier at Southwold, Suffolk.", "Suffolk", True),
        ("a bakery in Margate, Kent is closing", "Kent", True),
        # a list of Virginia cities
        ("in Chesapeake, Norfolk and Suffolk", "Norfolk", False),
        ("in Portsmouth, Suffolk, Chesapeake and Hampton", "Suffolk", False),
        # no place's name before the comma
        ("he said, Norfolk was dry", "Norfolk", False),
    ],
)
def test_county_address(text: str, name: str, expected: bool) -> None:
    start = text.index(name)
    assert county_address(text, start, start + len(name)) is expected


def test_a_county_address_places_a_wildlife_story(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Walkers help stranded seal pup back to the water",
        "A grey seal pup stranded on the shingle at Salthouse Heath, Norfolk, on Sunday was "
        "carried back to the sea by walkers and volunteer wardens.\n\nThe pup had been "
        "separated from its mother by a high tide, a warden said.",
    )
    assert regions == ["europe"]
    assert ("Norfolk", "county", "GB") in {(t, r, c) for t, r, c, _w in evidence}


def test_a_virginia_list_stays_american(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Port cities brace for storm surge",
        "Officials in Chesapeake, Norfolk and Suffolk, Virginia, urged residents of low-lying "
        "streets to move their cars before the storm surge.",
    )
    assert "europe" not in regions
    assert all(r != "county" for _t, r, _c, _w in evidence)


def test_a_state_after_the_town_keeps_it(tagger: GeoTagger) -> None:
    _regions, evidence = read(
        tagger,
        "Shipyard hires 500",
        "The shipyard in Portsmouth, Norfolk, Va., will hire 500 welders this year, the "
        "company said.",
    )
    assert all(r != "county" for _t, r, _c, _w in evidence)
