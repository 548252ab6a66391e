"""Regions and sites that copy names instead of the country (``places.tsv``, issue #16):
South Africa's Zululand, which local copy and its institutions name where they name no province
or country, and Egypt's Valley of the Kings (session 24, hgeo55, a55-020 and a55-012).

Iran's cities and sites in the spellings English copy writes (Hamedan, Lake Urmia, Natanz)
locate its copy likewise, even against a list of guest countries (session 19, hgeo25)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, make_item


def test_zululand_places_a_campus_story(tagger: GeoTagger) -> None:
    # Invented, in the layout of a press-agency campus story naming only the university.
    regions, ev = evidence_by_text(
        tagger,
        "Campus closed after protest",
        "Lectures were suspended at the University of Zululand on Tuesday after students "
        "ignored an order to return to class.",
    )
    assert ev["Zululand"][0] == "ZA"
    assert regions == ["africa"]


def test_the_valley_of_the_kings_is_egypt_not_anguilla(tagger: GeoTagger) -> None:
    # Session 24 (hgeo55, a55-012): "The Valley of the Kings" opening a sentence read as The
    # Valley, Anguilla's capital, and added americas to an Egyptian archaeology story.
    regions, ev = evidence_by_text(
        tagger,
        "Tomb found near Luxor",
        "Archaeologists have found an intact tomb.\n\nThe Valley of the Kings was used for "
        "royal burials for some 500 years.",
    )
    assert "The Valley" not in ev
    assert ev["The Valley of the Kings"][0] == "EG"
    assert regions[0] == "africa" and "americas" not in regions


def test_gozo_and_maltese_localities_place_a_local_match_report(tagger: GeoTagger) -> None:
    # Session 24 (hgeo57, a57-005 and a57-002): Maltese local copy names Gozo and the islands'
    # localities (all under the city list's 15,000 floor but a few) and never Malta; a Gozo
    # league report read "Victoria" (Gozo's capital) as Hong Kong's and went to asia-pacific.
    regions, ev = evidence_by_text(
        tagger,
        "Wanderers go four points clear",
        "Gozo Football League Division II, Kercem Arkafort Stadium.\n\nSK Victoria Wanderers "
        "beat their rivals 4-0 after Xewkija Tigers lost at Nadur.",
    )
    assert ev["Gozo"][0] == "MT"
    assert regions == ["europe"]


def test_floriana_before_a_surname_is_an_italian_woman_not_malta(tagger: GeoTagger) -> None:
    # Review hrev24c: Floriana (places.tsv, Malta) is an Italian given name; a byline or a
    # mayor's name is no Maltese locality.
    regions, ev = evidence_by_text(
        tagger,
        "Sindaca rieletta al primo turno",
        "La sindaca Floriana Bellini è stata rieletta domenica con il 58 per cento dei voti.",
    )
    assert ev.get("Floriana", ("", "", 0.0))[2] == 0.0
    assert "europe" not in regions


def _regions(tagger: GeoTagger, headline: str, body: str) -> list[str]:
    item = make_item(headline, body)
    item.language = "en"
    return tagger.tag(item).regions


def test_an_iranian_city_in_its_press_spelling_outweighs_a_list_of_guests(
    tagger: GeoTagger,
) -> None:
    # A state agency's conference report: the host city in the headline, the guests listed once.
    assert _regions(
        tagger,
        "Handicrafts forum opens in Hamedan with guests from nine countries",
        "A handicrafts forum has opened in Hamedan, in western Iran, with about 30 guests and "
        "Iranian officials.\n\n"
        "The city's governor said he hoped the forum would bring more visitors to Hamedan.\n\n"
        "The guest countries are China, Japan, India, Nepal, Bhutan, Kazakhstan, Kyrgyzstan, "
        "Tajikistan and Uzbekistan.",
    ) == ["middle-east"]


def test_a_lake_and_a_nuclear_site_in_english_spelling_are_iranian(tagger: GeoTagger) -> None:
    assert _regions(
        tagger,
        "Farmers blame dams as Urmia shrinks again",
        "Farmers around Lake Urmia said on Monday the water had fallen to its lowest level in "
        "a decade.",
    ) == ["middle-east"]
    assert _regions(
        tagger,
        "Inspectors due at Natanz next week",
        "Inspectors are due to visit Natanz next week, a spokesman said on Tuesday.",
    ) == ["middle-east"]


@pytest.mark.parametrize(
    ("body", "name", "country", "region"),
    [
        (
            "The NSW government said on Tuesday the rail strike would go ahead.",
            "NSW",
            "AU",
            "asia-pacific",
        ),
        (
            "The Qld government said on Tuesday the rail strike would go ahead.",
            "Qld",
            "AU",
            "asia-pacific",
        ),
        (
            "The KZN health department said on Tuesday the clinics would reopen.",
            "KZN",
            "ZA",
            "africa",
        ),
        (
            "NYC officials said on Tuesday the subway strike would go ahead.",
            "NYC",
            "US",
            "americas",
        ),
        ("Teachers across NZ walked out on Tuesday.", "NZ", "NZ", "asia-pacific"),
        ("Lawmakers in HK passed the security bill on Tuesday.", "HK", "HK", "asia-pacific"),
    ],
)
def test_the_short_form_home_copy_writes_locates_the_story(
    tagger: GeoTagger, body: str, name: str, country: str, region: str
) -> None:
    # Home copy names its state, province, city or country by the short form alone ("the NSW
    # government", "KZN", "NYC", "NZ"), which no list held (session 29, hgeo73, probe a73's
    # institutions-only class).
    regions, ev = evidence_by_text(tagger, "Strike goes ahead", body)
    assert ev[name][0] == country
    assert regions == [region]


def test_the_short_forms_match_only_as_written(tagger: GeoTagger) -> None:
    # Lower case is no abbreviation ("nsw", "nz" in an app's or a handle's name; session 29,
    # hgeo73).
    regions, ev = evidence_by_text(
        tagger, "Fees rise", "Users of the nsw and nz apps pay the new fees from Tuesday."
    )
    assert regions == []
    assert not ev
