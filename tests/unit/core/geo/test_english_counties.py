"""England's shire counties and their short forms (``places.tsv``, issue #16, session 18):
English local copy names the county where it names no country.

A county named like a bigger town abroad (Norfolk, Suffolk, Kent) closing an address, "Blakeney
Point, Norfolk", is the county (``county_towns.tsv``, rule ``county``); in a list of towns or
with a state after it, it stays the town abroad (session 20, hgeo29)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.context import county_address

from .conftest import make_item, read


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    item = make_item(headline, body)
    item.language = "en"
    return tagger.tag(item).regions


def test_a_county_short_form_places_a_local_sports_story(tagger: GeoTagger) -> None:
    # Invented, in the layout of a local paper's grassroots football report.
    assert _regions(
        tagger,
        "Under-14 match abandoned after touchline row",
        "A District Youth League game was abandoned on Sunday after a row between parents, "
        "the referee said.\n\nThe league has passed his report to the Northants FA, which will "
        "decide whether to charge either club.",
    ) == ["europe"]


def test_a_shire_county_places_a_farm_story(tagger: GeoTagger) -> None:
    assert _regions(
        tagger,
        "Farm shop wins award for its sausages",
        "A family farm shop near Ludlow has won a regional food award, beating 40 entries from "
        "across Shropshire.",
    ) == ["europe"]


def test_new_hampshire_stays_american(tagger: GeoTagger) -> None:
    # The longer name wins: "New Hampshire" is the US state, not the English county.
    assert _regions(
        tagger,
        "Primary turnout beats forecasts",
        "Turnout in the New Hampshire primary beat forecasts on Tuesday, the secretary of "
        "state's office said.",
    ) == ["americas"]


def test_county_durham_is_the_english_county(tagger: GeoTagger) -> None:
    # Session 24 (hgeo55, a55-016): "County Durham" is the county's own form (places.tsv), as
    # "County Kerry" is Ireland's; Durham alone stays out of the shire block.
    assert _regions(
        tagger,
        "Homes plan approved at second attempt",
        "A plan for 20 homes in County Durham has been approved, nine months after councillors "
        "turned it down.",
    ) == ["europe"]


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
