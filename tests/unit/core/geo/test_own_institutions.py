"""A country's own institutions as home copy names them (``institutions_i18n.tsv``) locate a
story that names nothing else, in that language only; a name several states share stays weak
and never adds its country as a second region."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import tag_language


@pytest.mark.parametrize(
    ("language", "headline", "body", "name", "country", "region"),
    [
        (
            "fr",
            "L'Assemblée nationale adopte le budget",
            "Les députés ont voté le texte en première lecture mardi soir.",
            "Assemblée nationale",
            "FR",
            "europe",
        ),
        (
            "de",
            "Reisewarnung verschärft",
            "Das Auswärtige Amt rät von allen nicht notwendigen Reisen ab.",
            "Auswärtige Amt",
            "DE",
            "europe",
        ),
        (
            "it",
            "Il decreto passa al voto",
            "Il testo arriva alla Camera dei deputati dopo il via libera di ieri.",
            "Camera dei deputati",
            "IT",
            "europe",
        ),
        (
            "fi",
            "Laki etenee",
            "Hallituksen esitys käsitellään eduskunnassa ensi viikolla.",
            "eduskunnassa",
            "FI",
            "europe",
        ),
        (
            "sv",
            "Beslut väntas",
            "Förslaget röstades igenom i riksdagen på onsdagen.",
            "i riksdagen",
            "SE",
            "europe",
        ),
        (
            "da",
            "Rejsevejledning skærpes",
            "Udenrigsministeriet fraråder alle rejser til området.",
            "Udenrigsministeriet",
            "DK",
            "europe",
        ),
        (
            "pt",
            "Projeto avança",
            "A proposta foi aprovada pela Câmara dos Deputados nesta quarta-feira.",
            "Câmara dos Deputados",
            "BR",
            "americas",
        ),
        (
            "tr",
            "Tatbikat sürüyor",
            "MSB yazılı açıklamasında tatbikatın planlandığı gibi sürdüğünü bildirdi.",
            "MSB",
            "TR",
            "middle-east",
        ),
    ],
)
def test_own_institution_locates_home_copy(
    tagger: GeoTagger,
    language: str,
    headline: str,
    body: str,
    name: str,
    country: str,
    region: str,
) -> None:
    regions, found = tag_language(tagger, headline, body, language, weighted=True)
    assert regions == [region]
    assert found[name][0] == country


def test_a_shared_parliament_name_adds_no_second_region(tagger: GeoTagger) -> None:
    regions, found = tag_language(
        tagger,
        "Sénégal : l'Assemblée nationale vote la loi d'amnistie",
        "Les députés sénégalais, réunis à Dakar, ont adopté le texte.",
        "fr",
    )
    assert regions == ["africa"]
    assert found["Assemblée nationale"] == ("FR", "house")


def test_only_in_its_language(tagger: GeoTagger) -> None:
    # English copy: still the international body, which locates nothing alone.
    regions, found = tag_language(
        tagger, "Assemblée nationale votes", "The deputies adopted the budget.", "en"
    )
    assert regions == []
    assert found["Assemblée nationale"][1] == "body"
    # German copy does not read the Danish ministry.
    assert tag_language(tagger, "", "Udenrigsministeriet sagt nichts.", "de")[0] == []


def test_a_shared_parliament_name_in_a_headline_is_no_second_region(tagger: GeoTagger) -> None:
    regions, _ = tag_language(
        tagger,
        "Assemblée nationale : le président du parlement réélu",
        "À Dakar, les députés du Sénégal ont reconduit leur bureau pour un an.",
        "fr",
    )
    assert regions == ["africa"]
