"""A town's name inside a run of three names is part of an organisation's or event's name,
not a person's surname (a18 untuned file, session 11: "Standard Chartered Dubai Marathon" made
Dubai a surname, and the surname rule then erased the headline and dateline Dubai too).

Likewise a capitalised word after an article that is no first name opens an organisation's name
("the SwapShop Abu Dhabi group"), so the town after it is the one the group is named after; a
first name there is still a person (session 21, hgeo33)."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.context import article_name

from .conftest import read
from .test_real_news_rules import tagged


def test_a_city_between_two_names_is_a_name_part_not_a_surname(tagger: GeoTagger) -> None:
    body = (
        "Mumbai: More than 60,000 runners took part in the Tata Consultancy Mumbai Marathon "
        "on Sunday.\n\nThe winner crossed the line in two hours and eight minutes."
    )
    _, regions, rules = tagged(tagger, "Record field at Mumbai Marathon", body)
    assert regions == ["asia-pacific"]
    assert "person-name" not in rules.values()
    assert "person-surname" not in rules.values()


def test_a_city_after_a_first_name_stays_a_surname(tagger: GeoTagger) -> None:
    body = (
        "Veteran striker Joao Santos scored twice on Sunday.\n\n"
        "Santos said the title race was far from over."
    )
    _, regions, rules = tagged(tagger, "Striker scores twice", body)
    assert regions == []
    assert rules["Santos"] in ("person-name", "person-surname")


FIRST = frozenset({"marco", "al", "hope"})
#: Local copy that names only the emirate's capital, the workers' nationalities and, last, a
#: community group named after the town.
FLOOD = (
    "Flash flood cuts power to workers' housing",
    "Water entered a workers' housing block in Mussafah in Abu Dhabi on Tuesday night, "
    "leaving some 150 men without power, a resident said.\n\n"
    "The block houses Nepali, Sri Lankan and Filipino workers of a cleaning firm, which said "
    "they would be moved within Abu Dhabi by the weekend.\n\n"
    "Neighbours collected blankets and food through the SwapShop Abu Dhabi group, which has "
    "30,000 members online.",
)


def test_a_word_after_an_article_opens_a_name() -> None:
    text = "through the SwapShop Abu Dhabi group"
    assert article_name(text, text.index("Abu"), FIRST)
    text = "a GreenRide Nairobi campaign"
    assert article_name(text, text.index("Nairobi"), FIRST)


def test_a_first_name_after_an_article_is_still_a_person() -> None:
    # "a Marco Mascara volley": a player named as an attribute of his shot
    text = "a Marco Mascara volley"
    assert not article_name(text, text.index("Mascara"), FIRST)
    text = "the player Bruno Mascara said"
    assert not article_name(text, text.index("Mascara"), FIRST)
    text = "the Rev. Lyon said"
    assert not article_name(text, text.index("Lyon"), FIRST)


def test_a_group_named_after_the_town_keeps_the_town(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, *FLOOD)
    assert regions == ["middle-east"]
    rules = [rule for text, rule, _c, _w in evidence if text == "Abu Dhabi"]
    assert rules[-1] == "name-part"
    assert "person-surname" not in rules and "person-name" not in rules


def test_a_player_named_after_an_article_stays_a_person(tagger: GeoTagger) -> None:
    _regions, evidence = read(
        tagger,
        "Late equaliser rescues a point",
        "The hosts led until the 88th minute, when a Marco Mascara volley beat the keeper.",
    )
    assert ("Mascara", "person-name") in {(text, rule) for text, rule, _c, _w in evidence}
