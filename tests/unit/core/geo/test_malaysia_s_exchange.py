"""Malaysia's stock exchange is not the Turkish city of Bursa (session 34, hgeo92, probe a92-022).

"Bursa" is Malay for exchange: Bursa Malaysia, its derivatives arm and its holding company
(``Bursa Malaysia Derivatives``, ``Bursa Malaysia Bhd``) open every Malaysian market and palm oil
report. Read as Turkey's fourth city, at a headline subject's weight, "Bursa Malaysia" made a
listing story in Kuala Lumpur a middle-east one too. The exchange's name stands for Malaysia
(``metonyms.tsv``, beside ``KLCI``); bare "Bursa" stays the city.
"""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_the_exchange_is_malaysia_s_not_turkey_s(tagger: GeoTagger) -> None:
    body = (
        "The benchmark palm oil contract for June delivery on Bursa Malaysia Derivatives "
        "gained 35 ringgit, or 0.82%, to 4,277 ringgit a metric ton by the midday break."
    )
    _, regions, rules = tagged(tagger, "Bursa Malaysia palm oil futures rise", body)
    assert regions == ["asia-pacific"]
    assert rules["Bursa Malaysia"] == "metonym"
    assert "Bursa" not in rules


def test_the_exchange_alone_locates_a_listing_story(tagger: GeoTagger) -> None:
    body = "Bursa Malaysia Bhd said two companies would list on its main market next month."
    _, regions, _ = tagged(tagger, "Bursa Malaysia welcomes new listings", body)
    assert regions == ["asia-pacific"]


def test_the_turkish_city_is_still_the_city(tagger: GeoTagger) -> None:
    body = "Firefighters battled a blaze at a textile factory in Bursa on Tuesday."
    _, regions, rules = tagged(tagger, "Factory fire in Bursa", body)
    assert regions == ["middle-east"]
    assert rules["Bursa"].startswith("city")


def test_a_bare_bursa_after_the_full_name_is_the_exchange(tagger: GeoTagger) -> None:
    """Session 35, hgeo96: the headline's short name of the exchange the body names in full."""
    body = (
        "Shares on Bursa Malaysia closed higher on Friday as plantation stocks gained, with "
        "the benchmark index up 0.4% in Kuala Lumpur."
    )
    _, regions, rules = tagged(tagger, "Bursa ends week higher on plantation gains", body)
    assert regions == ["asia-pacific"]
    assert rules["Bursa"] == "firm"


def test_bursa_as_a_place_in_an_exchange_story_stays_the_city(tagger: GeoTagger) -> None:
    body = (
        "The Turkish carmaker, listed on Bursa Malaysia last year, opened a plant in Bursa "
        "on Monday."
    )
    _, _, rules = tagged(tagger, "Carmaker opens plant", body)
    assert rules["Bursa"].startswith("city")
