"""Session 20 (issue #16, a35 spent): towns GeoNames names with the municipal word "City" ("Al
Ain City", "Makati City") are read in the bare form copy writes (``places.tsv``); bare forms
that are a country or state keep that reading. Sentences written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_a_club_town_named_without_city_leads_a_final(tagger: GeoTagger) -> None:
    body = (
        "Al Ain won the second leg 3-0 in front of a full home crowd to lift the cup, "
        "after losing 2-1 in Japan a week earlier.\n\n"
        "Yokohama had their goalkeeper sent off before half-time."
    )
    regions, evidence = evidence_by_text(tagger, "Al Ain beat Yokohama to take the cup", body)
    assert evidence["Al Ain"][0] == "AE"
    assert regions[0] == "middle-east"


def test_a_philippine_city_without_city(tagger: GeoTagger) -> None:
    body = "Flooding closed roads in Makati and Pasig on Tuesday as the typhoon passed."
    regions, evidence = evidence_by_text(tagger, "Floods close roads", body)
    assert evidence["Makati"][0] == "PH"
    assert regions == ["asia-pacific"]


def test_a_bare_form_that_is_a_country_stays_the_country(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(
        tagger, "Panama expands its canal fees", "Panama raised fees for the largest ships."
    )
    assert evidence["Panama"][0] == "PA"
    assert regions == ["americas"]
