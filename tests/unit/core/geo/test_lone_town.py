"""A story that names one country's town and nothing else of anywhere is located by it
(``lone-town``, issue #16): in a place position or before a noun it modifies ("Masvingo
residents"); people, clubs, subjects of a clause and towns of two countries are not.

Fixtures are written for these tests; none is copied from a news item.

An area word between a place preposition and the name ("in central Paris",
``place_area_words.txt``) keeps the place position; without the preposition it does not (review
of session 24, hrev24b).
"""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context, explain

from .conftest import make_item


def read(
    tagger: GeoTagger, headline: str, body: str
) -> tuple[list[str], list[tuple[str, str, str, float]]]:
    """Regions, and (text, rule, country, weight) of every evidence mention in text order."""
    result = tagger.tag(make_item(headline, body))
    return result.regions, [(e.text, e.rule, e.country, e.weight) for e in result.evidence]


@pytest.mark.parametrize(
    ("body", "town", "country", "region"),
    [
        (
            "Councillors in Paisley voted on Thursday to build a new primary school on the site "
            "of the old bus depot.\n\nThe education convener said work would start in spring.",
            "Paisley",
            "GB",
            "europe",
        ),
        (
            "Residents in Masvingo have gone three days without running water, the council "
            "said, after a pump failed at the treatment works.",
            "Masvingo",
            "ZW",
            "africa",
        ),
    ],
)
def test_a_local_story_naming_only_its_town_is_located_by_it(
    tagger: GeoTagger, body: str, town: str, country: str, region: str
) -> None:
    item = make_item("Councillors back new plans", body)
    result = tagger.tag(item)
    assert result.regions == [region]
    assert [(e.rule, e.country) for e in result.evidence if e.text == town] == [
        ("lone-town", country)
    ]
    assert "lone-town" in explain(item, result)
    assert "the one country the story names" in explain(item, result)


def test_only_the_best_mention_is_confirmed(tagger: GeoTagger) -> None:
    body = "The night train from Nantes ran late, and the return to Nantes was cancelled."
    regions, evidence = read(tagger, "Night train runs late", body)
    assert regions == ["europe"]
    assert [rule for text, rule, _, _ in evidence if text == "Nantes"] == [
        "lone-town",
        "unconfirmed",
    ]


@pytest.mark.parametrize(
    "body",
    [
        # A person: the name is a speaker, not where the story happens.
        "The album is finished and will be out in May, said Paisley, who wrote every song.",
        "Masvingo said the album would be out in May.",
        # A club: in a sports report a town's name alone is its side.
        "Masvingo scored twice in the second half to beat the champions 2-0 at home.",
        "The striker scored twice as the visitors were beaten in Paisley.",
    ],
)
def test_a_person_or_club_with_a_towns_name_and_nothing_else_stays_unlocated(
    tagger: GeoTagger, body: str
) -> None:
    regions, evidence = read(tagger, "A night to remember", body)
    assert regions == []
    assert not any(rule == "lone-town" for _, rule, _, _ in evidence)


@pytest.mark.parametrize(
    "body",
    [
        # Towns of two countries: each may be a person or club abroad; no rule.
        "Officials from Paisley and Masvingo signed a twinning agreement on Friday.",
        # Two readings of the town's size ("Dundee": Scotland and South Africa).
        "Councillors in Dundee voted on Thursday to close two libraries.",
        # A county named like a US city opens a longer name: no place position.
        "Norfolk County Council approved the plan.",
        # A first name ("Austin") is never trusted alone.
        "Councillors in Austin voted on Thursday to close two libraries.",
    ],
)
def test_no_lone_town_without_one_trustworthy_reading(tagger: GeoTagger, body: str) -> None:
    regions, evidence = read(tagger, "Plan approved", body)
    assert regions == []
    assert not any(rule == "lone-town" for _, rule, _, _ in evidence)


