"""A lone surrogate in an item's text (a valid ``str`` with no UTF-8 form) must not stop the
geo tagger: the native cue finder of ``_local_counts`` raised ``UnicodeEncodeError`` for it,
out of ``GeoTagger.tag`` (review hrev33b, session 33). The native matcher reads such a
character as U+FFFF, which is in no key; the local-news cues now fall back to the substring
tests for that text, so the reading is the one of the text with U+FFFF in its place.

Fixtures are written for these tests; none is copied from a news item."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import read

#: Local-news cues ("city council", "mayor") send a homonym town through ``_local_counts``.
BODY = "Officials met in Berlin{} on Monday,{} the city council said, and the mayor agreed."


@pytest.mark.parametrize("char", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_a_lone_surrogate_is_read_like_a_noncharacter(tagger: GeoTagger, char: str) -> None:
    for at in ((char, ""), ("", char)):
        assert read(tagger, "Berlin talks", BODY.format(*at)) == read(
            tagger, "Berlin talks", BODY.format(*(c.replace(char, "\uffff") for c in at))
        )


def test_a_lone_surrogate_between_sentences_changes_no_reading(tagger: GeoTagger) -> None:
    regions, evidence = read(tagger, "Berlin talks \ud800", BODY.format("", " \ud800"))
    assert (regions, evidence) == read(tagger, "Berlin talks", BODY.format("", ""))
    assert evidence
