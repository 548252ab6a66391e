"""Towns named like an ordinary word of the item's language (``home_words.tsv``, derived from
Debian's dictionaries) need other evidence of their country in items of that language only;
capitals and big cities are never listed, and English copy keeps the town.

In English copy a town abroad named like an English word ("Wedding", "Torrent") needs its
country, which home copy does not (session 17); Portuguese "Natal" in Christmas-sales copy is no
town, while Natal beside Brazil's evidence stays the city (session 22 review, hrev22)."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import DATA_DIR, Gazetteer, _main_homes, build
from streams.core.geo.text import fold

from .conftest import tag_language

LANGS = {"de", "fr", "es", "it", "pt", "da", "no", "sv", "tr"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return build()


def _rows() -> list[tuple[str, str]]:
    out = []
    for line in (DATA_DIR / "home_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, name = line.split("\t")
            out.append((lang, name))
    return out


def test_the_derived_list_is_small_and_spares_capitals_and_big_cities(gaz: Gazetteer) -> None:
    rows = _rows()
    assert 200 < len(rows) < 3000
    assert {lang for lang, _ in rows} <= LANGS
    keys = {" ".join(fold(name).split()) for _, name in rows}
    assert not keys & gaz.capitals
    main = _main_homes()
    for lang, name in rows:
        key = " ".join(fold(name).split())
        term = gaz.lang_terms[lang][key]
        if term.kind == "place" and not term.pops:
            continue  # places.tsv names it on purpose ("Hull" is Kingston upon Hull): it wins
        if term.kind == "area":
            continue  # names_i18n.tsv's own row wins in its language (Turkish "Körfez", the Gulf)
        assert term.stop, (lang, name)
        # Never a big town of the language's main countries ("Kiel", "Samsun", "Granada").
        home = main.get(lang, frozenset())
        pops = [p for c, p in zip(term.countries, term.pops, strict=False) if c in home]
        assert max(pops, default=0) < 100_000, name
    for lang, name in [("de", "Wetter"), ("es", "Libertad"), ("tr", "Kemer"), ("tr", "Nice")]:
        assert (lang, name) in rows
    for lang, name in [("de", "Kiel"), ("tr", "Samsun"), ("es", "Granada"), ("fr", "Boston")]:
        assert (lang, name) not in rows
    # A province's seat ("Muş", "Potenza") and a Turkish derivation of another word
    # ("Reyhanlı" from "reyhan", basil) are the towns in news.
    for lang, name in [("tr", "Muş"), ("it", "Potenza"), ("tr", "Reyhanlı"), ("tr", "Ayvalık")]:
        assert (lang, name) not in rows


def test_the_flag_is_per_language(gaz: Gazetteer) -> None:
    # The global town stays as it was for English; Spanish gets a flagged copy.
    assert not gaz.terms["libertad"].stop
    assert gaz.lang_terms["es"]["libertad"].stop
    assert gaz.lang_terms["es"]["libertad"].countries == gaz.terms["libertad"].countries


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        # Spanish "libertad" (freedom): a Philippine town of 250,000 in the global list.
        ("es", "Libertad de prensa bajo presión", "Los periodistas denunciaron nuevas trabas."),
        # Turkish "kemer" (belt, arch): a GeoNames exonym of Kemerovo.
        ("tr", "Kemer fiyatları yükseldi", "Deri ürünlerinde zam bu hafta da sürdü."),
        # Turkish "nice" (many): Nice in France.
        ("tr", "Nice yıllara", "Kulüp kuruluş yıl dönümünü kutladı."),
        # German "Eisen" (iron): a town of Albania in the global list.
        ("de", "Eisen wird teurer", "Der Preis stieg an der Börse um drei Prozent."),
        # Swedish "lund" (grove), Danish "hede" (heath): towns at home.
        ("sv", "Lund och äng", "Naturen i kommunen ska skyddas bättre."),
        # Portuguese "Esperança", German "Wetter": moved from the hand list.
        ("pt", "Esperança para os agricultores", "A chuva voltou nesta semana."),
        ("de", "Wetter: Sonne am Sonntag", "Die Temperaturen steigen, sagte eine Sprecherin."),
    ],
)
def test_a_word_of_the_language_places_nothing(
    tagger: GeoTagger, language: str, headline: str, body: str
) -> None:
    regions, found = tag_language(tagger, headline, body, language, weighted=True)
    # No word of the language is read as a place. Home news may still place a story by its
    # language alone ("i kommunen", the readers' own municipality: rule lang-home, no country).
    assert [rule for _, rule in found.values() if rule != "lang-home"] == []
    assert regions == (["europe"] if found else [])


def test_english_copy_keeps_the_town(tagger: GeoTagger) -> None:
    regions, found = tag_language(
        tagger, "Floods hit Libertad", "Rescuers reached villages cut off by the water.", "en"
    )
    assert regions == ["asia-pacific"]
    assert found["Libertad"][0] == "PH"


def test_the_town_still_counts_with_its_country(tagger: GeoTagger) -> None:
    body = "Las lluvias afectaron a Libertad, en el sur de Filipinas, según las autoridades."
    regions, found = tag_language(tagger, "Inundaciones", body, "es", weighted=True)
    assert regions == ["asia-pacific"]
    assert found["Libertad"] == ("PH", "city+confirmed")


def test_big_home_cities_stay_places(tagger: GeoTagger) -> None:
    regions, _ = tag_language(
        tagger, "Polizei sperrt Innenstadt in Kiel", "Am Abend war der Einsatz beendet.", "de"
    )
    assert regions == ["europe"]


def test_finnish_asia_is_a_matter_and_aasia_the_continent(tagger: GeoTagger) -> None:
    assert tag_language(tagger, "Asia etenee", "Asia käsitellään ensi viikolla.", "fi")[0] == []
    regions, found = tag_language(tagger, "", "Aasiassa kasvu jatkuu ensi vuonna.", "fi")
    assert regions == ["asia-pacific"]
    assert found["Aasiassa"][1] == "area"
    # English copy keeps the continent.
    assert tag_language(tagger, "Asia stocks rise", "Markets gained.", "en")[0] == ["asia-pacific"]


@pytest.mark.parametrize(
    "headline",
    [
        "Forty guests share the chapel's Big Wedding",
        "A Torrent of Abuse Online",
        "Simmering Tensions at Council",
        "Oral History Project Launched",
        "Worms Found in Salad",
    ],
)
def test_a_town_abroad_named_like_an_english_word_needs_its_country(
    tagger: GeoTagger, headline: str
) -> None:
    regions, _ = tag_language(tagger, headline, "Residents said so on Monday.", "en")
    assert regions == []


def test_such_a_town_counts_beside_its_country(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Police raid flat in Wedding",
        "Officers searched a flat in the Berlin district on Monday.",
        "en",
        weighted=True,
    )
    assert regions == ["europe"]
    assert evidence["Wedding"][0] == "DE"


def test_home_copy_keeps_such_a_town(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Polizei durchsucht Wohnung in Wedding",
        "Beamte haben am Montag eine Wohnung durchsucht.",
        "de",
        weighted=True,
    )
    assert regions == ["europe"]
    assert evidence["Wedding"][0] == "DE"


@pytest.mark.parametrize(
    ("headline", "body", "language"),
    [
        (
            "Vendas de Natal crescem 5%",
            "As vendas de Natal cresceram 5% nos centros comerciais, segundo a associação do setor.",
            "pt",
        ),
        (
            "Ventas de Navidad suben un 4%",
            "Las ventas de Navidad subieron un 4% en los centros comerciales, según el gremio.",
            "es",
        ),
    ],
)
def test_christmas_sales_headlines_name_no_town(
    tagger: GeoTagger, headline: str, body: str, language: str
) -> None:
    assert tag_language(tagger, headline, body, language)[0] == []


def test_natal_is_still_the_city_beside_brazils_evidence(tagger: GeoTagger) -> None:
    regions, _evidence = tag_language(
        tagger,
        "Natal recebe festival de música",
        "A cidade de Natal, no Rio Grande do Norte, recebe o festival neste fim de semana.",
        "pt",
    )
    assert regions == ["americas"]
