"""Stories written for these tests (fictional people and bodies), in wire style."""

from __future__ import annotations

import pytest

from streams.core.dedup import Deduper, MemoryStore
from streams.core.model import AltId, Body, Headline, PubStatus, WireItem

HOUR = 3_600_000
T0 = 1_795_000_000_000

FLOOD = [
    "VALLETTA, Nov 27 (Wirestream) - Flash floods swept through three coastal towns on Thursday "
    "after more than 120 millimetres of rain fell in six hours, killing at least four people and "
    "forcing the evacuation of some 900 residents, the civil protection agency said.",
    "Agency director Marisa Tonna said rescue crews had pulled 37 people from cars and ground-floor "
    "flats overnight and that two fishermen were still missing off the northern harbour.",
    "Television footage showed cars piled against the sea wall and streets turned into rivers of "
    "mud, while the main coast road remained closed to traffic for most of the day.",
    "The government declared a state of emergency for the region and promised compensation for "
    "families who lost their homes, an official at the interior ministry said.",
    "Meteorologists warned that another band of heavy rain was expected to reach the island late on "
    "Friday and urged people living near river beds to stay away from low-lying areas.",
    "Schools in the three towns will stay closed until Monday while engineers inspect bridges and "
    "retaining walls, the education office said in a statement.",
]
FLOOD_MORE = [
    "Opposition leader Karl Pisani said the drainage works promised after similar floods in 2019 "
    "had never been finished and called for a parliamentary inquiry into the delays.",
    "Insurers said it was too early to estimate the cost of the damage, but a trade association "
    "put the number of damaged vehicles at several hundred.",
    "The European Union's civil protection service said it stood ready to send pumps and rescue "
    "boats if the island asked for help.",
]
FLOOD_OTHER_OUTLET = [
    "Four people are dead and two fishermen missing after torrential rain turned coastal streets "
    "into torrents overnight, emergency officials confirmed on Thursday.",
    "More than 120 millimetres fell in six hours, according to the weather service, and about 900 "
    "people had to leave their homes. Rescuers freed 37 people trapped in vehicles and flats.",
    '"We have not seen anything like this in decades," said a shopkeeper whose store was flooded '
    "to knee height. The coast road was shut and the government declared an emergency.",
    "Forecasters expect more rain on Friday evening, and residents near river beds were told to "
    "move to higher ground.",
]
MARKETS = [
    "RIGA, Nov 27 (Wirestream) - The main share index in Riga rose 41 points, or 0.9 percent, to "
    "close at 4512 on Thursday, led by banking and telecoms stocks.",
    "Turnover was 318 million shares, compared with a daily average of 402 million over the past "
    "month. Banking shares gained 1.8 percent and utilities lost 0.4 percent.",
    "The market reopens at 0900 local time. Prices are provisional and may be revised by the "
    "exchange after the close.",
]
MARKETS_NEXT_DAY = [
    "RIGA, Nov 28 (Wirestream) - The main share index in Riga fell 17 points, or 0.4 percent, to "
    "close at 4495 on Friday, led by banking and telecoms stocks.",
    "Turnover was 276 million shares, compared with a daily average of 399 million over the past "
    "month. Banking shares lost 0.6 percent and utilities gained 0.2 percent.",
    "The market reopens at 0900 local time. Prices are provisional and may be revised by the "
    "exchange after the close.",
]


def make(
    uri: str,
    paras: list[str],
    *,
    headline: str = "Flash floods kill four on coast",
    version: int = 1,
    pubstatus: PubStatus = "usable",
    slug: str | None = None,
    storynumber: str | None = None,
) -> WireItem:
    altids = [AltId("slug", slug)] if slug else []
    if storynumber:
        altids.append(AltId("storynumber", storynumber))
    return WireItem(
        uri=uri,
        headlines=[Headline(headline)],
        bodies=[Body("\n\n".join(paras))],
        version=version,
        pubstatus=pubstatus,
        altids=altids,
    )


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def deduper(store: MemoryStore) -> Deduper:
    return Deduper(store)


def seen(deduper: Deduper, item: WireItem, now_ms: int = T0) -> None:
    """Decide and remember, as the worker does once the sends are delivered."""
    deduper.remember(item, deduper.decide(item, now_ms), now_ms)
