"""The Saudi king's title names Saudi Arabia (session 33, hgeo91, probe a91-008).

"Custodian of the Two Holy Mosques" is the Saudi king's title alone, and Saudi and Gulf copy
often names him by it before or instead of his name; King Abdullah of Saudi Arabia (2005-2015)
so styled is no Jordanian king (``leaders.tsv``).
"""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .test_real_news_rules import tagged


def test_the_title_alone_locates_the_story(tagger: GeoTagger) -> None:
    body = (
        "The Custodian of the Two Holy Mosques received the visiting delegation at the royal "
        "court on Monday and approved the new health budget."
    )
    _, regions, rules = tagged(tagger, "New health budget approved", body)
    assert regions == ["middle-east"]
    assert rules["Custodian of the Two Holy Mosques"] == "leader"


def test_the_late_saudi_king_so_styled_is_not_jordan_s(tagger: GeoTagger) -> None:
    item, _, rules = tagged(
        tagger,
        "500-bed hospital opened",
        "On behalf of the Custodian of the Two Holy Mosques King Abdullah, the second deputy "
        "premier opened the new hospital yesterday.",
    )
    assert "King Abdullah" not in rules
    result = tagger.tag(item)
    assert {e.country for e in result.evidence if e.weight} == {"SA"}
