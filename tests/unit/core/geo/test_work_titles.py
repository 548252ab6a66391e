"""Rule ``title``: a place name set alone in quotes right after a noun of a work ("his new
album 'Nashville'", "the series "Chernobyl"", ``title_nouns.txt``) is the work's title, not news
from the place; quoted names after other words, and titles without quotes, keep their reading
(issue #16, session 20, a8 spent). Sentences written for these tests."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text


def test_a_quoted_album_title_is_no_place(tagger: GeoTagger) -> None:
    body = (
        "The singer said the record, recorded over two winters, was the most personal of his "
        "career, and thanked fans on Instagram."
    )
    regions, evidence = evidence_by_text(tagger, "Singer calls his new album 'Nashville'", body)
    assert evidence["Nashville"][1:] == ("title", 0.0)
    assert regions == []


def test_curly_quotes_and_a_comma_after_the_noun(tagger: GeoTagger) -> None:
    body = "Her debut novel, \u2018Marrakesh\u2019, sold 40,000 copies in its first month."
    regions, evidence = evidence_by_text(tagger, "Debut novel sells out", body)
    assert evidence["Marrakesh"][1] == "title"
    assert regions == []


def test_a_quoted_place_after_another_word_keeps_its_reading(tagger: GeoTagger) -> None:
    body = 'Critics use "Canberra" as shorthand for the public service, the minister said.'
    _, evidence = evidence_by_text(tagger, "Minister defends public service", body)
    assert evidence["Canberra"][1] != "title"


def test_a_place_after_a_work_noun_without_quotes_is_still_the_place(tagger: GeoTagger) -> None:
    body = "The film premiered in Toronto on Friday before a crowd of 2,000."
    regions, evidence = evidence_by_text(tagger, "Festival opens", body)
    assert evidence["Toronto"][0] == "CA"
    assert regions == ["americas"]
