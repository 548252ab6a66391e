"""Review of the session-10 merges (hner, hgeo4): the opponent rule's sports words, Finnish
vowel harmony on both scan paths, and the entity-model hook left off. Texts written for these
tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.geo.matcher import Hit, Matcher

from .conftest import make_item, tag_language

# --- "v"/"vs" and the sports words ------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        # Each body holds one word the first list took for sport; none of these is a sports story.
        (
            "US vs China: tariffs in the new year",
            "The goal of the new duties is to cut the trade deficit, officials said.",
        ),
        (
            "Iran vs Israel: what the Arab League wants",
            "The Arab League met in Cairo on Sunday and called for restraint.",
        ),
        (
            "Gambia v Myanmar: court hears the genocide case",
            "The judges gave Myanmar extra time to file its answer, the court said.",
        ),
        (
            "Russia v Ukraine: the war in its third winter",
            "A bomb squad cleared the street after the strike, police said.",
        ),
        (
            "UK v France: the Channel crossings row",
            "Twelve people were hurt when a coach overturned near Calais, police said.",
        ),
        (
            "Mexico vs Canada: the auto rules dispute",
            "Carmakers met at the stadium in Monterrey where the president held his rally.",
        ),
    ],
)
def test_policy_goals_leagues_and_squads_make_no_sports_story(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    result = tagger.tag(make_item(headline, body))
    assert "opponent" not in {e.rule for e in result.evidence}


@pytest.mark.parametrize(
    ("headline", "body", "language", "side"),
    [
        (
            "España vs Italia: la selección busca el pase",
            "El entrenador confía en sus delanteros para el partido del sábado en Sevilla.",
            "es",
            "Italia",
        ),
        (
            "Brasil vs Argentina",
            "O treinador convocou dois atacantes novos para o clássico do futebol sul-americano.",
            "pt",
            "Argentina",
        ),
        (
            "England v Germany",
            "The Premier League's top scorer leads the line on Saturday night.",
            "en",
            "Germany",
        ),
    ],
)
def test_a_side_after_vs_in_a_sports_story_in_any_agency_language(
    tagger: GeoTagger, headline: str, body: str, language: str, side: str
) -> None:
    _, evidence = tag_language(tagger, headline, body, language)
    assert evidence[side][1] == "opponent"


def test_the_arab_league_in_spanish_makes_no_sports_story(tagger: GeoTagger) -> None:
    # "La Liga" opens "La Liga Árabe" at the start of a sentence: only "LaLiga" is the league.
    _, evidence = tag_language(
        tagger,
        "Irán vs Israel: la región en vilo",
        "La Liga Árabe pidió el domingo contención a ambas partes.",
        "es",
    )
    assert evidence["Israel"][1] != "opponent"


def test_a_court_case_vs_in_spanish_keeps_both_places(tagger: GeoTagger) -> None:
    _, evidence = tag_language(
        tagger,
        "Sudáfrica vs Israel",
        "La Corte Internacional de Justicia escuchó el jueves los argumentos de ambas partes.",
        "es",
    )
    assert evidence["Israel"][1] != "opponent"


# --- Finnish vowel harmony -----------------------------------------------------------------


def _scans(tagger: GeoTagger) -> list[Matcher]:
    """The tagger's matcher (native when built) and a Python-only one on the same gazetteer."""
    matcher: Matcher = tagger._matcher
    return [matcher, Matcher(tagger._gaz, native=False)]


def _hit_names(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    hits: list[Hit] = matcher.find(text, lang="fi")
    return [(text[h.start : h.end], h.term.countries[0]) for h in hits]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # Foreign names written with their own letters, against gazetteer spellings without
        # them (the fold makes "ö" "o"): a word holding back vowels is no Finnish front word.
        ("Göteborgissa", "SE"),
        ("Münchenissä", "DE"),
        ("Nürnbergissä", "DE"),
        # Endings that follow how a name is said, not its spelling.
        ("Cambridgessä", "GB"),
        ("Genevessä", "CH"),
        # Native front- and back-vowel names, upper case too.
        ("Jyväskylässä", "FI"),
        ("LAHDESSA", "FI"),
    ],
)
def test_names_keep_their_finnish_forms_on_both_scans(
    tagger: GeoTagger, text: str, country: str
) -> None:
    for matcher in _scans(tagger):
        assert _hit_names(matcher, text) == [(text, country)], matcher.native


# "Lähellä" (near) and "Tänään" (today) fold to forms of "Lahey" and "Tanay": a foreign name
# with a "y" is no Finnish front-vowel name.
@pytest.mark.parametrize("text", ["Lähdessä", "LÄHDESSÄ", "Lähti", "LÄHTI", "Lähellä", "Tänään"])
def test_front_vowel_words_are_no_back_vowel_town_on_both_scans(
    tagger: GeoTagger, text: str
) -> None:
    for matcher in _scans(tagger):
        assert _hit_names(matcher, text) == [], matcher.native


def test_a_finnish_story_from_gothenburg_is_located(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger, "", "Göteborgissa pidettiin mielenosoitus lauantaina.", "fi", weighted=True
    )
    assert regions == ["europe"]
    assert evidence["Göteborgissa"][0] == "SE"


# --- the entity model, off --------------------------------------------------------------


class _Silent:
    """A model that finds no entity: passing it must change nothing the rules decide."""

    lang = "en"

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return []


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Jordan backs the farm bill", "Jordan said the bill would pass before the recess."),
        ("Paris police chief resigns", "The chief of police in Paris, Texas, quit on Monday."),
        ("Wales v Italy", "Wales scored four tries in the Six Nations match in Cardiff."),
    ],
)
def test_a_model_that_vetoes_nothing_changes_nothing(
    tagger: GeoTagger, headline: str, body: str
) -> None:
    item = make_item(headline, body)
    item.language = "en"
    plain = tagger.tag(item)
    silent = GeoTagger(tagger.table, tagger._gaz, ner=_Silent()).tag(item)
    assert silent.regions == plain.regions
    assert [(e.text, e.rule, e.weight) for e in silent.evidence] == [
        (e.text, e.rule, e.weight) for e in plain.evidence
    ]
