"""Stories that name no listed place (issue #16, a19 round): a party of one country's parliament
(``parties.tsv``) is weak evidence of that country, like a leader; a town named with its own
government ("Austin City Council", ``civic_nouns.txt``) is the town itself, with no other
evidence of its country needed.

"House of Representatives", the lower house of many parliaments, counts for the US only beside
American cues (session 17); South Sudan's parliament by its transitional names locates its copy
(session 21, hgeo34); a fire chief and a city council make a local town (session 20)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, gazetteer
from streams.core.geo.text import fold

from .conftest import evidence_by_text, read

_tag = evidence_by_text


# -- parties ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "party", "country", "region"),
    [
        (
            "Leaders of the Telugu Desam met on Sunday to share out seats.",
            "Telugu Desam",
            "IN",
            "asia-pacific",
        ),
        (
            "House Republicans blocked the spending bill late on Friday.",
            "House Republicans",
            "US",
            "americas",
        ),
        ("The Lib Dem group said the council tax rise went too far.", "Lib Dem", "GB", "europe"),
        ("An amendment tabled by the UKIP group was defeated.", "UKIP", "GB", "europe"),
        (
            "Talks between the Dawa Party and its rivals broke down.",
            "Dawa Party",
            "IQ",
            "middle-east",
        ),
        (
            "The Inkatha Freedom Party said it would not back the budget.",
            "Inkatha Freedom Party",
            "ZA",
            "africa",
        ),
    ],
)
def test_a_lone_party_locates_the_story(
    tagger: GeoTagger, body: str, party: str, country: str, region: str
) -> None:
    regions, ev = _tag(tagger, "Budget talks stall", body)
    assert ev[party][:2] == (country, "leader")
    assert regions == [region]


def test_a_party_never_adds_a_second_region(tagger: GeoTagger) -> None:
    regions, ev = _tag(
        tagger,
        "Kenya opens new port terminal",
        "Kenya opened a container terminal in Mombasa on Monday, officials in Nairobi said.\n\n"
        "A visiting Lib Dem delegation toured the site.",
    )
    assert ev["Lib Dem"][:2] == ("GB", "leader")
    assert regions == ["africa"]


def test_a_party_and_weak_evidence_of_another_region_stay_unlocated(tagger: GeoTagger) -> None:
    regions, ev = _tag(
        tagger,
        "Budget talks stall",
        # Body mentions (1.0 x 0.6 each): below the minimum, and two regions compete.
        "The council met on Tuesday.\n\n"
        "The Lib Dem group said the rise went too far, and a Brazilian adviser agreed.",
    )
    assert {"Lib Dem", "Brazilian"} <= set(ev)
    assert regions == []


@pytest.mark.parametrize(
    "body",
    [
        # Shared by several countries, or another body's acronym: no evidence.
        "Labour said the vote was lost.",
        "The minister opened the new ward on Tuesday (PTI).",
        "The road will be built as a PPP with private lenders.",
        "The PKR fell against the dollar.",
    ],
)
def test_shared_party_names_are_no_evidence(tagger: GeoTagger, body: str) -> None:
    regions, ev = _tag(tagger, "Vote lost", body)
    assert regions == []
    assert not any(w for _c, _r, w in ev.values())


#: The hand-written lists of one country's names, each with the size it must keep.
WEAK_LISTS = {"parties.tsv": 50, "national_bodies.tsv": 300, "home_press.tsv": 200}
OTHER_LISTS = ("metonyms.tsv", "leaders.tsv", "actors.tsv", "titles.tsv", "bodies.tsv")


@pytest.mark.parametrize("name", sorted(WEAK_LISTS))
def test_a_weak_list_adds_only_names_no_other_file_holds(name: str) -> None:
    # A name in two files would take the other file's reading (metonyms.tsv: an institution);
    # parties.tsv and national_bodies.tsv hold what the other lists missed, each of one country.
    others: set[str] = set()
    for other in (*OTHER_LISTS, *(n for n in WEAK_LISTS if n != name)):
        others |= {" ".join(fold(r[0]).split()) for r in gazetteer._rows(other)}
    rows = list(gazetteer._rows(name))
    keys = [" ".join(fold(r[0]).split()) for r in rows]
    assert len(rows) > WEAK_LISTS[name]
    assert len(keys) == len(set(keys))
    assert not set(keys) & others
    assert all(len(r) == 2 and len(r[1]) == 2 and r[1].isupper() for r in rows)


# -- a town's own government ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "town", "country", "region"),
    [
        (
            "A $3.1 billion budget has passed the Austin City Council six to one.",
            "Austin",
            "US",
            "americas",
        ),
        # "mayor" is also a US local cue: the town is not re-homed to a US namesake.
        ("The Masvingo City mayor said the pipes would be replaced.", "Masvingo", "ZW", "africa"),
        ("Masvingo Municipality said the pipes would be replaced.", "Masvingo", "ZW", "africa"),
        ("Staff at Austin city hall were sent home early.", "Austin", "US", "americas"),
    ],
)
def test_a_town_named_with_its_government_is_the_town(
    tagger: GeoTagger, body: str, town: str, country: str, region: str
) -> None:
    regions, ev = _tag(tagger, "Budget passes after long debate", body)
    assert ev[town] == (country, "city+civic", 2.0)
    assert regions == [region]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        # A firm and a person named like the town: no government words after the name.
        ("Austin Energy said bills would rise next month.", "Austin"),
        ("Fans cheered as the band played, with Austin on guitar.", "Austin"),
        ("The Masvingo Times said the pipes would be replaced.", "Masvingo"),
        # A comma between: the words are no part of the name.
        ("The pipes will be replaced, said Masvingo, a city council engineer.", "Masvingo"),
    ],
)
def test_other_words_do_not_confirm_a_town(tagger: GeoTagger, body: str, name: str) -> None:
    regions, ev = _tag(tagger, "Bills to rise", body)
    assert ev[name][1] != "city+civic"
    assert ev[name][2] == 0 or ev[name][1] == "name-part"
    assert regions == []


@pytest.mark.parametrize(
    "body",
    [
        # Stop-listed town names that open an office's name ("Vice" in Peru, "Metro" in
        # Indonesia), and an English county named like a US city.
        "Vice Mayor Lee opened the session.",
        "The Metro Mayor opened the session.",
        "Norfolk County Council approved the plan.",
        "Kent County Council approved the plan.",
    ],
)
def test_office_words_after_stop_listed_names_and_counties_confirm_nothing(
    tagger: GeoTagger, body: str
) -> None:
    regions, ev = _tag(tagger, "Plan approved", body)
    assert not any(rule == "city+civic" for _c, rule, _w in ev.values())
    assert regions == []


def test_fire_chief_and_city_council_make_a_local_town(tagger: GeoTagger) -> None:
    body = (
        "Paris firefighters will move into the new station on Elm Avenue next month, Fire "
        "Chief Dana Miller told the city council on Tuesday. The council approved two more "
        "engines for the station."
    )
    regions, evidence = evidence_by_text(tagger, "Paris station gets its crew at last", body)
    assert evidence["Paris"][:2] == ("US", "homonym-local")
    assert regions == ["americas"]


def test_house_of_representatives_alone_is_no_american_evidence(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(
        tagger,
        "Bail is no right to be assumed, minister tells lawmakers",
        "The minister for legal affairs told a plenary session of the House of "
        "Representatives that the draft code sets clear grounds for holding a suspect.",
    )
    assert regions == []
    assert evidence["House of Representatives"][2] == 0.0


def test_house_of_representatives_counts_beside_american_cues(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(
        tagger,
        "Spending bill clears the House",
        "The House of Representatives passed the bill 218-214, with Republicans split and "
        "Democrats voting against it as a bloc.",
    )
    assert regions == ["americas"]
    assert evidence["House of Representatives"][0] == "US"
    assert evidence["House of Representatives"][2] > 0


def test_south_sudan_s_transitional_parliament(tagger: GeoTagger) -> None:
    regions, evidence = read(
        tagger,
        "Lawmakers adjourn budget debate",
        "The Transitional National Legislative Assembly put off the budget debate on Monday; "
        "the TNLA speaker said members needed more time.",
    )
    assert regions == ["africa"]
    assert {c for t, _r, c, _w in evidence if "TNLA" in t or "Legislative" in t} == {"SS"}
