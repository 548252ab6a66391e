"""Names that are places and towns confirming each other (issue #16, a5 round)."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_two_cities_of_one_country_confirm_each_other(tagger: GeoTagger) -> None:
    body = "The night train from Nantes reached Lyon two hours late after a signal fault."
    _, regions, rules = tagged(tagger, "Night train runs late", body)
    assert regions == ["europe"]
    assert rules["Nantes"] == rules["Lyon"] == "city+confirmed"


def test_one_city_named_twice_confirms_nothing(tagger: GeoTagger) -> None:
    body = "The night train from Nantes ran late, and the return to Nantes was cancelled."
    _, regions, rules = tagged(tagger, "Night train runs late", body)
    assert regions == []
    assert rules["Nantes"] == "unconfirmed"
