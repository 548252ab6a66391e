"""A structured item's dateline under a photo caption or standfirst (session 34, hgeo92).

A web page's body often opens with its photo's caption or a one-line standfirst, then the lede
with its dateline: "A street trader counts out change ..." then "JOHANNESBURG (Reuters) - ...".
The plain-text reader took that dateline (``plaintext._lede_dateline``); a JSON, NITF or NinJS
item's build read only the body's first paragraph, so the same story fed as JSON had no
``located`` and its passing mentions weighed more (probe a92-013: the rand report gained the
americas from two "United States" in JSON only). The build now reads the second paragraph's
dateline under a deck-length first one, as the plain reader does.
"""

from __future__ import annotations

import json

from streams.core.parse import parse

from .conftest import raw

LEDE = (
    "JOHANNESBURG (Reuters) - South Africa's rand weakened on Friday as the dollar firmed, "
    "while stocks rose on easing trade worries."
)


def _item(body: str, headline: str = "Rand slips as dollar firms"):
    doc = {"uri": "tag:example.org,2026:rand", "headline": headline, "body_text": body}
    (item,) = parse(raw(json.dumps(doc).encode(), wire_format="ninjs")).items
    return item


def test_a_caption_before_the_lede_does_not_hide_its_dateline() -> None:
    item = _item("A street trader in Durban counts out change for a customer.\n\n" + LEDE)
    assert item.located == "JOHANNESBURG"
    assert [s.name for s in item.infosources] == ["Reuters"]


def test_a_lede_that_opens_the_body_keeps_its_dateline() -> None:
    assert _item(LEDE + "\n\nBonds were little changed.").located == "JOHANNESBURG"


def test_a_long_first_paragraph_is_the_lede_not_a_caption() -> None:
    lede = (
        "South Africa's rand weakened on Friday as the dollar firmed across emerging markets, "
        "trimming a rally that had followed the president's stimulus plan, while stocks rose "
        "on easing worries over the trade dispute between the United States and China, and "
        "bonds were slightly weaker."
    )
    assert len(lede) > 240
    assert _item(lede + "\n\n" + LEDE).located is None
