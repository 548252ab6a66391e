"""Each semantic case of issue 5: repeat, update, stale, cancel, near-duplicate, link, negative."""

from __future__ import annotations

from streams.core.dedup import Decision, Deduper, MemoryStore
from streams.core.dedup.deduper import _fingerprint, agreement_keys
from streams.core.dedup.sketch import sketch_text, tokens
from streams.core.model import AltId
from tests.unit.core.dedup.conftest import (
    FLOOD,
    FLOOD_MORE,
    FLOOD_OTHER_OUTLET,
    HOUR,
    MARKETS,
    MARKETS_NEXT_DAY,
    T0,
    make,
    seen,
)

URI = "urn:wirestream:flood-1"


def test_first_sight_is_routed(deduper: Deduper) -> None:
    assert deduper.decide(make(URI, FLOOD), T0) == Decision("routed")


def test_same_uri_same_content_is_a_repeat(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    got = deduper.decide(make(URI, FLOOD), T0 + HOUR)
    assert got == Decision("duplicate", duplicate_of=URI, similarity=1.0)


def test_repeat_ignores_whitespace_and_case(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    again = make(URI, [p.upper() + "  " for p in FLOOD])
    assert deduper.decide(again, T0 + 1).status == "duplicate"


def test_newer_version_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    got = deduper.decide(make(URI, FLOOD + FLOOD_MORE[:1], version=2), T0 + HOUR)
    assert got == Decision("update", update_of=URI)


def test_newer_version_with_same_text_is_still_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    assert deduper.decide(make(URI, FLOOD, version=2), T0 + 1).status == "update"


def test_changed_content_same_version_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    changed = [*FLOOD[:-1], FLOOD[-1].replace("Monday", "Tuesday")]
    assert deduper.decide(make(URI, changed), T0 + 1) == Decision("update", update_of=URI)


def test_older_version_after_newer_is_a_stale_duplicate(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD + FLOOD_MORE, version=3))
    got = deduper.decide(make(URI, FLOOD, version=2), T0 + 1)
    assert got.status == "duplicate"
    assert got.duplicate_of == URI


def test_cancel_is_routed_as_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    kill = make(URI, ["This story has been withdrawn."], version=2, pubstatus="canceled")
    # The kill carries the regions its original was routed to (unlocated here).
    assert deduper.decide(kill, T0 + 1) == Decision("update", update_of=URI, regions=("unlocated",))


def test_cancel_with_same_version_and_text_is_still_routed(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    assert deduper.decide(make(URI, FLOOD, pubstatus="canceled"), T0 + 1).status == "update"


def test_refile_with_typo_fixed_is_a_near_duplicate(deduper: Deduper) -> None:
    typo = [FLOOD[0], FLOOD[1].replace("overnight", "ovenright"), *FLOOD[2:]]
    seen(deduper, make(URI, typo))
    got = deduper.decide(make("urn:wirestream:flood-1-refile", FLOOD), T0 + HOUR)
    assert got.status == "duplicate"
    assert got.duplicate_of == URI
    assert got.similarity is not None and 0.85 <= got.similarity < 1.0


def test_republished_copy_with_page_furniture_is_a_near_duplicate(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    body = FLOOD[0].split(" - ", 1)[1]
    noisy = [
        "By Staff Reporter",
        body,
        "Advertisement",
        *FLOOD[1:3],
        "Read more: Storm season arrives early across the region",
        *FLOOD[3:],
        "Share this article",
        "Follow us on X, Facebook and Instagram",
    ]
    copy = make("https://news.example.org/2026/11/27/floods", noisy, headline="DEADLY FLOODS")
    got = deduper.decide(copy, T0 + 2 * HOUR)
    assert got.status == "duplicate"
    assert got.duplicate_of == URI


def _writethru() -> list[str]:
    return [FLOOD[0], *FLOOD_MORE, *FLOOD[1:]]


def test_writethru_with_same_slug_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD, slug="MALTA-FLOODS"))
    wt = make(
        "urn:wirestream:flood-1-wt", _writethru(), headline="UPDATE 1-Floods", slug="MALTA-FLOODS"
    )
    got = deduper.decide(wt, T0 + HOUR)
    assert got.status == "update"
    assert got.update_of == URI


def test_writethru_with_same_story_number_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD, storynumber="0412"))
    wt = make("urn:wirestream:flood-1-wt", _writethru(), headline="Other", storynumber="0412")
    assert deduper.decide(wt, T0 + HOUR).status == "update"


