"""Real stories that the afternoon's pre-modifier, street and person-first rules left unlocated
(review of issue #16's sixth round): each reads as it did before those rules."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import make_item


def tag(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], dict[str, str]]:
    result = tagger.tag(make_item(headline, body))
    return result.regions, {e.text: e.rule.removesuffix("+subject") for e in result.evidence}


@pytest.mark.parametrize(
    ("body", "region"),
    [
        (
            "The India-Pakistan truce held for a fourth day on Wednesday, army officers said, "
            "after days of firing across the frontier.",
            "asia-pacific",
        ),
        (
            "Russia-Ukraine peace talks will restart next month, a foreign ministry official "
            "said on Monday.",
            "europe",
        ),
    ],
)
def test_a_pair_of_countries_alone_locates_their_joint_event(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, rules = tag(tagger, "Talks and truce", body)
    assert regions == [region]
    assert set(rules.values()) == {"pair"}  # still no place mention of its own


@pytest.mark.parametrize(
    ("body", "region"),
    [
        (
            "A bus overturned on a mountain road on Sunday, killing six passengers, "
            "Iran media reported.",
            "middle-east",
        ),
        (
            "The Brazil economy expanded 2.9% last year, the national statistics office "
            "said on Thursday.",
            "americas",
        ),
        (
            "The India space agency launched a lunar probe on Friday, its second mission "
            "this year.",
            "asia-pacific",
        ),
    ],
)
def test_a_backdrop_noun_alone_still_locates_the_story(
    tagger: GeoTagger, body: str, region: str
) -> None:
    regions, rules = tag(tagger, "News of the day", body)
    assert regions == [region]
    assert set(rules.values()) == {"backdrop"}


def test_a_market_instrument_alone_still_locates_nothing(tagger: GeoTagger) -> None:
    body = "Gold edged higher on Tuesday as the US dollar eased, traders said."
    regions, rules = tag(tagger, "Gold firms", body)
    assert regions == []
    assert rules == {"US": "market"}


@pytest.mark.parametrize(
    ("headline", "body", "region"),
    [
        (
            "Shoppers evacuated",
            "Smoke filled the Dubai Mall on Friday, forcing hundreds of shoppers outside, "
            "police said.",
            "middle-east",
        ),
        (
            "China Mall Traffic Falls As Consumers Save",
            "Footfall at shopping centres dropped 6% in November, a retail association said.",
            "asia-pacific",
        ),
        (
            "Texas Park Rangers Find Missing Camper",
            "Rangers found a camper missing since Thursday, officials said on Saturday.",
            "americas",
        ),
    ],
)
def test_a_place_before_a_street_noun_with_nothing_else_named_is_the_place(
    tagger: GeoTagger, headline: str, body: str, region: str
) -> None:
    regions, rules = tag(tagger, headline, body)
    assert regions == [region]
    assert "street-name" not in rules.values()


def test_a_street_named_after_a_world_city_in_a_local_story_stays_a_street(
    tagger: GeoTagger,
) -> None:
    body = "Crews in Ohio closed Bordeaux Street on Monday after a water main broke."
    regions, rules = tag(tagger, "Water main breaks", body)
    assert regions == ["americas"]
    assert rules["Bordeaux"] == "street-name"


def test_a_first_name_after_a_place_preposition_is_the_place_again(tagger: GeoTagger) -> None:
    body = (
        "Paris Hilton opened a restaurant in Paris on Tuesday, a publicist said. The "
        "restaurant near the Eiffel Tower in Paris seats 60."
    )
    result = tagger.tag(make_item("Celebrity opens restaurant", body))
    assert result.regions == ["europe"]
    assert "person-first" not in {e.rule for e in result.evidence}
    # In a subject or possessive position the bare first name is still the person.
    body = "Paris Hilton opened a restaurant on Tuesday. Paris said the menu was her own."
    result = tagger.tag(make_item("Celebrity opens restaurant", body))
    assert result.regions == []
    assert [e.rule for e in result.evidence if e.text == "Paris"] == ["name-part", "person-first"]


def test_a_county_qualified_by_a_canadian_province_is_canadian(tagger: GeoTagger) -> None:
    body = "A barn burned down in Cumberland County, N.S., on Friday night, firefighters said."
    result = tagger.tag(make_item("Barn fire", body))
    assert result.regions == ["americas"]
    assert [(e.text, e.country) for e in result.evidence] == [("Cumberland County", "CA")]
    # Unqualified, the county of that name is still read as the US one.
    result = tagger.tag(make_item("Barn fire", body.replace(", N.S.,", "")))
    assert [(e.text, e.country) for e in result.evidence] == [("Cumberland County", "US")]


def test_a_small_town_dateline_reads_its_province_with_a_key(tagger: GeoTagger) -> None:
    hits = tagger._dateline_fallback("Middlesex Centre, Ont.")
    assert [(h.term.kind, h.term.countries, h.term.key) for h in hits] == [
        ("state", ("CA",), "ont")
    ]
