"""A body whose paragraphs one newline separates (a ninjs ``body_text``, session 17) has the
same lead as the plain reader's copy of it with blank lines; hard-wrapped agency lines do not
end the lead."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text

LEAD = (
    "Oil prices closed at their highest in a week on Thursday after factory figures pointed"
    " to stronger demand for crude over the summer months, traders said."
)
LATER = "Analysts in Kenya expect the rally to fade."


def test_one_newline_after_a_long_line_ends_the_lead(tagger: GeoTagger) -> None:
    _, single = evidence_by_text(tagger, "Oil rallies", f"{LEAD}\n{LATER}")
    _, blank = evidence_by_text(tagger, "Oil rallies", f"{LEAD}\n\n{LATER}")
    assert single["Kenya"] == blank["Kenya"]


def test_hard_wrapped_lines_stay_in_the_lead(tagger: GeoTagger) -> None:
    wrapped = "Oil prices closed at their highest in a week\non Thursday, analysts in Kenya said."
    _, found = evidence_by_text(tagger, "Oil rallies", wrapped)
    _, one_line = evidence_by_text(tagger, "Oil rallies", wrapped.replace("\n", " "))
    assert found["Kenya"] == one_line["Kenya"]