def test_writethru_without_agreement_is_an_update_of_the_copy(deduper: Deduper) -> None:
    """Issue 16: the same copy with text added is an update, whoever republished it."""
    seen(deduper, make(URI, FLOOD, slug="MALTA-FLOODS"))
    wt = make("urn:wirestream:other", _writethru(), headline="Analysis: a coast unprepared")
    got = deduper.decide(wt, T0 + HOUR)
    assert (got.status, got.update_of) == ("update", URI)


def test_trimmed_copy_is_a_duplicate_of_the_story(deduper: Deduper) -> None:
    """Issue 16: a cut of the known copy that adds nothing is a duplicate, not a new story."""
    seen(deduper, make(URI, FLOOD))
    teaser = make("urn:wirestream:flash", FLOOD[:2], headline="FLASH: floods kill four")
    got = deduper.decide(teaser, T0 + 1)
    assert (got.status, got.duplicate_of) == ("duplicate", URI)
    assert got.similarity is not None and got.similarity >= 0.8


def test_trimmed_copy_that_adds_a_figure_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    cut = make("urn:wirestream:cut", [FLOOD[0].replace("900", "1,200"), FLOOD[1]])
    got = deduper.decide(cut, T0 + 1)
    assert (got.status, got.update_of) == ("update", URI)


def test_unrelated_story_sharing_a_sentence_is_only_related(deduper: Deduper) -> None:
    """A write-up quoting a sentence of the known story: linked, never dropped or updated."""
    seen(deduper, make(URI, FLOOD))
    other = make("urn:wirestream:o", [*FLOOD_OTHER_OUTLET, FLOOD[3]])
    got = deduper.decide(other, T0 + 1)
    assert (got.status, got.related_to) == ("routed", URI)


def test_other_outlets_own_writeup_is_a_different_story(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    other = make("https://daily.example.net/floods", FLOOD_OTHER_OUTLET)
    assert deduper.decide(other, T0 + HOUR) == Decision("routed")


def test_same_template_with_other_figures_is_not_a_duplicate(deduper: Deduper) -> None:
    seen(deduper, make("urn:wirestream:mkt-27", MARKETS, headline="Riga stocks close"))
    nxt = make("urn:wirestream:mkt-28", MARKETS_NEXT_DAY, headline="Riga stocks close lower")
    assert deduper.decide(nxt, T0 + 24 * HOUR).status == "routed"


def test_one_changed_figure_is_not_a_duplicate(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    corrected = [FLOOD[0].replace("at least four", "at least six"), *FLOOD[1:]]
    got = deduper.decide(make("urn:wirestream:flood-cx", corrected, headline="Other"), T0 + 1)
    assert got.status != "duplicate"


def test_correction_with_same_slug_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD, slug="MALTA-FLOODS"))
    corrected = [FLOOD[0].replace("at least four", "at least six"), *FLOOD[1:]]
    cx = make("urn:wirestream:flood-cx", corrected, slug="MALTA-FLOODS")
    got = deduper.decide(cx, T0 + 1)
    assert got.status == "update"
    assert got.update_of == URI


def test_canceled_copy_under_a_new_uri_is_never_dropped(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    got = deduper.decide(make("urn:wirestream:x", FLOOD, pubstatus="canceled"), T0 + 1)
    assert got.status != "duplicate"


def test_duplicates_leave_no_state(store: MemoryStore, deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD))
    before = dict(store.data)
    copy = make("urn:wirestream:copy", FLOOD)
    decision = deduper.decide(copy, T0 + 1)
    deduper.remember(copy, decision, T0 + 1)
    assert decision.status == "duplicate"
    assert store.data == before


def test_decide_does_not_write(store: MemoryStore, deduper: Deduper) -> None:
    deduper.decide(make(URI, FLOOD), T0)
    assert len(store) == 0


def test_not_remembered_means_not_known(deduper: Deduper) -> None:
    """A crash between send and remember re-sends the item: it is routed again, never lost."""
    item = make(URI, FLOOD)
    deduper.decide(item, T0)
    assert deduper.decide(make(URI, FLOOD), T0 + 1).status == "routed"


def test_state_survives_a_new_deduper_over_the_same_store(store: MemoryStore) -> None:
    seen(Deduper(store), make(URI, FLOOD, slug="MALTA-FLOODS"))
    fresh = Deduper(store)
    assert fresh.decide(make(URI, FLOOD), T0 + 1).status == "duplicate"
    assert fresh.decide(make("urn:wirestream:copy", FLOOD), T0 + 1).duplicate_of == URI
    wt = make("urn:wirestream:wt", _writethru(), slug="MALTA-FLOODS")
    assert fresh.decide(wt, T0 + 1).update_of == URI


