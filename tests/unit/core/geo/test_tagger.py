"""Behaviour of the geo tagger, one rule or ambiguity per test."""

from __future__ import annotations

import pytest

from streams.core.geo import UNLOCATED, GeoTagger, explain

from .conftest import make_item


def regions(
    tagger: GeoTagger, headline: str = "", body: str = "", located: str | None = None
) -> list[str]:
    return tagger.tag(make_item(headline, body, located)).regions


def test_unlocated_constant() -> None:
    assert UNLOCATED == "unlocated"


# -- basics ------------------------------------------------------------------------------------


def test_country_city_demonym_and_dateline(tagger: GeoTagger) -> None:
    assert regions(tagger, "Kenya raises fuel prices", "Kenya raised fuel prices.") == ["africa"]
    assert regions(tagger, "", "Police in Lahore arrested three men on Monday.") == ["asia-pacific"]
    assert regions(tagger, "Ukrainian troops advance", "") == ["europe"]
    assert regions(tagger, "Officials meet", "Officials met on Monday.", "KYIV") == ["europe"]


def test_city_only_one_paragraph_item(tagger: GeoTagger) -> None:
    body = (
        "At least nine workers were killed on Friday when a boiler exploded at a textile mill "
        "near Gujranwala’s industrial estate, rescue officials said."
    )
    assert regions(tagger, body.split(",")[0], body) == ["asia-pacific"]


def test_evidence_points_at_the_matched_text(tagger: GeoTagger) -> None:
    item = make_item("Floods hit Pakistan", "Heavy rain flooded Karachi on Monday.")
    result = tagger.tag(item)
    assert result.focus[0].country == "PK"
    for ev in result.evidence:
        source = item.headline if ev.field == "headline" else item.body
        assert source[ev.start : ev.end] == ev.text
    assert {ev.rule.split("+")[0] for ev in result.evidence} >= {"country", "city"}
    text = explain(item, result)
    assert "asia-pacific" in text and "Karachi" in text


def test_no_place_is_unlocated(tagger: GeoTagger) -> None:
    item = make_item(
        "Scientists find new antibiotic", "Researchers found a new antibiotic in soil."
    )
    result = tagger.tag(item)
    assert result.regions == [] and result.focus == []


