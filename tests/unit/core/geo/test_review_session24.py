"""Review of session 24's geo rules (hrev24b): wire-style copy written for these tests, one
guard per suspicion that the new rules or rows read other real copy wrongly. The fixes the
review made are tested beside their rules (``test_former_team.py``, ``test_credit_desks.py``,
``test_ancestry.py``, ``test_session24_hgeo54.py``)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger, context

from .conftest import linked, make_item

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


# --- election words on a home outlet (home_topics.tsv) ---------------------------------------


def test_foreign_election_copy_on_a_home_outlet_keeps_the_country_it_names(
    tagger: GeoTagger,
) -> None:
    # A Bolivian outlet on Chile's run-off: the copy names Chile, so the outlet never decides.
    text = (
        "Chile elige presidente",
        "Los votantes de Chile acuden a las urnas este domingo en la segunda vuelta de las "
        "elecciones presidenciales.",
    )
    result = tagger.tag(linked(text, "https://www.ejemplo.com.bo/mundo/chile", "es"))
    assert result.regions == ["americas"]
    assert "outlet-home" not in {e.rule for e in result.evidence}
    assert {e.country for e in result.evidence if e.weight > 0} == {"CL"}


def test_foreign_election_copy_on_a_home_outlet_of_another_region_stays_out(
    tagger: GeoTagger,
) -> None:
    # A French site on Senegal's vote: Senegal, not France.
    text = (
        "Présidentielle: le Sénégal vote",
        "Les électeurs sénégalais se rendent aux urnes dimanche pour le premier tour du "
        "scrutin présidentiel.",
    )
    result = tagger.tag(linked(text, "https://www.exemple.fr/monde/senegal", "fr"))
    assert result.regions == ["africa"]


# --- election bodies: a Spanish name of Brazil's court is the Dominican one's ---------------


def test_brazils_court_in_spanish_copy_stays_in_the_americas(tagger: GeoTagger) -> None:
    # EFE-style Spanish copy calls Brazil's TSE "Tribunal Superior Electoral", the Dominican
    # court's name (national_bodies.tsv): the country named beside it wins, the region is one.
    item = make_item(
        "Brasil fija el calendario",
        "El Tribunal Superior Electoral de Brasil fijó el calendario de los comicios "
        "municipales en São Paulo y Río de Janeiro.",
    )
    item.language = "es"
    result = tagger.tag(item)
    assert result.regions == ["americas"]
    assert result.focus[0].country == "BR"
