"""Second regions from passing mentions (issue #16, session 14): countries listed once each as
price drivers or trading partners ("demand from China and India") make no second region, nor
does a country named only before a backdrop noun ("the China market", "US sanctions"); a
second country the story really reports on keeps its region. Sentences written for these
tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import make_item

_FUEL = (
    "Petrol will cost 3 kwacha a litre more from Friday, the Energy Regulation Board said on "
    "Wednesday.\n\n"
    "The board blamed dearer crude on strong buying by China and India and on output cuts by "
    "Saudi Arabia, and a kwacha that weakened over the month. Hauliers said fares would follow."
)


def test_countries_listed_once_each_make_no_second_region(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Fuel prices rise in Zambia", _FUEL))
    assert result.regions == ["africa"]
    # Both Asian countries are read as places: it is the region decision that drops them.
    rules = {e.text: e.rule for e in result.evidence}
    assert rules["China"] == "country" and rules["India"] == "country"


def test_one_country_named_twice_still_makes_a_second_region(tagger: GeoTagger) -> None:
    body = _FUEL.replace(
        "Hauliers",
        "Buyers in China have stocked up since China cut its own fuel taxes. Hauliers",
    )
    assert tagger.tag(make_item("Fuel prices rise in Zambia", body)).regions == [
        "africa",
        "asia-pacific",
    ]


def test_true_two_country_story_keeps_both(tagger: GeoTagger) -> None:
    body = (
        "Kenya and Japan signed a road-building loan in Nairobi on Monday, the Kenyan treasury "
        "said.\n\n"
        "Japan will lend $300 million over ten years, and Japanese engineers will supervise "
        "the work. Kenya's transport minister said Japan had financed two earlier roads."
    )
    # No headline of its own: only the body's repeated mentions can make the second region.
    assert tagger.tag(make_item("", body)).regions == ["africa", "asia-pacific"]


def test_country_before_market_or_sanctions_is_backdrop(tagger: GeoTagger) -> None:
    body = (
        "Ghanaian importers in Accra asked the Bank of Ghana on Tuesday to sell them yuan, "
        "saying most of their goods come from the China market.\n\n"
        "Traders who travel to China to buy stock pay twice for dollars, the importers said. "
        "Separately, Ghana's cocoa board said US sanctions on a shipping firm had delayed "
        "a cargo."
    )
    result = tagger.tag(make_item("Importers want yuan", body))
    rules = [(e.text, e.rule) for e in result.evidence]
    assert ("China", "backdrop") in rules
    assert ("US", "backdrop") in rules
    # One real place mention of China is left: a passing mention, no second region.
    assert result.regions == ["africa"]
    # A country that acts, not a backdrop, is still a place.
    acted = body.replace("US sanctions on", "the US blacklisted")
    assert ("US", "country") in [
        (e.text, e.rule) for e in tagger.tag(make_item("Importers want yuan", acted)).evidence
    ]
