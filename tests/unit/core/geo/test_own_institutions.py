"""A country's own institutions as home copy names them (``institutions_i18n.tsv``) locate a
story that names nothing else, in that language only; a name several states share stays weak
and never adds its country as a second region.

Likewise national utilities, election bodies whose name only one state uses and Egypt's
ministers as Arabic copy writes them (session 24, hgeo54); Brazil's court in Spanish copy stays
in the Americas (review hrev24b)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import make_item, tag_language


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


def _tag(tagger: GeoTagger, headline: str, body: str, language: str) -> list[str]:
    item = make_item(headline, body)
    item.language = language
    return tagger.tag(item).regions


# --- national utilities that load-shedding copy names alone ------------------------------------


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Sonelgaz", "africa"),
        ("la Senelec", "africa"),
        ("la Jirama", "africa"),
        ("la Sonabel", "africa"),
        ("la Nigelec", "africa"),
        ("la STEG", "africa"),
        ("Eneo", "africa"),
    ],
)
def test_a_national_utility_locates_a_placeless_outage_story(
    tagger: GeoTagger, name: str, region: str
) -> None:
    body = (
        f"Les coupures d'électricité se multiplient dans plusieurs quartiers, et {name} promet "
        "un retour à la normale d'ici la fin de la semaine."
    )
    assert _tag(tagger, "Les délestages reprennent", body, "fr") == [region]


def test_a_utilitys_acronym_is_no_capitalised_word(tagger: GeoTagger) -> None:
    # German "Steg" (a jetty) is no Tunisian utility.
    body = "Der Steg am Ufer wird im Frühjahr erneuert, teilte die Gemeinde mit."
    assert _tag(tagger, "Steg gesperrt", body, "de") == []


# --- Egypt's ministers as Arabic copy writes them -----------------------------------------------


@pytest.mark.parametrize(
    "minister",
    ["محمد عبد اللطيف", "أحمد كجوك", "بدر عبد العاطي", "خالد عبد الغفار", "رانيا المشاط"],
)
def test_an_egyptian_minister_in_arabic_locates_a_placeless_story(
    tagger: GeoTagger, minister: str
) -> None:
    body = f"أعلن الوزير {minister} اليوم عن خطة جديدة تبدأ مطلع العام المقبل، بحسب بيان رسمي."
    assert _tag(tagger, "الوزير يعلن خطة جديدة", body, "ar") == ["africa"]


@pytest.mark.parametrize(
    ("title", "name"),
    # The February 2026 reshuffle's ministers (housing, culture, planning, information) and the
    # House speaker elected in January 2026 (review of session 24).
    [
        ("الوزيرة", "راندا المنشاوي"),
        ("الوزيرة", "جيهان زكي"),
        ("الوزير", "أحمد رستم"),
        ("الوزير", "ضياء رشوان"),
        ("رئيس المجلس", "هشام بدوي"),
    ],
)
def test_an_egyptian_minister_of_the_2026_reshuffle_locates_a_placeless_story(
    tagger: GeoTagger, title: str, name: str
) -> None:
    body = f"أعلن {title} {name} اليوم عن خطة جديدة تبدأ مطلع العام المقبل، بحسب بيان رسمي."
    assert _tag(tagger, "الوزير يعلن خطة جديدة", body, "ar") == ["africa"]


def test_a_former_minister_now_at_the_un_is_no_egyptian_evidence(tagger: GeoTagger) -> None:
    # Yasmine Fouad left the cabinet in 2025 to head the UN desertification convention: Arabic
    # copy naming her speaks for the UN body, not for Egypt (review of session 24).
    item = make_item(
        "تحذير أممي من الجفاف",
        "حذرت ياسمين فؤاد، الأمينة التنفيذية لاتفاقية مكافحة التصحر، من موجات جفاف أطول.",
    )
    item.language = "ar"
    assert "EG" not in {e.country for e in tagger.tag(item).evidence if e.weight > 0}


# --- election bodies whose name only one state uses ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "language", "region"),
    [
        ("Los Tribunales Electorales Departamentales sortearon a los jurados.", "es", "americas"),
        ("La Registraduría amplió el horario de entrega de cédulas.", "es", "americas"),
        ("El Servel publicó el padrón definitivo de electores.", "es", "americas"),
        ("La ONPE entregó los resultados al cien por ciento.", "es", "americas"),
        ("O Tribunal Superior Eleitoral divulgou o calendário.", "pt", "americas"),
    ],
)
def test_a_national_election_body_locates_a_placeless_story(
    tagger: GeoTagger, sentence: str, language: str, region: str
) -> None:
    assert _tag(tagger, "", sentence, language) == [region]


def test_a_shared_election_body_stays_unlocated(tagger: GeoTagger) -> None:
    # Bolivia's, Guatemala's and El Salvador's courts are all the "Tribunal Supremo Electoral".
    body = "El Tribunal Supremo Electoral sorteó a los jurados de las mesas de votación."
    assert _tag(tagger, "", body, "es") == []


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
