"""The optional entity-model veto (``streams/core/geo/entities.py``, issue #16).

Off in the pipeline; ``bench/ner_probe.py`` passes a spaCy model to measure it. These tests
use a stand-in model that labels the strings it is given, so they need no model installed.

A model that vetoes nothing changes nothing (review of the session-10 merges).
"""

from __future__ import annotations

import re

import pytest

from streams.core.geo import GeoTagger, entities, explain

from .conftest import make_item


class Labels:
    """A stand-in entity model: every occurrence of a given string gets its label."""

    def __init__(self, labels: dict[str, str], lang: str = "en") -> None:
        self.labels = labels
        self.lang = lang
        self.calls = 0

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        self.calls += 1
        out = [
            (m.start(), m.end(), label)
            for name, label in self.labels.items()
            for m in re.finditer(re.escape(name), text)
        ]
        return sorted(out)


def with_model(tagger: GeoTagger, model: Labels) -> GeoTagger:
    return GeoTagger(tagger.table, tagger._gaz, ner=model)


def test_vetoed_reads_person_spans_around_and_organisation_spans_exactly() -> None:
    spans = [(0, 10, "PERSON"), (20, 46, "ORG"), (50, 57, "ORG"), (60, 65, "GPE")]
    assert entities.vetoed(spans, 4, 10) == "ner-person"  # "Jim Jordan" over "Jordan"
    assert entities.vetoed(spans, 20, 29) == ""  # "Anchorage" in a longer firm's name
    assert entities.vetoed(spans, 50, 57) == "ner-org"  # "Benfica" alone
    assert entities.vetoed(spans, 60, 65) == ""  # a place stays a place
    assert entities.vetoed(spans, 70, 75) == ""  # no span at all


def test_a_place_name_the_model_calls_a_person_is_no_place(tagger: GeoTagger) -> None:
    headline = "Lawmaker backs the farm bill"
    body = "Jordan said on Tuesday that the bill would pass before the recess."
    item = make_item(headline, body)
    item.language = "en"
    assert tagger.tag(item).regions == ["middle-east"]  # the rules alone: the country

    model = Labels({"Jordan": "PERSON"})
    tagged = with_model(tagger, model)
    result = tagged.tag(item)
    assert result.regions == []
    assert [e.rule for e in result.evidence if e.text == "Jordan"] == ["ner-person"]
    assert "by the entity model" in explain(item, result)


def test_a_person_read_by_the_model_stays_the_person_in_the_headline(tagger: GeoTagger) -> None:
    body = "Jordan said on Tuesday that the bill would pass before the recess."
    item = make_item("Jordan backs the farm bill", body)
    item.language = "en"
    assert tagger.tag(item).regions == ["middle-east"]
    # The model reads the body's "Jordan said" as a person and says nothing on the headline;
    # the headline's surname follows the body (the rules' one-sense pass).
    result = with_model(tagger, Labels({"Jordan said": "PERSON"})).tag(item)
    assert result.regions == []
    rules = {e.field: e.rule for e in result.evidence if e.text == "Jordan"}
    assert rules == {"body": "ner-person", "headline": "person-surname"}


def test_leaders_and_demonyms_are_never_vetoed(tagger: GeoTagger) -> None:
    body = "Iranian officials said the talks in Vienna would resume next week."
    item = make_item("Talks to resume", body)
    item.language = "en"
    # A model that calls every name a person touches only the place names.
    result = with_model(tagger, Labels({"Iranian": "PERSON", "Vienna": "PERSON"})).tag(item)
    rules = {e.text: e.rule for e in result.evidence}
    assert rules["Vienna"] == "ner-person"
    assert rules["Iranian"] != "ner-person"


@pytest.mark.parametrize("language", ["de", None])
def test_the_model_runs_only_on_items_in_its_language(
    tagger: GeoTagger, language: str | None
) -> None:
    model = Labels({"Jordan": "PERSON"})
    item = make_item("Lawmaker backs the farm bill", "Jordan said the bill would pass.")
    item.language = language
    with_model(tagger, model).tag(item)
    assert model.calls == 0


def test_the_model_is_not_asked_when_no_place_name_counts(tagger: GeoTagger) -> None:
    model = Labels({"Smith": "PERSON"})
    item = make_item("Board meets", "Smith said the board would meet again on Friday.")
    item.language = "en"
    result = with_model(tagger, model).tag(item)
    assert result.regions == []
    assert model.calls == 0


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
