"""Currency signs before or after an amount (``context.money_signs``, ``money_signs.tsv``). A
pound amount locates a story nothing else does and never outweighs a named place (issue #16,
session 17, a28 spent); a country glued to a dollar sign ("US$600") is the currency, not the
place (session 20, hgeo28); "Sh" before an amount is East Africa's shilling, strict about what
follows it (review of session 24, hrev24b). Every text here was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context
from streams.core.model import WireItem

from .conftest import make_item


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("raised £12,400 for the ward", ["£"]),
        ("a £3.5m extension", ["£"]),
        # Another sign that ends in a pound sign: Egypt's and Lebanon's pounds.
        ("tickets at E£250 and L£9,000", []),
        ("the £ fell", []),
    ],
)
def test_the_pound_sign_before_an_amount(text: str, signs: list[str]) -> None:
    assert [sign for _, _, sign, _ in context.money_signs(text)] == signs


def test_a_pound_amount_alone_locates_a_placeless_story(tagger: GeoTagger) -> None:
    result = tagger.tag(
        make_item(
            "Fun run in the park raises £41,000 for hospice",
            "About 300 runners in fancy dress lapped Hollowmere Park on Sunday for the "
            "hospice's first night run. Organiser Jo Pennick said entrants had raised £41,000 "
            "so far.",
        )
    )
    assert result.regions == ["europe"]
    # One vote per country: the second amount is "money-extra", weightless.
    assert [(e.country, e.rule) for e in result.evidence if e.text == "£" and e.weight] == [
        ("GB", "money")
    ]


def test_a_pound_amount_never_outweighs_a_named_place(tagger: GeoTagger) -> None:
    # The money pass runs only for a story nothing else locates: a British outlet's price of a
    # story abroad leaves it where it is.
    result = tagger.tag(
        make_item(
            "Cruise passengers stranded in Lisbon",
            "Passengers who paid up to £4,000 for the cruise were stranded in Lisbon on "
            "Tuesday when the ship's engine failed, Portugal's port authority said.",
        )
    )
    assert result.regions == ["europe"]
    assert [f.country for f in result.focus][:1] == ["PT"]
    assert "£" not in {e.text for e in result.evidence}


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


# --- "Sh" before an amount (money_signs.tsv, strict) -----------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        # Tanzanian copy writes the shilling so too, and so does Somali copy: the same region.
        "The council approved Sh5.2 billion for the new water scheme, the district officer said.",
        "Traders said a sack of maize now sells for Sh 45,000, up from Sh30,000 last month.",
    ],
)
def test_a_shilling_amount_in_any_east_african_copy_is_africa(tagger: GeoTagger, body: str) -> None:
    result = tagger.tag(make_item("Prices rise again", body))
    assert result.regions == ["africa"]


@pytest.mark.parametrize(
    "text",
    [
        "Sh Ahmed addressed 12 mosques on Friday.",  # Sheikh's abbreviation, a small number
        "Ugandan papers write Shs50 billion.",  # Uganda's "Shs": no "Sh" sign of its own
        "Route SH1 reopened; SH 2 stays shut.",  # New Zealand's state highways, capitals
        "the Sh 2 bus",  # one digit: no amount only money is written as
    ],
)
def test_sh_is_no_kenyan_sign_before_what_is_no_amount(text: str) -> None:
    assert [sign for _s, _e, sign, _c in context.money_signs(text) if sign == "Sh"] == []


@pytest.mark.parametrize(
    ("text", "signs"),
    [
        ("rice now costs Le 1,500 a cup", ["Le"]),
        ("a fine of Le10,000, the court said", ["Le"]),
        ("a R5 billion Eskom loan", ["R"]),
        ("a R500,000 Lotto win", ["R"]),
        # An amount followed by a capitalised word is part of a name, not money.
        ("members of the Le 1,000 Club met on Friday", []),
        ("his novel Le 10,000 Pas sold well", []),
    ],
)
def test_a_strict_signs_amount_before_a_capitalised_word_is_a_name(
    text: str, signs: list[str]
) -> None:
    # Sierra Leone's "Le" is strict (money_signs.tsv): a club or a book titled "Le 1,000 ..."
    # in English copy made a placeless charity or books story Sierra Leone's (session 25,
    # hrev25a).
    assert [sign for _, _, sign, _ in context.money_signs(text)] == signs
