"""Session 22 (issue #16, hgeo38, xx_a49): domestic copy on budgets, taxes, pensions and
hospitals. It names its parties, its readers ("danskerne"), its health and local-government
services and its named regional bodies instead of the country, and on a home outlet words of
public budgets, taxes and pensions are home affairs (rule ``outlet-home``). The collisions:
the same nouns in copy about another country of the language stay that country's, a language
written in two regions never decides the region alone, and Spain's "Pacto de Toledo" leaves
Toledo, Ohio alone. Every text was written for these tests, in the layouts of the sites."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import linked, tag_language

# -- parties and people nouns -------------------------------------------------------------


def test_nynorsk_parties_locate_a_council_budget(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Senterpartiet og Framstegspartiet fekk fleirtal for budsjettet",
        "I kommunestyret i går røysta Senterpartiet og Framstegspartiet saman for sitt "
        "framlegg til budsjett for neste år.",
        "no",
    )
    assert regions == ["europe"]
    assert evidence["Senterpartiet"][0] == "NO"


def test_swedish_party_is_swedens_not_norways(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Centerpartiet kräver sänkt skatt",
        "Centerpartiet vill sänka skatten på arbete, säger partiets ekonomiska talesperson.",
        "sv",
    )
    assert regions == ["europe"]
    assert evidence["Centerpartiet"][0] == "SE"


@pytest.mark.parametrize(
    ("text", "language", "word", "country"),
    [
        (
            "Flere danskere går senere på pension, fordi pensionsalderen stiger igen for danskerne.",
            "da",
            "danskerne",
            "DK",
        ),
        (
            "Allt fler svenskar reser utomlands, och svenskarna lägger mer pengar på resor.",
            "sv",
            "svenskarna",
            "SE",
        ),
        ("Nordmennene bruker mer penger på strøm enn før.", "no", "Nordmennene", "NO"),
    ],
)
def test_nordic_people_nouns_name_the_country(
    tagger: GeoTagger, text: str, language: str, word: str, country: str
) -> None:
    regions, evidence = tag_language(tagger, "", text, language)
    assert regions == ["europe"]
    assert evidence[word][0] == country


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


# -- outlet-home: budgets, taxes and pensions are home affairs ------------------------------

TAXES_PT = (
    "Alta de impostos tem pouca chance",
    "O governo quer elevar impostos por um tempo para fechar as contas, mas o Congresso "
    "resiste a qualquer aumento da carga.",
)
BUDGET_ES = (
    "El pleno aprobará el presupuesto en enero",
    "El equipo de gobierno aplaza a enero la votación de las cuentas municipales, explicó "
    "ayer la alcaldesa.",
)
BUDGET_DE = (
    "Rat billigt den Etat",
    "Ohne Gegenstimme hat der Rat den Etat für dieses Jahr beschlossen; die Fraktionen hatten "
    "zuvor in den Ausschüssen gestritten.",
)
SLEEP_IT = (
    "Perché sogniamo di più al mattino",
    "Alcuni ricercatori hanno seguito il sonno di duecento volontari e pensano di aver capito "
    "perché i sogni del mattino restano in memoria.",
)


@pytest.mark.parametrize(
    ("text", "language", "link", "country", "region"),
    [
        (TAXES_PT, "pt", "https://www.jornal-exemplo.com.br/brasil/impostos", "BR", "americas"),
        (TAXES_PT, "pt", "https://www.jornal-exemplo.pt/economia/impostos", "PT", "europe"),
        (BUDGET_ES, "es", "https://www.diario-ejemplo.es/local/presupuesto", "ES", "europe"),
        (BUDGET_ES, "es", "https://www.diario-ejemplo.com.ar/local/presupuesto", "AR", "americas"),
        (BUDGET_DE, "de", "https://www.zeitung-beispiel.de/lokales/etat", "DE", "europe"),
    ],
)
def test_public_budgets_take_their_outlets_home(
    tagger: GeoTagger, text: tuple[str, str], language: str, link: str, country: str, region: str
) -> None:
    # The same words on outlets of two regions: the outlet decides, never the language.
    result = tagger.tag(linked(text, link, language))
    assert result.regions == [region]
    assert [(e.rule, e.country) for e in result.evidence][-1:] == [("outlet-home", country)]


def test_placeless_science_on_a_home_outlet_stays_unlocated(tagger: GeoTagger) -> None:
    result = tagger.tag(linked(SLEEP_IT, "https://www.giornale-esempio.it/scienza/sonno", "it"))
    assert result.regions == []


def test_a_short_word_read_as_a_town_does_not_keep_the_outlet_out(tagger: GeoTagger) -> None:
    # "Se ne parla" is "if", not Macau's Sé: it counts for nothing and places nothing.
    text = (
        "Sconti fiscali, la riforma rinviata",
        "Il governo valuta di tagliare gli sconti fiscali. Se ne parla molto, poi la riforma "
        "viene rinviata all'anno dopo.",
    )
    result = tagger.tag(linked(text, "https://www.giornale-esempio.it/economia/fisco", "it"))
    assert result.regions == ["europe"]
    assert result.evidence[-1].rule == "outlet-home"


# -- lang-town: a small home town after a place preposition --------------------------------


@pytest.mark.parametrize(
    ("headline", "body", "language", "town", "country", "region"),
    [
        (
            "Zum Schluss stimmten alle zu",
            "Der Rat in Ostbevern billigte den Etat ohne eine einzige Gegenstimme.",
            "de",
            "Ostbevern",
            "DE",
            "europe",
        ),
        (
            "Seduta deserta, manca il numero legale",
            "Niente numero legale a Cariati: la prima convocazione è andata deserta.",
            "it",
            "Cariati",
            "IT",
            "europe",
        ),
        (
            "Concejo aprueba las cuentas",
            "El concejo en Urdinarrain aprobó por unanimidad las cuentas del año.",
            "es",
            "Urdinarrain",
            "AR",
            "americas",
        ),
    ],
)
def test_small_home_town_after_a_preposition(
    tagger: GeoTagger,
    headline: str,
    body: str,
    language: str,
    town: str,
    country: str,
    region: str,
) -> None:
    # The town decides the region, not the language: Spanish copy is Spain's or Argentina's.
    regions, evidence = tag_language(tagger, headline, body, language)
    assert regions == [region]
    assert evidence[town] == (country, "lang-town")


@pytest.mark.parametrize(
    ("body", "language"),
    [
        # An ordinary word of the language named like a town (Kirchen, Germany): Debian's
        # word lists keep it out (lang_town_words.tsv).
        ("In Kirchen und Schulen wird für die Flutopfer gesammelt.", "de"),
        # No place preposition before the name.
        ("Ostbevern billigte den Etat ohne Gegenstimme.", "de"),
        # English copy: the rule reads the home languages only.
        ("The council in Ostbevern approved its budget.", "en"),
    ],
)
def test_small_town_needs_its_language_and_its_position(
    tagger: GeoTagger, body: str, language: str
) -> None:
    regions, _ = tag_language(tagger, "Rat billigt Etat", body, language)
    assert regions == []


def test_a_small_town_never_competes_with_other_evidence(tagger: GeoTagger) -> None:
    # Read only for a story with no evidence at all: Berlin's story stays Berlin's.
    regions, evidence = tag_language(
        tagger,
        "Rat billigt Etat",
        "Der Rat in Ostbevern billigte den Etat; in Berlin wartet man noch.",
        "de",
    )
    assert regions == ["europe"]
    assert "Ostbevern" not in evidence


def test_finnish_parties_in_lower_case_and_inflected(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger, "", "Kokoomuksen ja perussuomalaisten mukaan veroja ei koroteta.", "fi"
    )
    assert regions == ["europe"]
    assert evidence["perussuomalaisten"] == ("FI", "metonym")
