"""An optional statistical named-entity tagger, as a veto on gazetteer hits (issue #16).

Not used by the pipeline: :class:`~streams.core.geo.tagger.GeoTagger` takes a model only when
one is passed to it (``ner=``), and no setting does that. ``bench/ner_probe.py`` passes a spaCy
pipeline from an installed package that carries its weights (nothing fetched at run time), to
measure what a model adds to the rules and what it costs; ``bench/README.md`` ("An offline NER
model as a veto") records why it is off: on the English dev rows it vetoed true places (a
country in a title-case headline read as a person) and fixed no miss, at about 180 times the
rules' CPU. Neither spaCy nor a model is part of the install.

A gazetteer hit that lies inside a span the model calls a person (``PERSON``) is no place
(rule ``ner-person``: "Jim Jordan", "Paris Hilton"); one whose span is exactly a span the model
calls an organisation (``ORG``: "Benfica", "Anchorage Capital Partners" is longer, so the
rules' own name-part reading stays) is none either (``ner-org``). The model runs only on items
in its own language, and only on a field with a hit that still counts.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

#: Gazetteer kinds the veto touches: names of places. Leaders, institutions, bodies and
#: demonyms are evidence because they are people's and organisations' names.
PLACE_KINDS = frozenset({"country", "state", "city", "place"})
#: Labels whose spans veto a place reading: the span is a person or names an organisation.
PERSON_LABELS = frozenset({"PERSON", "PER"})
ORG_LABELS = frozenset({"ORG"})


class EntitySpans(Protocol):
    """What the tagger needs from a model: its language and labelled character spans."""

    lang: str

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of each entity in ``text``, character offsets."""
        ...


class SpacyEntities:
    """A spaCy pipeline loaded from an installed model package; only ``ner`` and the shared
    ``tok2vec`` it may listen to are run."""

    #: Components a spaCy pipeline may carry that the entity recogniser does not need.
    _SKIP = ("tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter")

    def __init__(self, package: str) -> None:
        module: Any = importlib.import_module(package)
        nlp: Any = module.load()
        for name in list(nlp.pipe_names):
            if name in self._SKIP:
                nlp.disable_pipe(name)
        self._nlp = nlp
        self.lang: str = str(nlp.lang)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        doc = self._nlp(text)
        return [(e.start_char, e.end_char, str(e.label_)) for e in doc.ents]


def vetoed(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The rule that vetoes the hit ``[start, end)``, or ``""``: inside a person's span, or
    exactly an organisation's span."""
    for s, e, label in spans:
        if s > start or e < end:
            continue
        if label in PERSON_LABELS:
            return "ner-person"
        if label in ORG_LABELS and s == start and e == end:
            return "ner-org"
    return ""
