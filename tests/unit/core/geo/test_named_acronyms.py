"""A language may write as a name what the gazetteer holds as an acronym: Italian copy writes
"Usa" for the United States and "Inps" for the pension institute (``names_i18n.tsv``; the
matcher's ``_NAMED_ACRONYM`` case test, session 23, agency probe r52-015). Texts written for
these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import tag_language


def test_italian_copy_writes_usa_for_the_united_states(tagger: GeoTagger) -> None:
    regions, evidence = tag_language(
        tagger,
        "Il dollaro cede terreno",
        "Il dollaro è sceso dopo i dati sul lavoro negli Usa, mentre i mercati aspettano la banca centrale.",
        "it",
    )
    assert regions == ["americas"]
    assert evidence["Usa"][0] == "US"