def test_writethru_with_desk_prefix_on_same_headline_is_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD, headline="Flash floods kill four on coast"))
    wt = make(
        "urn:wirestream:wt", _writethru(), headline="UPDATE 2-Flash floods kill four on coast"
    )
    got = deduper.decide(wt, T0 + HOUR)
    assert (got.status, got.update_of) == ("update", URI)


def test_teaser_with_same_headline_is_a_duplicate_not_an_update(deduper: Deduper) -> None:
    seen(deduper, make(URI, FLOOD, headline="Flash floods kill four on coast"))
    flash = make(
        "urn:wirestream:flash", FLOOD[:2], headline="FLASH: Flash floods kill four on coast"
    )
    got = deduper.decide(flash, T0 + 1)
    assert (got.status, got.duplicate_of) == ("duplicate", URI)


def test_equal_headline_alone_needs_more_overlap(deduper: Deduper) -> None:
    """Templated headlines repeat across distinct stories: an equal headline is not a copy."""
    seen(deduper, make(URI, FLOOD, headline="Storm update"))
    other = make("urn:wirestream:o", FLOOD[:1] + FLOOD_OTHER_OUTLET, headline="Storm update")
    assert deduper.decide(other, T0 + 1).status == "routed"
    slugged = Deduper(MemoryStore())
    seen(slugged, make(URI, FLOOD, headline="Storm update", slug="STORM"))
    mixed = make("urn:wirestream:o", FLOOD[:3] + FLOOD_OTHER_OUTLET[:2], headline="Storm update")
    mixed.altids = [AltId("slug", "STORM")]
    assert slugged.decide(mixed, T0 + 1).status == "update"


def test_half_the_copy_plus_new_paragraphs_is_an_update(deduper: Deduper) -> None:
    """Three of the known story's paragraphs and two new ones: the copy, with text added."""
    seen(deduper, make(URI, FLOOD))
    other = make("urn:wirestream:o", FLOOD[:3] + FLOOD_OTHER_OUTLET[:2], headline="Other")
    got = deduper.decide(other, T0 + 1)
    assert (got.status, got.update_of) == ("update", URI)


def test_a_copy_that_only_restyles_its_clock_times_is_a_duplicate(deduper: Deduper) -> None:
    """Dedup probe r52 (SIC's Lusa copy): "06:52" for the first copy's "6h52" is no new figure."""
    first = [FLOOD[0].replace("on Thursday", "at 6h52 on Thursday"), *FLOOD[1:]]
    seen(deduper, make(URI, first))
    copy = make("urn:wirestream:o", [first[0].replace("6h52", "06:52"), *first[1:4]])
    got = deduper.decide(copy, T0 + 1)
    assert (got.status, got.duplicate_of) == ("duplicate", URI)


def test_a_copy_with_a_pages_survey_and_recommendation_lines_is_a_duplicate(
    deduper: Deduper,
) -> None:
    """Dedup probe r53 (Insurance Journal's AP copy): "Here are more articles you may enjoy."
    brought the fact word "more" and made the republication an update."""
    story = FLOOD[1:]  # no "more" in it (FLOOD[0] has "more than 120 millimetres")
    seen(deduper, make(URI, story))
    copy = make(
        "urn:wirestream:o",
        [*story, "Was this article valuable?", "Here are more articles you may enjoy."],
    )
    got = deduper.decide(copy, T0 + 1)
    assert (got.status, got.duplicate_of) == ("duplicate", URI)


def test_headline_words_given_key_and_fingerprint_as_tokenised_again() -> None:
    """``features`` tokenises the headline once for the fingerprint and the agreement key:
    given those words, both are what tokenising again gives, with a desk prefix too (then
    the key tokenises the headline without it)."""
    for headline in [
        "Flash floods kill four on coast",
        "FLASH: Flash floods kill four on coast",
        "UPDATE 2-ANALYSIS-Quake hits Chile",
        "Überschwemmungen: vier Tote — „Küste“",
        "",
        "   ",
    ]:
        item = make("urn:x", FLOOD, headline=headline, slug="floods")
        head = tokens(item.headline)
        sketch = sketch_text(item.body, 4, 64)
        assert agreement_keys(item, head) == agreement_keys(item)
        assert _fingerprint(item, sketch, head) == _fingerprint(item, sketch)
