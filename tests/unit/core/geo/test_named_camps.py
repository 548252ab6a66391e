"""Camps and barracks named after a country (issue #16, session 31, hgeo85, a85-016): "Burma
Camp" is the army base in Accra, named after the Burma campaign; "Malta Barracks" stands in
England. A country's name right before "Camp" or "Barracks" names a base of the story's own town,
not news from that country, once the story names another country; with nothing else named it is
still the country. A town's name before "Camp" stays the town ("Kakuma Camp" is at Kakuma).
Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import read


def rules_of(evidence: list[tuple[str, str, str, float]], text: str) -> list[str]:
    return [rule for name, rule, _, _ in evidence if name == text]


def test_a_base_named_after_a_country_is_no_news_from_there(tagger: GeoTagger) -> None:
    body = (
        "Firefighters of the Ghana National Fire Service put out a blaze that destroyed ten "
        "stalls at the Burma Camp market on Sunday night, a spokesman told the Ghana News Agency."
    )
    regions, evidence = read(tagger, "Fire destroys stalls at Burma Camp market", body)
    assert regions == ["africa"]
    assert set(rules_of(evidence, "Burma")) == {"street-name"}


def test_barracks_named_after_a_country_stay_in_the_story_s_town(tagger: GeoTagger) -> None:
    body = (
        "Soldiers at Malta Barracks near Aldershot in England began a week of exercises on "
        "Monday, the army said."
    )
    regions, evidence = read(tagger, "Exercises begin at Malta Barracks", body)
    assert regions == ["europe"]
    assert set(rules_of(evidence, "Malta")) == {"street-name"}


def test_a_camp_after_a_country_with_nothing_else_named_is_the_country(tagger: GeoTagger) -> None:
    body = "Officials said the Burma Camp would close by the end of the year."
    regions, _ = read(tagger, "Camp to close", body)
    assert regions == ["asia-pacific"]


def test_a_camp_named_after_its_town_is_news_from_the_town(tagger: GeoTagger) -> None:
    body = "Aid agencies said food rations at Kakuma Camp in Kenya would be cut next month."
    regions, evidence = read(tagger, "Rations cut at Kakuma Camp", body)
    assert regions == ["africa"]
    assert "street-name" not in rules_of(evidence, "Kakuma")


def test_a_country_before_camp_david_is_no_base(tagger: GeoTagger) -> None:
    # "Camp David" is a name of its own, found from the noun on: the countries before it are
    # the accords' parties, not a base of the story's town (review hrev31a: the headline's
    # Egypt and the pair's Israel were held as street names, and middle-east was lost).
    body = "Officials marked the anniversary of the 1978 Egypt-Israel Camp David accords in Cairo."
    regions, evidence = read(tagger, "Egypt Camp David anniversary", body)
    assert regions == ["africa", "middle-east"]
    assert "street-name" not in rules_of(evidence, "Egypt") + rules_of(evidence, "Israel")
