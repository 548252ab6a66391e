"""Home services: domestic copy in a language one country's press writes names its own police,
job agency, statistics office, ministries and health services without the country ("das teilte
die Polizei mit", "hadde Nav 93 300 ledige"), and Senegal's press names its leaders by their
short names ("Diomaye et Sonko"). Weak evidence: it locates a story that names nothing else,
never outweighs a named place, never makes a second region, and only in items of that language;
the same nouns in copy about another country of the language stay that country's (issue #16,
session 22, hgeo36, hgeo38 and review hrev22). Every text here was written for these tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.model import WireItem

from .conftest import linked, make_item, tag_language
from .conftest import tag_language as tag


def _item(headline: str, body: str, language: str) -> WireItem:
    item = make_item(headline, body)
    item.language = language
    return item


@pytest.mark.parametrize(
    ("language", "headline", "body", "country"),
    [
        (
            "de",
            "Radfahrer bei Unfall schwer verletzt",
            "Ein 41-jähriger Radfahrer ist am Sonntagabend an einer Ampel von einem Lieferwagen "
            "erfasst worden, wie die Polizei am Montag mitteilte.",
            "DE",
        ),
        (
            "da",
            "Bilist kørte ind i busskur",
            "En 30-årig bilist mistede i nat herredømmet over bilen, oplyser politiet, der "
            "efterlyser vidner til uheldet.",
            "DK",
        ),
        (
            "no",
            "Flere helt ledige i mars",
            "Ved utgangen av mars var 71 200 personer registrert som helt ledige hos Nav, "
            "viser nye tall.",
            "NO",
        ),
        (
            "sv",
            "Man gripen efter inbrott",
            "En man i 40-årsåldern greps under natten misstänkt för inbrott i en villa, "
            "uppger polisen.",
            "SE",
        ),
        (
            "fi",
            "Mopoilija loukkaantui kolarissa",
            "Poliisin mukaan mopoilija ajoi risteyksessä auton kylkeen tiistai-iltana.",
            "FI",
        ),
        (
            "it",
            "Furto in farmacia, due arresti",
            "I carabinieri hanno arrestato due giovani sorpresi a rubare in una farmacia.",
            "IT",
        ),
    ],
)
def test_home_services_locate_placeless_home_copy(
    tagger: GeoTagger, language: str, headline: str, body: str, country: str
) -> None:
    regions, found = tag(tagger, headline, body, language, weighted=True)
    assert regions == ["europe"]
    assert {c for c, _rule in found.values()} == {country}


def test_home_services_only_in_their_language(tagger: GeoTagger) -> None:
    # "politiet" is no word of English copy, and "Polizei" in English copy is a German word
    # quoted, not the readers' police.
    assert tag(tagger, "", "The band Politiet played a short set before the rain.", "en")[0] == []
    assert tag(tagger, "", "A film called Polizei opened the festival.", "en")[0] == []


def test_the_police_abroad_are_not_the_readers(tagger: GeoTagger) -> None:
    # German copy on a crash abroad: the police there are Spain's or Texas's, so "Polizei"
    # counts for nothing (rule service-abroad): no second region, no German focus.
    body = "Auf Mallorca ist ein Urlauber von einem Auto erfasst worden, teilte die Polizei mit."
    regions, found = tag(tagger, "Urlauber verletzt", body, "de")
    assert regions == ["europe"]
    assert found["Polizei"] == ("DE", "service-abroad")
    body = "In Texas ist ein Polizist bei einem Einsatz verletzt worden, teilte die Polizei mit."
    result = tagger.tag(_item("Polizist verletzt", body, "de"))
    assert result.regions == ["americas"]
    assert [f.country for f in result.focus] == ["US"]


def test_the_police_of_a_home_town_stay_home(tagger: GeoTagger) -> None:
    body = "Politiet i Bergen søker vitner etter et innbrudd i en butikk i natt."
    regions, found = tag(tagger, "Innbrudd i butikk", body, "no", weighted=True)
    assert regions == ["europe"]
    assert found["Politiet"] == ("NO", "service")


def test_swedish_police_abroad_stay_abroad(tagger: GeoTagger) -> None:
    body = "Den norska polisen i Bergen söker vittnen efter en knivskottning i natt."
    result = tagger.tag(_item("", body, "sv"))
    assert result.regions == ["europe"]
    assert "SE" not in [f.country for f in result.focus]
    body = "Polisen i Chicago söker en man efter en skjutning i natt."
    assert tag(tagger, "", body, "sv")[0] == ["americas"]


def test_senegal_leaders_by_their_short_names(tagger: GeoTagger) -> None:
    headline = "Conseil des ministres : ce que préparent Diomaye et Sonko"
    body = "Les ministres sont convoqués mardi, un jour plus tôt que d'habitude."
    regions, found = tag(tagger, headline, body, "fr")
    assert regions == ["africa"]
    assert found["Diomaye"][0] == found["Sonko"][0] == "SN"


def test_sonko_in_a_match_report_is_no_venue(tagger: GeoTagger) -> None:
    # A player named Sonko in a match report abroad: the venue places it, Senegal never
    # becomes a second region.
    body = (
        "Le milieu Sonko a marqué le seul but du match à Lyon, samedi, pour la victoire de "
        "son club en championnat."
    )
    assert tag(tagger, "Victoire à l'arraché", body, "fr")[0] == ["europe"]


def test_an_agencys_acronym_abroad_is_something_else(tagger: GeoTagger) -> None:
    # Brazilian copy writes Guns N' Roses "GNR": beside São Paulo it is no Portuguese
    # gendarmerie (an acronym is kind service too).
    body = (
        "A banda, que os fãs chamam de GNR, tocou por três horas no estádio do Morumbi, "
        "em São Paulo, diante de 60 mil pessoas."
    )
    result = tagger.tag(_item("Show histórico no Morumbi", body, "pt"))
    assert result.regions == ["americas"]
    assert [f.country for f in result.focus] == ["BR"]
    # Alone, in Portuguese copy, it is Portugal's GNR.
    body = "A GNR deteve ontem dois homens por furto de cobre numa linha férrea."
    assert tag(tagger, "Dois detidos por furto de cobre", body, "pt")[0] == ["europe"]


def test_a_hub_is_no_welfare_agency(tagger: GeoTagger) -> None:
    # Norwegian "nav" in lower case is a hub; only "Nav" names the agency.
    body = "Byen har lenge vært et nav for handel og skipsfart i hele landsdelen."
    assert tag(tagger, "Byen vokser", body, "no")[0] == []


def test_a_seat_belt_is_no_police_directorate(tagger: GeoTagger) -> None:
    # Turkish "emniyet" is also safety ("emniyet kemeri", a seat belt): only the directorate's
    # name is the police.
    body = (
        "Üreticiler, sürücünün emniyet kemerini takmadığını algılayan yeni bir sensör geliştirdi."
    )
    assert tag(tagger, "Yeni araçlarda akıllı emniyet kemeri", body, "tr")[0] == []
    body = "İl Emniyet Müdürlüğü ekipleri, iki iş yerinden hırsızlık yapan şüpheliyi yakaladı."
    assert tag(tagger, "Hırsızlık şüphelisi yakalandı", body, "tr")[0] == ["middle-east"]


# -- home services and named bodies --------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "body", "language", "country", "region"),
    [
        (
            "Ruuhka päivystyksessä helpotti",
            "Sairaanhoitopiirin mukaan päivystysten jonot lyhenivät joulun alla, kertoo "
            "keskussairaalan ylilääkäri.",
            "fi",
            "FI",
            "europe",
        ),
        (
            "Il pronto soccorso chiude di notte",
            "Mancano medici: il pronto soccorso resterà chiuso di notte, ha deciso il "
            "consiglio comunale dopo un lungo dibattito.",
            "it",
            "IT",
            "europe",
        ),
        (
            "Acil serviste doktor sıkıntısı",
            "İlçe Devlet Hastanesi'nin acil servisinde pratisyen hekim sayısı ikiye düştü, "
            "başhekim nöbet tutuyor.",
            "tr",
            "TR",
            "middle-east",
        ),
        (
            "Helsedepartementet krever svar fra sykehuset",
            "Helse- og omsorgsdepartementet ber Ahus rydde opp i ventelistene.",
            "no",
            "NO",
            "europe",
        ),
    ],
)
def test_home_services_and_bodies_locate_home_copy(
    tagger: GeoTagger, headline: str, body: str, language: str, country: str, region: str
) -> None:
    regions, evidence = tag_language(tagger, headline, body, language, weighted=True)
    assert regions == [region]
    assert {c for c, _r in evidence.values()} == {country}


def test_norwegian_ministry_in_copy_guessed_danish(tagger: GeoTagger) -> None:
    # Bokmål copy is often guessed as Danish; Norway's ministry names stay Norway's.
    regions, evidence = tag_language(
        tagger,
        "Departementet krever svar",
        "Helse- og omsorgsdepartementet mener ventetiden ved Ahus er uakseptabel.",
        "da",
    )
    assert regions == ["europe"]
    assert evidence["Ahus"][0] == "NO"


def test_swedish_ministry_in_norwegian_copy_stays_swedens(tagger: GeoTagger) -> None:
    # "Finansdepartementet" is Sweden's ministry too: a service, beside Sweden it counts
    # for nothing and Norway joins no focus.
    item = linked(
        (
            "Sverige strammer inn",
            "Finansdepartementet i Stockholm vil kutte i budsjettet, skriver Sveriges regjering.",
        ),
        None,
        "no",
    )
    result = tagger.tag(item)
    assert result.regions == ["europe"]
    assert [f.country for f in result.focus] == ["SE"]


def test_finnish_finance_ministry_of_sweden_is_not_finlands(tagger: GeoTagger) -> None:
    item = linked(
        ("Ruotsi nostaa arvonlisäveroa", "Ruotsin valtiovarainministeriö esittää veronkorotusta."),
        None,
        "fi",
    )
    result = tagger.tag(item)
    assert [f.country for f in result.focus] == ["SE"]


def test_german_emergency_room_in_vienna_stays_austrias(tagger: GeoTagger) -> None:
    item = linked(
        ("Lange Wartezeiten", "In der Notaufnahme des AKH in Wien warten Patienten stundenlang."),
        None,
        "de",
    )
    result = tagger.tag(item)
    assert result.regions == ["europe"]
    assert "DE" not in [f.country for f in result.focus]


def test_pacto_de_toledo_is_spain_and_toledo_ohio_stays(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Las pensiones subirán un 0,25 %",
        "La Comisión del Pacto de Toledo estudiará en primavera la revalorización de las "
        "pensiones.",
        "es",
    )
    assert regions == ["europe"]
    assert evidence["Pacto de Toledo"][0] == "ES"
    regions, _ = tag_language(
        tagger,
        "Cierra una fábrica en Toledo, Ohio",
        "La planta de Toledo, Ohio, despedirá a 400 trabajadores, informó la empresa.",
        "es",
    )
    assert regions == ["americas"]


@pytest.mark.parametrize(
    ("headline", "body", "regions"),
    [
        (
            "Show do GNR lota estádio",
            "A banda GNR lotou o estádio no show de sábado, com ingressos esgotados em duas horas.",
            [],
        ),
        (
            "Guns N' Roses: GNR anuncia nova turnê",
            "O GNR anunciou uma turnê por estádios no ano que vem, com três datas confirmadas.",
            [],
        ),
        (
            "GNR registou 300 acidentes no fim de semana",
            "A GNR registou 300 acidentes e fiscalizou 12 mil condutores durante a operação.",
            ["europe"],
        ),
    ],
)
def test_gnr_is_portugals_guard_only_with_its_cues(
    tagger: GeoTagger, headline: str, body: str, regions: list[str]
) -> None:
    assert tag_language(tagger, headline, body, "pt")[0] == regions


def test_northern_cyprus_police_copy_is_cyprus(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "KKTC'de polis kaçakçıyı yakaladı",
        "Polis ekipleri limanda bir kaçakçıyı yakaladı, belediye meclisi de toplandı.",
        "tr",
        weighted=True,
    )
    assert regions == ["europe"]
    assert {c for c, _r in evidence.values()} == {"CY"}
