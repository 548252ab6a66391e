"""A demonym after an article and before a fixed site ("a Mexican hospital", "an Iranian
prison", ``site_nouns.txt``) says where something happens: a place mention of that country,
which can make it a second region, unlike a demonym naming people or things ("a Greek tanker")
(issue #16, session 20, hgeo28, ``bench/data/geo_real_en_a37.jsonl`` spent). Every text here
is invented, in the layout of the copy it stands for."""

from __future__ import annotations

from streams.core.geo import GeoTagger
from streams.core.geo.explain import explain

from .conftest import make_item


def _read(tagger: GeoTagger, headline: str, body: str) -> tuple[list[str], dict[str, str]]:
    item = make_item(headline, body)
    item.language = "en"
    result = tagger.tag(item)
    return result.regions, {e.text: e.rule for e in result.evidence}


def test_a_foreign_hospital_and_town_make_a_second_region_under_a_home_dateline(
    tagger: GeoTagger,
) -> None:
    # A desk's story on its own country's athlete hurt abroad: the town and "a Peruvian
    # hospital" are two place mentions of Peru.
    regions, rules = _read(
        tagger,
        "Cyclist in intensive care after crash",
        "LISBON - Portugal's best-known cyclist was in the intensive care unit of a Peruvian "
        "hospital on Monday after a crash on a mountain stage near the town of Huaraz.",
    )
    assert rules["Peruvian"] == "site"
    assert "americas" in regions


def test_a_demonym_before_a_vehicle_or_firm_stays_a_nationality(tagger: GeoTagger) -> None:
    regions, rules = _read(
        tagger,
        "Tanker seized in the Gulf of Guinea",
        "Pirates seized a Greek tanker off the coast of Togo on Sunday, and a Chinese bank "
        "that insured the cargo said it was in contact with the owners in Lome.",
    )
    assert rules["Greek"] == "demonym" and rules["Chinese"] == "demonym"
    assert regions == ["africa"]


def test_a_demonym_of_people_before_a_site_word_is_not_read(tagger: GeoTagger) -> None:
    # No article before the demonym: "Mexican prison officials" are people.
    _regions, rules = _read(
        tagger,
        "Inmates freed in Texas raid",
        "Police in Texas said Mexican prison officials had been told of the raid in El Paso.",
    )
    assert rules["Mexican"] == "demonym"


def test_explain_says_why_a_site_and_a_currency_sign_count_as_they_do(tagger: GeoTagger) -> None:
    item = make_item(
        "Climber rescued",
        "A climber was flown to a Nepali hospital after a fall; the rescue cost US$4,000.",
    )
    item.language = "en"
    text = explain(item, tagger.tag(item))
    assert "a demonym before a fixed site" in text
    assert "rejected: part of a currency's sign" in text
