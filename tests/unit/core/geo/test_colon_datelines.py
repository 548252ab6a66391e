"""The subcontinent's regional press sets its dateline in title case with the date and a colon,
no dash ("Guwahati, 14th September:", "Silchar, Sept 7:", "Dhaka, 1st Nov, 2023:"): the
dateline is often the only place a local political story names (session 36, hgeo99, a94-019,
an Assembly walkout in Guwahati that never names Assam or India). Texts written for these
tests."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger
from streams.core.model import RawMessage
from streams.core.parse import parse_payload
from streams.core.parse.markers import headline_shape, read_dateline

_WALKOUT = (
    "Opposition walks out over land allotment row\n\n"
    "Guwahati, 14th September: Opposition members walked out of the Legislative Assembly on "
    "Thursday after the Speaker refused a debate on the allotment of land to a minister's "
    "relative, saying it was not on the day's business.\n\n"
    "The members held placards and shouted slogans before leaving the House, which was "
    "adjourned for fifteen minutes."
)


def _plain(text: str) -> RawMessage:
    return RawMessage(value=text.encode(), headers={"wire-source": b"test"})


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("Guwahati, 14th September: ", "Guwahati", None),
        ("Silchar, Sept 7: ", "Silchar", None),
        ("Dhaka, 1st Nov, 2023: ", "Dhaka", None),
        ("Thimphu, December 12: ", "Thimphu", None),
        ("New Delhi, Jan 5 (IANS): ", "New Delhi", "IANS"),
    ],
)
def test_a_title_case_place_a_date_and_a_colon_is_a_dateline(
    opening: str, place: str, agency: str | None
) -> None:
    d = read_dateline(opening + "the rest of the lede.")
    assert d is not None
    assert (d.place, d.agency, d.weak) == (place, agency, agency is None)


@pytest.mark.parametrize(
    "opening",
    [
        "Monday, 14 September: ",
        "However, in March: ",
        "On Sunday, May 3: ",
        "Note: ",
        "Guwahati, in September: ",
        "Mr. Bora, 14 September: ",
    ],
)
def test_no_colon_dateline_without_a_day_and_month_or_with_a_function_word(opening: str) -> None:
    assert read_dateline(opening + "the rest of the sentence.") is None


def test_the_colon_dateline_locates_a_plain_text_story(tagger: GeoTagger) -> None:
    items = parse_payload(_plain(_WALKOUT))
    assert len(items) == 1
    assert items[0].located == "Guwahati"
    assert tagger.tag(items[0]).regions == ["asia-pacific"]


# Session 36 review (hrev36a): what the colon dateline read that is none.


@pytest.mark.parametrize(
    "opening",
    [
        "Books, 10 Novels: ",
        "Summit, 3 Decisions: ",
        "Updated, 3 March 2024: ",
        "Correction, May 3: ",
        "Timeline, March 3: ",
        "Posted, Sept 3: ",
    ],
)
def test_no_colon_dateline_of_a_listicle_count_or_a_web_pages_stamp(opening: str) -> None:
    assert read_dateline(opening + "the rest of the sentence.") is None


@pytest.mark.parametrize(
    "headline",
    [
        "Trump, Jan 6: the hearing that changed everything",
        "Liverpool, 3 March: a timeline of the collapse",
    ],
)
def test_a_headline_shaped_as_a_colon_dateline_stays_the_headline(headline: str) -> None:
    text = (
        f"{headline}\n\nThe committee heard from four witnesses over six hours, and members "
        "said they would publish a report before the end of the year.\n\nA spokesman declined "
        "to comment further."
    )
    assert headline_shape(headline)
    items = parse_payload(_plain(text))
    assert len(items) == 1
    assert (items[0].headline, items[0].located) == (headline, None)


def test_a_colon_dateline_alone_on_its_line_is_still_no_headline() -> None:
    assert not headline_shape("Dhaka, September 30 :")
    assert read_dateline("Dhaka, September 30 : ") is not None
