"""Issue #16, a15 round: a world market report (a commodity in the headline, a benchmark price
per barrel, ounce or tonne in the body, no place in the headline) is located only by a town,
state or province it names, not by the countries, central banks and data series that drive the
price (fixtures written for these tests)."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.context import is_market_report
from streams.core.geo.explain import explain

from .conftest import make_item

GOLD = (
    "Gold slipped on Tuesday as the dollar firmed and Federal Reserve officials played down a "
    "rate cut in the United States this month. Spot gold fell 0.4% to $2,310.50 an ounce, while "
    "U.S. gold futures eased to $2,318.00."
)


def test_a_commodity_report_is_not_located_by_the_price_drivers(tagger: GeoTagger) -> None:
    item = make_item("Firmer dollar weighs on gold", GOLD)
    result = tagger.tag(item)
    assert result.regions == []
    rules = {e.text: e.rule for e in result.evidence}
    assert rules["Federal Reserve"] == "market-report"
    assert rules["United States"] == "market-report"
    assert "world market report" in explain(item, result)


def test_without_a_unit_price_the_same_story_stays_located(tagger: GeoTagger) -> None:
    body = GOLD.replace("$2,310.50 an ounce", "a two-week low")
    assert tagger.tag(make_item("Firmer dollar weighs on gold", body)).regions == ["americas"]


def test_a_place_in_the_headline_keeps_the_normal_rules(tagger: GeoTagger) -> None:
    body = (
        "Oil rose after a drone attack on a Saudi Arabia export terminal. Brent crude gained "
        "$1.20 to $84.10 a barrel. Saudi Arabia said exports would resume within days."
    )
    result = tagger.tag(make_item("Oil jumps after attack on Saudi Arabia terminal", body))
    assert result.regions == ["middle-east"]
    assert all(e.rule != "market-report" for e in result.evidence)


def test_a_town_or_state_where_something_happens_still_locates_it(tagger: GeoTagger) -> None:
    body = (
        "Oil prices climbed on Wednesday after a fire shut a refinery in Texas and US crude "
        "stocks fell. Brent crude rose 1.1% to $81.40 a barrel."
    )
    result = tagger.tag(make_item("Oil climbs on refinery outage", body))
    assert result.regions == ["americas"]
    assert {e.text: e.rule for e in result.evidence}["Texas"] == "state"


def test_a_national_story_quoting_an_oil_price_is_no_market_report(tagger: GeoTagger) -> None:
    # The headline names no commodity: a budget that assumes an oil price is Nigeria's story.
    body = (
        "Nigeria's Senate passed the 2024 budget on Thursday, which assumes oil at $77.96 a "
        "barrel and output of 1.78 million barrels a day. Nigeria's finance minister welcomed it."
    )
    assert tagger.tag(make_item("Senate passes 2024 budget", body)).regions == ["africa"]


def test_market_report_detection() -> None:
    assert is_market_report("Rising dollar pushes gold prices lower", "at $1,722.84 an ounce")
    assert is_market_report("Brent at highest since March", "ended at US$36.09 per barrel")
    assert is_market_report("Copper hits record", "copper rose to $11,104 a tonne")
    # Retail and farm-gate units are one country's local news, not a world benchmark.
    assert not is_market_report("Oil prices lift pump costs", "gasoline at $3.50 a gallon")
    # Whole words only: "Goldman" is no gold report.
    assert not is_market_report("Goldman Sachs profit rises", "gold at $2,000 an ounce")


def test_the_dateline_of_a_market_report_is_the_desk(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Firmer dollar weighs on gold", GOLD, "LONDON"))
    assert result.regions == []
    assert {e.text: e.rule for e in result.evidence if e.field == "located"} == {
        "LONDON": "market-report"
    }


def test_a_dateline_whose_country_the_report_names_a_town_of_still_counts(
    tagger: GeoTagger,
) -> None:
    body = (
        "Oil prices climbed on Wednesday after a fire shut a refinery in Texas. Brent crude "
        "rose 1.1% to $81.40 a barrel."
    )
    result = tagger.tag(make_item("Oil climbs on refinery outage", body, "HOUSTON"))
    assert result.regions == ["americas"]
    assert all(e.rule != "market-report" for e in result.evidence if e.field == "located")


def test_the_dateline_written_again_in_the_body_names_no_town_of_its_own(
    tagger: GeoTagger,
) -> None:
    # dpa-AFX's layout: the dateline opens the body too. It is the desk, not a US state named
    # in the text (session 23, agency probe r51).
    body = (
        "WASHINGTON (dpa-AFX) - Oil prices edged higher on Thursday on hopes that demand will "
        "recover. Brent crude rose to $82.15 a barrel, and the Federal Reserve's next rate "
        "decision kept traders cautious."
    )
    result = tagger.tag(make_item("Oil gains on hopes of demand recovery", body, "WASHINGTON"))
    assert result.regions == []
    assert {e.field: e.rule for e in result.evidence}["located"] == "market-report"


def test_a_state_named_in_the_text_still_keeps_the_dateline(tagger: GeoTagger) -> None:
    body = (
        "WASHINGTON (dpa-AFX) - Oil prices edged higher on Thursday after a fire shut a "
        "refinery in Texas. Brent crude rose to $82.15 a barrel."
    )
    result = tagger.tag(make_item("Oil gains on refinery outage", body, "WASHINGTON"))
    assert result.regions == ["americas"]


def test_a_state_named_first_is_no_dateline_copy_for_sharing_its_first_word(
    tagger: GeoTagger,
) -> None:
    # "New Jersey" under a "NEW YORK" dateline is a state named in the text, not the dateline
    # written again (review of session 23: the first word "new" matched, so the dateline fell
    # to market-report weight).
    body = (
        "Oil prices edged higher on Thursday after a fire shut a refinery in New Jersey. "
        "Brent crude rose to $82.15 a barrel."
    )
    result = tagger.tag(make_item("Oil gains on refinery outage", body, "NEW YORK"))
    assert result.regions == ["americas"]
    assert {e.field: e.rule for e in result.evidence}["located"] == "state"
