"""A town's name inside a run of three names is part of an organisation's or event's name,
not a person's surname (a18 untuned file, session 11: "Standard Chartered Dubai Marathon" made
Dubai a surname, and the surname rule then erased the headline and dateline Dubai too)."""

from __future__ import annotations

from streams.core.geo import GeoTagger

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
