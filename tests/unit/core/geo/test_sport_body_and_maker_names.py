"""Words of sports copy that GeoNames holds as towns (issue #16, session 33, hgeo90, probe a90):

- "Confederation" (a part of Saskatoon, CA, in GeoNames' city list) is the sports body or
  competition ("CAF Confederation Cup", "Confederation of African Football"), Poland's party or
  the Swiss Confederation: stop-listed like "Nice" or "Mobile", it counts only with other
  evidence of Canada or as a dateline (a90-013 had read it as a Canadian city at headline weight);
- bare "Toyota" is the carmaker, its cars and its racing team, not Toyota City (Aichi), which
  copy writes with its noun (a90-017, the Safari Rally, had read the Toyota driver as Japan).

Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import read


def countries_of(evidence: list[tuple[str, str, str, float]], text: str) -> set[str]:
    return {iso for name, _, iso, weight in evidence if name == text and weight > 0}


def test_a_confederation_cup_is_no_canadian_city(tagger: GeoTagger) -> None:
    body = (
        "Enyimba drew 1-1 away to Horoya in Conakry on Sunday in the first leg of their "
        "Confederation Cup tie, and the Confederation of African Football fixed the return "
        "leg in Aba for next week."
    )
    regions, evidence = read(tagger, "Enyimba hold Horoya in Confederation Cup", body)
    assert not countries_of(evidence, "Confederation")
    assert regions == ["africa"]


def test_confederation_still_counts_in_a_canadian_story(tagger: GeoTagger) -> None:
    body = (
        "Saskatoon police closed a road near Confederation on Tuesday after a water main broke, "
        "the city of Saskatoon in Saskatchewan, Canada, said."
    )
    regions, _ = read(tagger, "Water main breaks in Saskatoon", body)
    assert regions == ["americas"]


def test_a_toyota_driver_is_no_japanese_town(tagger: GeoTagger) -> None:
    body = (
        "Kenya's rally fans cheered in Naivasha on Sunday as the Toyota driver Mika Laine won "
        "the Safari Rally by 40 seconds from Japan's Kenji Sato. It was Toyota's third win in "
        "Kenya, and a Toyota Hilux led the support crews home through Hell's Gate."
    )
    regions, evidence = read(tagger, "Laine wins Safari Rally at Naivasha", body)
    assert not countries_of(evidence, "Toyota")
    assert regions[0] == "africa" and "asia-pacific" not in regions


def test_toyota_city_is_still_the_town(tagger: GeoTagger) -> None:
    body = "The carmaker will open a battery research centre in Toyota City next spring."
    regions, evidence = read(tagger, "New battery centre for Toyota City", body)
    assert countries_of(evidence, "Toyota City") == {"JP"}
    assert regions == ["asia-pacific"]
