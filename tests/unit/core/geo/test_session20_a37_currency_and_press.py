"""Issue #16, session 20 (hgeo28, ``bench/data/geo_real_en_a37.jsonl`` spent): a country's
name glued to a dollar sign before an amount is the currency, not the place ("US$600"); a
language only one country's press writes, before "-language", names that country's outlet
("a Persian-language daily reported"); and a few home outlets on generic domains. Every text
here is invented, in the layout of the copy it stands for."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.model import WireItem

from .conftest import make_item


def _item(headline: str, body: str, link: str = "") -> WireItem:
    item = make_item(headline, body)
    item.language = "en"
    if link:
        item.ext.link = link
    return item


def _regions(tagger: GeoTagger, headline: str, body: str, link: str = "") -> list[str]:
    return tagger.tag(_item(headline, body, link)).regions


def _rules(tagger: GeoTagger, headline: str, body: str) -> list[tuple[str, str, float]]:
    result = tagger.tag(_item(headline, body))
    return [(e.text, e.rule, e.weight) for e in result.evidence]


def test_a_us_dollar_conversion_is_no_american_place(tagger: GeoTagger) -> None:
    # An Asian outlet's wire story: amounts in US dollars, converted into its home currency.
    body = (
        "Police in Kenya said on Monday they had arrested four men over the theft of ivory "
        "from a store in Nakuru.\n\n"
        "The tusks would fetch about US$60,000 (S$81,000) on the black market, and a single "
        "horn up to US$ 9,000, a wildlife official said."
    )
    assert _regions(tagger, "Four held over ivory theft", body) == ["africa"]
    rules = {(text, rule) for text, rule, _w in _rules(tagger, "Four held over ivory theft", body)}
    assert ("US", "currency-sign") in rules


def test_dotted_and_spaced_dollar_signs_are_currencies_too(tagger: GeoTagger) -> None:
    found = _rules(
        tagger,
        "Ferry operator fined",
        "A ferry operator in Fiji was fined U.S.$40,000 and ordered to pay US $12,500 to each "
        "family, a court in Suva ruled on Friday.",
    )
    signs = [(text, weight) for text, rule, weight in found if rule == "currency-sign"]
    assert signs == [("U.S", 0.0), ("US", 0.0)]


def test_the_country_before_a_dollar_word_or_a_bare_dollar_keeps_its_reading(
    tagger: GeoTagger,
) -> None:
    # No amount after the sign, and a country named as a place: both stay places.
    found = _rules(
        tagger,
        "Talks stall",
        "Officials from the US met their counterparts in Ottawa on Monday. The US$ rate was "
        "not discussed.",
    )
    assert all(rule != "currency-sign" for _t, rule, _w in found)


def test_a_press_language_names_the_country_of_a_story_that_names_no_place(
    tagger: GeoTagger,
) -> None:
    # A welfare agency's rule, told through the daily that reported it; no place at all.
    assert _regions(
        tagger,
        "Couples to take blood tests before marriage",
        "Couples will have to take blood tests before they marry under the next five-year "
        "plan, the head of the welfare agency said, a Persian-language daily reported.",
    ) == ["middle-east"]
    assert _regions(
        tagger,
        "Minister rejects audit findings",
        "The finance minister rejected the audit's findings on Sunday, Hebrew-language media "
        "reported.",
    ) == ["middle-east"]


def test_a_press_language_never_outweighs_the_places_of_a_story(tagger: GeoTagger) -> None:
    # A story from elsewhere that cites a Hebrew-language daily in passing keeps its place.
    assert (
        _regions(
            tagger,
            "Cyprus police seize drone parts at Limassol port",
            "Police in Cyprus seized drone parts at Limassol port on Tuesday, and two men were "
            "held in Limassol. Cyprus police said the shipment had come by sea; a Hebrew-language "
            "daily had reported the inquiry first.",
        )[0]
        == "europe"
    )


def test_an_iranian_outlet_on_a_generic_domain_places_a_story_that_names_no_place(
    tagger: GeoTagger,
) -> None:
    assert _regions(
        tagger,
        "Pension fund to pay arrears next month",
        "The state pension fund will pay its arrears next month, its managing director said "
        "on Sunday.",
        link="https://financialtribune.com/articles/economy/12345/pension-arrears",
    ) == ["middle-east"]
