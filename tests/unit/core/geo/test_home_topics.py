"""Rule ``outlet-home``: copy in another language than English that names no place is placed by
the outlet at its address only when it is home news, a word of home affairs of its language
(``home_topics.tsv``: rents, the jobless, the town hall, Arabic "the country", public budgets,
taxes, pensions, elections), and when the outlet's home speaks that language. Placeless
science, health and gadget copy on the same sites stays unlocated, and copy naming another
country keeps the outlet out (issue #16, sessions 22 and 24: hgeo36, hgeo38, hgeo54, review
hrev24b). Every text was written for these tests, in the layouts of the sites' briefs."""

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
