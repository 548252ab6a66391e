"""A country named by an epithet or initials instead of its name (issue #16, session 31, hgeo83,
probe a83: stories naming their country only in variant forms). Each epithet here belongs to one
country; the shared ones ("the Kingdom", "the Islamic Republic", "the Gulf state") stay no
evidence. Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read


@pytest.mark.parametrize(
    ("body", "epithet", "iso", "region"),
    [
        (
            "Tens of thousands marched against the Jewish state's court overhaul on Saturday.",
            "Jewish state",
            "IL",
            "middle-east",
        ),
        ("Stateside, inflation eased to 2.9 percent in July.", "Stateside", "US", "americas"),
        ("Prices in Blighty rose faster than expected last month.", "Blighty", "GB", "europe"),
        (
            "Visitors to the Land of the Rising Sun hit a record last year, officials said.",
            "Land of the Rising Sun",
            "JP",
            "asia-pacific",
        ),
        (
            "ROK forces fired warning shots at soldiers who crossed the line.",
            "ROK",
            "KR",
            "asia-pacific",
        ),
    ],
)
def test_a_one_country_epithet_names_the_country(
    tagger: GeoTagger, body: str, epithet: str, iso: str, region: str
) -> None:
    found, evidence = read(tagger, "Report", body)
    assert found == [region]
    assert (epithet, iso) in {(text, country) for text, _, country, _ in evidence}


@pytest.mark.parametrize(
    "body",
    [
        "Rok said he would stay at the club for another season.",
        "The Kingdom will host the final in 2034, the sports minister said.",
    ],
)
def test_a_name_or_a_shared_epithet_names_no_country(tagger: GeoTagger, body: str) -> None:
    assert read(tagger, "Report", body)[0] == []


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "Jewish state school changes admissions",
            "JFS, the Jewish state school in north London, said on Monday it would change its "
            "admissions policy.",
        ),
        (
            "Funding for faith schools",
            "The government will give more money to Jewish state schools, the education "
            "secretary told parliament in London.",
        ),
    ],
)
def test_a_jewish_state_school_is_no_israel(tagger: GeoTagger, headline: str, body: str) -> None:
    # "Jewish state" before "school(s)" is a state-funded Jewish school in Britain, not the
    # epithet of Israel (review hrev31a: both read middle-east only).
    found, evidence = read(tagger, headline, body)
    assert found == ["europe"]
    assert "IL" not in {country for _, _, country, weight in evidence if weight}
