"""Adversarial review of the a17/a18 street-form rule and rows (issue #16, session 12).

Fixtures are written for these tests; none is copied from a news item.
"""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import make_item


def countries(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], dict[str, str]]:
    """Regions, and {mention: country} of the mentions that count."""
    result = tagger.tag(make_item(headline, body))
    return result.regions, {e.text: e.country for e in result.evidence if e.weight > 0}


def test_ppta_is_also_the_plasma_industry_association(tagger: GeoTagger) -> None:
    # PPTA is New Zealand's secondary teachers' union and the Plasma Protein Therapeutics
    # Association, an industry body of the US and Europe: the acronym alone is no country.
    body = (
        "The Plasma Protein Therapeutics Association, known as PPTA, said plasma collections "
        "rose 8 percent last year, and PPTA members expect more donors."
    )
    regions, found = countries(tagger, "Plasma donations rise", body)
    assert "NZ" not in found.values()
    assert "asia-pacific" not in regions


def test_inmo_is_also_the_indian_mathematical_olympiad(tagger: GeoTagger) -> None:
    # INMO is the Irish Nurses and Midwives Organisation and the Indian National Mathematical
    # Olympiad, which Indian copy names every year.
    body = "Six students who cleared the INMO will attend a training camp in Mumbai next month."
    regions, found = countries(tagger, "Olympiad results announced", body)
    assert "IE" not in found.values()
    assert regions == ["asia-pacific"]


def test_irish_nurses_by_their_full_name_still_name_ireland(tagger: GeoTagger) -> None:
    body = "The Irish Nurses and Midwives Organisation said members would strike on Tuesday."
    regions, _ = countries(tagger, "Nurses to strike", body)
    assert regions == ["europe"]


def test_the_nz_teachers_union_by_its_full_name_still_names_new_zealand(
    tagger: GeoTagger,
) -> None:
    body = "The Post Primary Teachers' Association said secondary teachers would strike."
    regions, found = countries(tagger, "Teachers to strike", body)
    assert regions == ["asia-pacific"]
    assert set(found.values()) == {"NZ"}


def test_an_indian_state_doctors_association_adds_no_sri_lanka(tagger: GeoTagger) -> None:
    # Kerala's government doctors are the Kerala Government Medical Officers' Association
    # (KGMOA): the name of Sri Lanka's GMOA is the tail of it.
    body = (
        "The Kerala Government Medical Officers' Association said doctors would boycott "
        "outpatient duty from Monday."
    )
    result = tagger.tag(make_item("Doctors to boycott duty", body))
    assert [focus.country for focus in result.focus] == ["IN"]


def test_an_expressway_named_after_a_town_runs_near_it(tagger: GeoTagger) -> None:
    # "Moscow Crescent" in Wellington is a street of another town; an expressway named after a
    # town starts from it or passes it, so the town's country stays a focus.
    body = (
        "Twelve people died when a bus hit a truck on the Agra Expressway, police said. "
        "The driver was from Nepal."
    )
    result = tagger.tag(make_item("Bus crash kills 12", body))
    assert "IN" in [focus.country for focus in result.focus]


@pytest.mark.xfail(
    strict=True,
    reason="left: 'Plaza X' is also a mall or venue in X (Plaza Indonesia, Plaza Singapura, "
    "Plaza Mexico), while Plaza Italia in Santiago is a square of Chile; street-form drops "
    "the only mention either way",
)
def test_a_mall_named_plaza_and_its_country_still_names_the_country(tagger: GeoTagger) -> None:
    body = "Shoppers fled when a fire broke out at Plaza Singapura on Monday, officials said."
    regions, _ = countries(tagger, "Fire at shopping mall", body)
    assert regions == ["asia-pacific"]


def test_a_figurative_crossing_of_two_countries_keeps_both(tagger: GeoTagger) -> None:
    # Guard of the crossing form: the word after the first name must be a capitalised word.
    body = "Rukban lies near the junction of Syria and Jordan, where the three borders meet."
    _, found = countries(tagger, "Camp cut off", body)
    assert {"SY", "JO"} <= set(found.values())


def test_a_crossing_of_a_country_s_business_world_is_no_street(tagger: GeoTagger) -> None:
    # "India Inc", "Japan Inc": a country's companies; a figurative crossing names no street.
    body = "The fund works at the intersection of Japan Inc and foreign investors, he said."
    regions, found = countries(tagger, "Fund raises money", body)
    assert regions == ["asia-pacific"]
    assert set(found.values()) == {"JP"}
