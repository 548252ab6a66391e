"""Session 24 (issue #16, hgeo54, ``bench/data/geo_real_xx_a54.jsonl``): the probe's misses were
home stories in other languages than English that name no place, only a national utility, an
election body, a minister written in Arabic script, or nothing but the election itself on a home
outlet. Each test text was written for these tests, in the layouts of such briefs; none is a
probe row."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import linked, make_item


def _tag(tagger: GeoTagger, headline: str, body: str, language: str) -> list[str]:
    item = make_item(headline, body)
    item.language = language
    return tagger.tag(item).regions


# --- elections are home affairs: a placeless election story on a home outlet is home news ------

POLL_WORKERS_ES = (
    "Comienza la capacitación de los jurados",
    "Los ciudadanos elegidos para atender las mesas de sufragio en los comicios del domingo "
    "serán capacitados desde el lunes, informó el tribunal.",
)
CAMPAIGN_AR = (
    "الحملات الانتخابية تحتدم",
    "تشتد الحملات الانتخابية مع اقتراب موعد الاقتراع، ويتهم المرشحون السلطة باستغلال "
    "نفوذها لدعم مرشحيها.",
)


@pytest.mark.parametrize(
    ("text", "language", "link", "country", "region"),
    [
        (POLL_WORKERS_ES, "es", "https://www.ejemplo.com.bo/noticias/jurados", "BO", "americas"),
        (CAMPAIGN_AR, "ar", "https://www.example.com.lb/?p=1", "LB", "middle-east"),
    ],
)
def test_a_placeless_election_story_takes_its_outlets_home(
    tagger: GeoTagger, text: tuple[str, str], language: str, link: str, country: str, region: str
) -> None:
    result = tagger.tag(linked(text, link, language))
    assert result.regions == [region]
    assert [(e.rule, e.country) for e in result.evidence][-1:] == [("outlet-home", country)]


def test_an_election_story_without_an_address_stays_unlocated(tagger: GeoTagger) -> None:
    assert tagger.tag(linked(CAMPAIGN_AR, None, "ar")).regions == []


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


# --- Finnish names of US states, regions and compound countries ---------------------------------


@pytest.mark.parametrize(
    ("place", "country"),
    [
        ("Havaijilla", "US"),
        ("Kaliforniassa", "US"),
        ("Teksasissa", "US"),
        ("Pohjois-Carolinassa", "US"),
        ("Uudessa-Meksikossa", "US"),
        ("Pohjois-Irlannissa", "GB"),
        ("Uudessa-Seelannissa", "NZ"),
        ("Siperiassa", "RU"),
        ("Kamtšatkalla", "RU"),
        ("Krimillä", "UA"),
        ("Itä-Timorissa", "TL"),
    ],
)
def test_finnish_names_the_global_lists_miss(tagger: GeoTagger, place: str, country: str) -> None:
    item = make_item(
        "Myrsky katkaisi sähköt", f"Myrsky iski {place} tiistaina, viranomaiset kertoivat."
    )
    item.language = "fi"
    assert {e.country for e in tagger.tag(item).evidence if e.weight > 0} == {country}
