"""A firm named after a country is not that country (session 33, hgeo91, tech probe a91-010).

Aruba Networks, Hewlett Packard Enterprise's networking arm, is Californian: "sold to HPE Aruba"
and a placeless story on its products had read the Caribbean island at a country's full weight.
Its full names hide the island (``nonplaces.txt``); bare "Aruba" stays the island.
"""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_a_story_on_the_firm_s_products_is_not_news_from_the_island(tagger: GeoTagger) -> None:
    body = (
        "HPE Aruba Networking said on Tuesday that its new access points would ship to "
        "enterprise customers next quarter."
    )
    _, regions, rules = tagged(tagger, "HPE Aruba unveils Wi-Fi 7 access points", body)
    assert regions == []
    assert "Aruba" not in rules
    body = "Aruba Networks released fixes for the flaw in its switches on Monday."
    _, regions, rules = tagged(tagger, "Aruba Networks patches switch flaw", body)
    assert regions == []
    assert "Aruba" not in rules


def test_a_buyer_named_after_the_island_adds_no_place_to_the_seller_s_story(
    tagger: GeoTagger,
) -> None:
    body = (
        "Israeli cloud security company Axis Security was sold to HPE Aruba for an estimated "
        "$400-500 million, its founder said in Tel Aviv."
    )
    _, regions, rules = tagged(tagger, "Israeli start-up sold", body)
    assert regions == ["middle-east"]
    assert "Aruba" not in rules


def test_the_island_named_alone_is_still_the_island(tagger: GeoTagger) -> None:
    body = "Cruise arrivals in Aruba rose 12% last year, the island's tourism authority said."
    _, regions, rules = tagged(tagger, "Tourists return to Aruba", body)
    assert regions == ["americas"]
    assert rules["Aruba"].startswith("country")