def test_other_evidence_of_another_country_keeps_the_town_unconfirmed(
    tagger: GeoTagger,
) -> None:
    body = "Councillors in Paisley voted to copy a school design first used in Norway."
    regions, evidence = read(tagger, "Councillors back new school", body)
    assert regions == ["europe"]
    assert [(rule, c) for text, rule, c, _ in evidence if text == "Paisley"] == [
        ("unconfirmed", "GB")
    ]


@pytest.mark.parametrize(
    ("body", "town", "country"),
    [
        # The town modifies the noun after it: its residents, its governor's county, its ferries.
        (
            "Masvingo residents queued at standpipes for a third day after a pump failed at "
            "the treatment works, the council said.",
            "Masvingo",
            "ZW",
        ),
        (
            "The morning Paisley sailings were cancelled and passengers were told to come back "
            "on Friday.",
            "Paisley",
            "GB",
        ),
    ],
)
def test_a_town_before_the_noun_it_modifies_locates_a_story_naming_nothing_else(
    tagger: GeoTagger, body: str, town: str, country: str
) -> None:
    regions, evidence = read(tagger, "Water supply to return on Friday", body)
    assert regions
    first = next((rule, c) for text, rule, c, _ in evidence if text == town)
    assert first == ("lone-town", country)


@pytest.mark.parametrize(
    "body",
    [
        # A clause's subject: a speaker, a side or a person, not a town modifying a noun.
        "Masvingo says the band will tour again in May.",
        "Masvingo has finished the album and it will be out in May.",
        "Masvingo scored twice in the second half.",
        "Masvingo told reporters the album would be out in May.",
        # An administrative unit named like a North American city: "Suffolk county" and
        # "Surrey district" are English, not Suffolk, Virginia, or Surrey, British Columbia.
        "The plan was approved by Suffolk county officials on Tuesday.",
        "The plan was backed by Surrey district councillors on Tuesday.",
        # A longer name after the town's.
        "Tickets are sold by Masvingo Promotions and go on sale on Tuesday.",
        # ... also after a place preposition: a game's invented county, no town (session 16).
        "The game drops you into Warwick County, a patch of fields where seasons turn fast.",
        # "of" makes the name the head of a longer one.
        "Critics called the new stadium the Masvingo of Dreams on Tuesday.",
    ],
)
def test_a_towns_name_as_a_subject_or_in_a_longer_name_stays_unlocated(
    tagger: GeoTagger, body: str
) -> None:
    regions, evidence = read(tagger, "A night to remember", body)
    assert regions == []
    assert not any(rule == "lone-town" for _, rule, _, _ in evidence)


def test_nationality_words_do_not_keep_a_lone_town_from_locating_the_story(
    tagger: GeoTagger,
) -> None:
    # A demonym says who someone is, not where the story happens: beside it, the one town
    # the story names still locates it (a27's fight in Las Vegas between "the Mexican" and
    # "his British opponent"; session 16, hgeo18).
    body = (
        "A Nigerian nurse who has worked on the same ward for 30 years was honoured at a "
        "ceremony in Paisley on Friday.\n\nThe hospital's chief executive said she had trained "
        "dozens of younger staff."
    )
    regions, evidence = read(tagger, "Nurses honoured at awards night", body)
    assert regions == ["europe"]
    assert ("Paisley", "lone-town", "GB", 2.0) in evidence
    # Without the town, the nationality is all the story has, and it still counts.
    regions, evidence = read(
        tagger, "Nurses honoured at awards night", body.replace(" in Paisley", "")
    )
    assert regions == ["africa"]
    assert [e[1] for e in evidence] == ["demonym+subject"]


# --- area words between a place preposition and a name (place_area_words.txt) ---------------


def test_an_area_word_after_a_preposition_keeps_the_place_position() -> None:
    text = "Fans queued in central Paris for hours."
    start = text.index("Paris")
    assert context.in_place_position(text, start, start + len("Paris"))


@pytest.mark.parametrize(
    "text",
    [
        "He said central Bank staff were told.",  # no preposition before the area word
        "It was the west Bank holiday.",
    ],
)
def test_an_area_word_without_a_preposition_is_no_place_position(text: str) -> None:
    start = text.index("Bank")
    assert not context.in_place_position(text, start, start + len("Bank"))
