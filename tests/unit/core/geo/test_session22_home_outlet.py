"""Session 22 (issue #16, hgeo36, xx_a48): copy in another language than English that names no
place is placed by the outlet at its address (rule ``outlet-home``) only when it is home news,
a word of home affairs of its language (``home_topics.tsv``: rents, the jobless, the town hall,
Arabic "the country"), and when the outlet's home speaks that language. Placeless science,
health and gadget copy on the same sites stays unlocated. Every text was written for these
tests, in the layouts of the sites' briefs."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import linked

RENTS_FR = (
    "Les loyers repartent à la hausse",
    "Après une année de baisse, les loyers ont progressé de 0,8 % depuis janvier, et les "
    "locataires déménagent davantage, selon un observatoire du secteur.",
)
RENTS_PT = (
    "Rendas vão subir no próximo ano",
    "Os senhorios poderão aumentar as rendas da maioria dos contratos de arrendamento em "
    "quase 4 por cento, e as associações de inquilinos pedem um travão.",
)
ROADS_AR = (
    "مصرع سائق في حادث سير",
    "توفي سائق وأصيب آخر في حادث على الطريق السريع، وتعد السرعة الزائدة من أهم أسباب "
    "حوادث السير في البلاد بحسب الإحصاءات.",
)
SLEEP_FR = (
    "Pourquoi rêve-t-on davantage le matin ?",
    "Des chercheurs ont suivi le sommeil de 200 volontaires et pensent avoir compris pourquoi "
    "les rêves du matin restent plus longtemps en mémoire.",
)


@pytest.mark.parametrize(
    ("text", "language", "link", "country", "region"),
    [
        (RENTS_FR, "fr", "https://www.exemple-immo.fr/actualite/loyers-1234", "FR", "europe"),
        (RENTS_PT, "pt", "https://www.noticias-exemplo.pt/economia/rendas", "PT", "europe"),
        (ROADS_AR, "ar", "https://www.akhbarlibya.com/2024/05/accident", "LY", "africa"),
    ],
)
def test_home_news_takes_its_outlets_home(
    tagger: GeoTagger, text: tuple[str, str], language: str, link: str, country: str, region: str
) -> None:
    result = tagger.tag(linked(text, link, language))
    assert result.regions == [region]
    assert [(e.rule, e.field, e.country) for e in result.evidence][-1:] == [
        ("outlet-home", "link", country)
    ]


def test_placeless_general_copy_keeps_no_home(tagger: GeoTagger) -> None:
    # A sleep study on a French site is no country's story.
    assert (
        tagger.tag(linked(SLEEP_FR, "https://www.exemple-sante.fr/bien-etre/x", "fr")).regions == []
    )


def test_the_outlets_home_must_speak_the_language(tagger: GeoTagger) -> None:
    # French copy on rents from a Spanish site: no home news of Spain's readers.
    assert tagger.tag(linked(RENTS_FR, "https://www.ejemplo.es/x", "fr")).regions == []
    # A Senegalese site's rents brief is Senegal's.
    assert tagger.tag(linked(RENTS_FR, "https://www.exemple.sn/x", "fr")).regions == ["africa"]


def test_no_address_no_home(tagger: GeoTagger) -> None:
    assert tagger.tag(linked(RENTS_PT, None, "pt")).regions == []


def test_a_named_place_elsewhere_keeps_the_outlet_out(tagger: GeoTagger) -> None:
    # A .fr site's brief on rents in a town of another region: any mention of it, even too
    # weak to locate the story, keeps the outlet's home out (as for English copy).
    text = (RENTS_FR[0], RENTS_FR[1] + " Les locataires de Tucson sont les plus touchés.")
    assert "europe" not in tagger.tag(linked(text, "https://www.exemple.fr/x", "fr")).regions
