"""Streets by their form (issue #16, a17/a18 rounds): a country or city after a street word
("Avenida Brasil", "Avenida de Chile") or first in a crossing ("the intersection of Juba Spring
and Hill View") is a street, not the place, while the real town beside it still counts; a
title-case "Via", a street word opening a sentence and "in conjunction with" are no streets. Fixtures are
written for these tests; none is copied from a news item."""

from __future__ import annotations

from streams.core.geo import GeoTagger, context

from .conftest import read


def rule_of(evidence: list[tuple[str, str, str, float]], text: str) -> list[str]:
    return [rule for name, rule, _, _ in evidence if name == text]


# --- streets by their form -------------------------------------------------------------------


def test_a_country_after_a_street_word_is_a_street_not_the_country(tagger: GeoTagger) -> None:
    body = "Riot officers fired tear gas at students who had blocked Avenida Brasil for hours."
    regions, evidence = read(tagger, "Students clash with riot police", body)
    assert regions == []  # a street of some town, not Brazil
    assert rule_of(evidence, "Brasil") == ["street-form"]


def test_the_real_town_next_to_a_street_named_after_a_country_still_counts(
    tagger: GeoTagger,
) -> None:
    body = "Protesters blocked Avenida Argentina in Lima on Friday, and traffic stopped for hours."
    regions, evidence = read(tagger, "Protest blocks traffic", body)
    assert regions == ["americas"]
    assert rule_of(evidence, "Argentina") == ["street-form"]
    countries = {country for _, rule, country, weight in evidence if weight > 0}
    assert countries == {"PE"}


def test_a_street_named_after_a_city_counts_when_the_city_is_named_as_a_place(
    tagger: GeoTagger,
) -> None:
    body = (
        "Market traders on Avenida Lima said sales had halved. In Lima, the city council "
        "promised to clear the stalls by March."
    )
    regions, evidence = read(tagger, "Traders protest", body)
    assert regions == ["americas"]
    street, town = rule_of(evidence, "Lima")
    assert street == "street-form"
    assert town.startswith("city")


def test_linking_words_between_street_word_and_name(tagger: GeoTagger) -> None:
    body = "Shops along Avenida de Chile stayed shut on Monday as the strike spread."
    regions, evidence = read(tagger, "Strike shuts shops", body)
    assert regions == []
    assert rule_of(evidence, "Chile") == ["street-form"]


def test_a_title_case_via_is_no_street(tagger: GeoTagger) -> None:
    body = "Forty trucks of flour crossed the border on Sunday, officials said."
    _, evidence = read(tagger, "Aid Convoy Reaches Gaza Via Egypt", body)
    assert "street-form" not in {rule for _, rule, _, _ in evidence}
    assert "Egypt" in {text for text, _, _, weight in evidence if weight > 0}


def test_a_street_word_opening_a_sentence_is_no_street(tagger: GeoTagger) -> None:
    body = "Flights left on time. Via Dubai, the carrier now reaches twelve cities in Europe."
    _, evidence = read(tagger, "Carrier adds routes", body)
    assert rule_of(evidence, "Dubai") != ["street-form"]


def test_the_first_street_of_a_crossing_is_a_street(tagger: GeoTagger) -> None:
    body = (
        "Residents used tree trunks to block the intersection of Juba Spring and Hill View "
        "on Tuesday morning, saying the road had not been repaired in a decade."
    )
    regions, evidence = read(tagger, "Residents block road", body)
    assert regions == []  # not South Sudan
    assert rule_of(evidence, "Juba") == ["street-form"]


def test_every_corner_of_a_country_is_the_country(tagger: GeoTagger) -> None:
    body = "The campaign reached every corner of Kenya, organisers said on Sunday."
    regions, evidence = read(tagger, "Vaccination drive ends", body)
    assert regions == ["africa"]
    assert rule_of(evidence, "Kenya") != ["street-form"]


def test_in_conjunction_with_is_no_crossing(tagger: GeoTagger) -> None:
    body = "The bank said the fund was set up in conjunction with Kenya Airways last year."
    _, evidence = read(tagger, "Fund launched", body)
    assert rule_of(evidence, "Kenya") != ["street-form"]
    start = body.index("Kenya")
    assert not context.street_form(body, start, start + len("Kenya"))
    crossing = "at the junction of Kenya Road and Moi Avenue"
    start = crossing.index("Kenya")
    assert context.street_form(crossing, start, start + len("Kenya"))


def test_a_street_named_after_a_place_in_a_story_about_another_country(
    tagger: GeoTagger,
) -> None:
    body = "In Wellington, a car hit a power pole on Moscow Crescent early on Sunday."
    regions, evidence = read(tagger, "Crash cuts power", body)
    assert regions == ["asia-pacific"]
    assert rule_of(evidence, "Moscow") == ["street-name"]


def test_dotless_street_abbreviations_name_streets(tagger: GeoTagger) -> None:
    # a67-019: New Zealand and Australian copy writes "Normandy Ave", "Ohaupo Rd" without a
    # dot; the name before them is a street of the story's town, not Normandy.
    body = (
        "A crash closed Moscow Ave and Vienna Rd in Hamilton on Monday, the NZ Transport Agency "
        "said, and drivers were told to use another route."
    )
    regions, evidence = read(tagger, "Crash closes roads", body)
    assert regions == ["asia-pacific"]
    assert rule_of(evidence, "Moscow") == ["street-name"]
    assert rule_of(evidence, "Vienna") == ["street-name"]
