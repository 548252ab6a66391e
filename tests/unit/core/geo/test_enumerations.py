"""Rule ``list``: four or more countries enumerated one after another ("Britain, China, France,
Germany and Iran signed") are parties or members of something, each a passing mention at half
weight and no place, so they no longer outweigh the country the story is about (issue #16,
session 20, a8 spent). Fewer than four, or countries apart in the text, keep their weight. The
list's last member joined by a conjunction of any agency language (``list_conjunctions.txt``:
Finnish "ja", German "und") is part of it, but two or three countries so joined are no list
(session 24, hgeo54 and review hrev24b). Sentences written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, make_item

_TALKS = (
    "Negotiators met in Geneva on Tuesday for a new round of talks on Venezuela's disputed "
    "election, trying to restart a dialogue between Caracas and the opposition.\n\n"
    "It is the first meeting there since May. Venezuelan officials said they "
    "would not accept new conditions.\n\n"
    "Brazil, Colombia, Mexico, Norway, Spain and the United States back the process."
)


def test_an_enumeration_of_parties_is_a_passing_mention(tagger: GeoTagger) -> None:
    regions, evidence = evidence_by_text(tagger, "Venezuela talks resume", _TALKS)
    for name in ("Brazil", "Colombia", "Mexico", "Norway", "Spain", "United States"):
        assert evidence[name][1] == "list", name
    assert evidence["Norway"][2] == 0.5
    # Norway and Spain made Europe a second region before; the venue alone does not.
    assert regions == ["americas"]


def test_three_countries_are_no_enumeration(tagger: GeoTagger) -> None:
    body = "Ministers from Kenya, Uganda and Tanzania met in Arusha to agree on a rail link."
    _, evidence = evidence_by_text(tagger, "Rail link agreed", body)
    assert evidence["Uganda"][1] == "country"


def test_countries_apart_in_the_text_keep_their_weight(tagger: GeoTagger) -> None:
    body = (
        "France said it would send aid. Germany offered tents, Italy sent doctors, and Spain "
        "pledged money; Portugal sent a ship."
    )
    _, evidence = evidence_by_text(tagger, "Aid pledged", body)
    assert evidence["Italy"][1] == "country"
    assert evidence["Portugal"][1] == "country"


def test_an_enumeration_of_one_region_still_locates_it(tagger: GeoTagger) -> None:
    body = (
        "Drought has left millions short of food in Angola, Lesotho, Malawi, Namibia and "
        "Zimbabwe, the agency said, appealing for funds."
    )
    regions, evidence = evidence_by_text(tagger, "Appeal for drought aid", body)
    assert evidence["Malawi"][1] == "list"
    assert regions == ["africa"]


# --- enumerations in the agency languages -------------------------------------------------------


def test_a_finnish_enumerations_last_member_is_part_of_the_list(tagger: GeoTagger) -> None:
    body = (
        "Järistys nostatti aaltoja Japaniin. Varoituksia annettiin laajalti, esimerkiksi "
        "Kanadassa, Meksikossa, Ecuadorissa, Perussa ja Kiinassa."
    )
    item = make_item("Tsunamivaroitus laajeni", body)
    item.language = "fi"
    rules = {e.text: e.rule for e in tagger.tag(item).evidence}
    assert rules["Kiinassa"] == "list"
    assert rules["Japaniin"].startswith("country")


def test_four_countries_joined_by_a_german_und_are_a_list(tagger: GeoTagger) -> None:
    body = (
        "Die Regierung in Athen begrüßte das Abkommen. Frankreich, Italien, Spanien und Portugal "
        "unterzeichneten es am Montag."
    )
    item = make_item("Abkommen unterzeichnet", body)
    item.language = "de"
    rules = {e.text: e.rule for e in tagger.tag(item).evidence}
    assert [rules[n] for n in ("Frankreich", "Italien", "Spanien", "Portugal")] == ["list"] * 4


# --- list conjunctions of every agency language (list_conjunctions.txt) ----------------------


@pytest.mark.parametrize(
    ("headline", "body", "language", "name"),
    [
        # Finnish "ja", Swedish "och", Turkish "ve" between two or three countries: no list.
        (
            "Suomi ja Ruotsi sopivat yhteistyöstä",
            "Suomi ja Ruotsi sopivat maanantaina puolustusyhteistyöstä Helsingissä.",
            "fi",
            "Ruotsi",
        ),
        (
            "Sverige och Finland enades",
            "Sverige och Finland enades på måndagen om ett nytt avtal om gränsen i Haparanda.",
            "sv",
            "Finland",
        ),
        (
            "Türkiye ve Azerbaycan anlaştı",
            "Türkiye, Azerbaycan ve Gürcistan demiryolu hattını genişletmek için anlaştı.",
            "tr",
            "Azerbaycan",
        ),
    ],
)
def test_two_or_three_countries_joined_by_a_conjunction_are_no_list(
    tagger: GeoTagger, headline: str, body: str, language: str, name: str
) -> None:
    item = make_item(headline, body)
    item.language = language
    rules = [e.rule for e in tagger.tag(item).evidence if e.text == name]
    assert rules and "list" not in rules