def test_lowercase_words_and_acronym_case(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Tell us what you think about the new china set.") == []
    assert regions(tagger, "", "The US said on Monday it would send aid.") == ["americas"]


# -- international bodies, events, non-places ------------------------------------------------


def test_international_bodies_alone_make_no_region(tagger: GeoTagger) -> None:
    body = "The UN, NATO, the IAEA, OPEC, the G20 and the WHO issued statements on Monday."
    assert regions(tagger, "", body) == []
    assert regions(tagger, "", "The EU said it would respond.") == []


def test_named_agreement_is_weak_evidence(tagger: GeoTagger) -> None:
    body = (
        "Iran's foreign minister said on Thursday that the Cairo Agreement with the IAEA was "
        "void after the agency's board passed a resolution against Tehran."
    )
    result = tagger.tag(make_item("", body))
    assert result.regions == ["middle-east"]
    assert [f.country for f in result.focus] == ["IR"]
    cairo = next(e for e in result.evidence if e.text == "Cairo")
    assert cairo.rule == "event"
    body = "Leaders marked the anniversary of the Camp David Accords and the Minsk agreements."
    assert all(e.rule == "event" or e.weight < 1 for e in tagger.tag(make_item("", body)).evidence)


def test_titles_and_media_are_not_places(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "The Prince of Wales met the Secretary of State.") == []
    assert regions(tagger, "", "The New York Times and the Times of Israel reported it.") == []


# -- focus, passing mentions, multi-region ----------------------------------------------------


def test_passing_mention_deep_in_body_adds_no_region(tagger: GeoTagger) -> None:
    body = (
        "Ukraine's parliament approved the budget on Tuesday.\n\n"
        "Ukrainian lawmakers said spending on defence in Ukraine would rise.\n\n"
        "Kyiv hopes to cover the gap with loans.\n\n"
        "Qatar and Turkey have helped mediate prisoner swaps, officials said."
    )
    assert regions(tagger, "Ukraine passes budget", body) == ["europe"]
    body = "Russia's central bank cut rates on Friday, as the US did last year."
    assert regions(tagger, "", body) == ["europe"]


def test_genuinely_multi_region_story(tagger: GeoTagger) -> None:
    body = (
        "The United States presented a peace plan for Ukraine on Thursday.\n\n"
        "US officials said Washington wanted a deal before winter. The White House said "
        "President Trump had approved the plan.\n\n"
        "Ukraine's president said Kyiv would study the US proposal, while Russia said Moscow "
        "had not received it."
    )
    assert regions(tagger, "US unveils Ukraine peace plan", body)[:2] in (
        ["americas", "europe"],
        ["europe", "americas"],
    )
    assert set(regions(tagger, "US unveils Ukraine peace plan", body)) == {"americas", "europe"}


def test_dateline_is_evidence_not_proof(tagger: GeoTagger) -> None:
    body = (
        "Sudan's army said on Sunday it had retaken a town in Darfur from the RSF.\n\n"
        "The Sudanese military said dozens of fighters were killed in El Fasher."
    )
    assert regions(tagger, "Sudan army retakes town", body, "CAIRO") == ["africa"]


def test_dateline_alone_locates(tagger: GeoTagger) -> None:
    assert regions(tagger, "Shares rise", "Shares rose on Monday.", "JOHANNESBURG") == ["africa"]
    assert regions(tagger, "Talks open", "Talks opened on Monday.", "Paris, Texas") == ["americas"]


# -- ambiguity --------------------------------------------------------------------------------


def test_georgia_state_versus_country(tagger: GeoTagger) -> None:
    us = "Georgia's Republican governor signed the bill in Atlanta on Tuesday."
    ge = "Georgia's prime minister said in Tbilisi that the Georgian Dream party would win."
    assert regions(tagger, "", us) == ["americas"]
    assert regions(tagger, "", ge) == ["europe"]


def test_jordan_person_versus_country(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Michael Jordan said the Chicago Bulls would retire a shirt.") == [
        "americas"
    ]
    # Not the country: the French party leader (a leader of ``leaders.tsv``) and so France.
    assert regions(tagger, "", "Jordan Bardella said on Sunday his party would win.") == ["europe"]
    assert regions(tagger, "", "Jordan's King Abdullah met officials in Amman.") == ["middle-east"]


def test_chad_name_versus_country(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Chad Johnson scored twice for the Rangers.") == []
    assert regions(tagger, "", "Chad's government said on Friday that floods killed 20.") == [
        "africa"
    ]


def test_turkey_bird_and_country(tagger: GeoTagger) -> None:
    assert (
        regions(tagger, "", "Turkey prices fell ahead of Thanksgiving as farmers roast more.") == []
    )
    assert regions(tagger, "", "Turkey's central bank held rates on Thursday.") == ["middle-east"]


def test_common_word_cities_need_support(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Nice weather helped sales on Monday.") == []
    assert regions(tagger, "", "Reading scores improved, the report said.") == []
    assert regions(tagger, "", "A man attacked people in Nice, French police said.") == ["europe"]
    assert regions(tagger, "Fire kills three", "A fire killed three.", "READING, England") == [
        "europe"
    ]


def test_city_qualified_by_state(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("", "The mayor of Paris, Texas, resigned on Monday."))
    assert result.regions == ["americas"]
    assert "FR" not in {f.country for f in result.focus}


def test_shared_city_names_follow_context(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Clashes erupted in Tripoli, the Libyan capital.") == ["africa"]
    assert regions(tagger, "", "Lebanon's army deployed in Tripoli after clashes.") == [
        "middle-east"
    ]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Niger's junta expelled the envoy.", "NE"),
        ("Nigeria's inflation eased in October.", "NG"),
        ("Nigerien soldiers were killed.", "NE"),
        ("Guinea's junta set an election date.", "GN"),
        ("Guinea-Bissau's president dissolved parliament.", "GW"),
        ("Equatorial Guinea's vice president spoke.", "GQ"),
        ("Papua New Guinea's parliament met.", "PG"),
        ("Sudan's army advanced.", "SD"),
        ("South Sudan's president spoke.", "SS"),
        ("Congo's army fought M23 rebels.", "CD"),
        ("DR Congo signed a deal.", "CD"),
        ("The Republic of Congo held a vote.", "CG"),
        ("Dominica declared an emergency.", "DM"),
        ("The Dominican Republic deported migrants.", "DO"),
        ("Houthi rebels fired missiles.", "YE"),
        ("Hezbollah fired rockets.", "LB"),
        ("Hamas said talks stalled.", "PS"),
        ("The Kremlin said no date was set.", "RU"),
        ("The Pentagon ordered a review.", "US"),
        ("Downing Street said the plan was ready.", "GB"),
        ("Emirati investors bought the port.", "AE"),
        ("Fighting raged in Donbas.", "UA"),
        ("Drones hit Crimea overnight.", "UA"),
        ("Shelling hit the West Bank.", "PS"),
        ("Protests spread in Kashmir.", "IN"),
        ("Hunger spread across Darfur.", "SD"),
        ("Fighting resumed in Tigray.", "ET"),
        ("Cotton from Xinjiang was banned.", "CN"),
        ("Kosovo's parliament met.", "XK"),
        ("Western Sahara talks resumed.", "EH"),
    ],
)
def test_lookalike_and_special_names(tagger: GeoTagger, text: str, country: str) -> None:
    result = tagger.tag(make_item("", text))
    assert result.focus and result.focus[0].country == country


def test_hyphenated_compound_is_not_the_place(tagger: GeoTagger) -> None:
    body = "Swiss police said a fire at a bar in Crans-Montana killed two people."
    assert regions(tagger, "", body) == ["europe"]
    assert set(regions(tagger, "", "Oman hosted US-Iran talks in Muscat on Sunday.")) >= {
        "middle-east"
    }


def test_area_names_vote_for_their_region(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Heavy rains in the Sahel displaced thousands.") == ["africa"]


def test_short_all_caps_word_is_an_acronym_but_a_leading_dateline_counts(
    tagger: GeoTagger,
) -> None:
    assert regions(tagger, "", "Police sent a SWAT team and the NICE panel met on Monday.") == []
    assert regions(tagger, "", "GAZA (Wire) - Strikes hit the enclave overnight.") == [
        "middle-east"
    ]


def test_regional_places_and_metonyms(tagger: GeoTagger) -> None:
    body = "Clashes in Plateau State killed 17 people, police said."
    assert regions(tagger, "", body) == ["africa"]
    body = "Gunmen attacked a checkpoint in Bannu district on Tuesday, officials said."
    assert regions(tagger, "", body) == ["asia-pacific"]


def test_generic_institution_needs_support(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Congress voted to remove the president on Friday.") == []
    body = "Congress passed the bill after Republicans and Democrats struck a deal."
    assert regions(tagger, "", body) == ["americas"]


def test_one_dateline_one_vote(tagger: GeoTagger) -> None:
    result = tagger.tag(make_item("Talks", "Talks went on.", "Ramallah, West Bank"))
    located = [e for e in result.evidence if e.field == "located"]
    assert [e.weight > 0 for e in located] == [True, False]


def test_clubs_named_after_cities(tagger: GeoTagger) -> None:
    assert regions(tagger, "", "Inter Milan beat Napoli 2-0 on Sunday.") == ["europe"]
    assert regions(tagger, "", "Paris Saint-Germain won the league on Saturday.") == ["europe"]


def test_person_reading_carries_to_the_headline(tagger: GeoTagger) -> None:
    body = "Tyrese Jordan scored 31 points as the Chicago Bulls beat the New York Knicks."
    assert regions(tagger, "Jordan's late winner lifts Bulls", body) == ["americas"]
    body = "Israel Katz said Israel would keep troops in Gaza, Israeli media reported."
    assert regions(tagger, "", body) == ["middle-east"]
