"""The agency's own geography (``places``), read from each structured format's real layout.

Fixtures in ``fixtures/places/`` are written for Wirestream (invented stories) in the layouts
of IPTC NewsML-G2 (geoArea subjects with ``sameAs``/``broader`` ISO codes, AP's ``assert``
names, Reuters' ``N2:`` codes), ninjs 1.x ``place``/``subject`` and 2.x ``places``/``subjects``,
NITF 3.x ``evloc``/``identified-content`` and NewsML 1.2 ``Location``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from streams.core.model import RawMessage, WireItem
from streams.core.parse import parse
from streams.core.parse.places import (
    MAX_PLACE_CHARS,
    MAX_PLACE_URI_CHARS,
    MAX_PLACES,
    country_of,
)
from streams.core.schema import validate_item

FIXTURES = Path(__file__).parent / "fixtures" / "places"


def _items(name: str) -> list[WireItem]:
    return parse(RawMessage((FIXTURES / name).read_bytes(), {"wire-source": b"test"})).items


def _places(item: WireItem) -> list[tuple[str, str | None]]:
    return [(p.name, p.code) for p in item.places]


@pytest.mark.parametrize(
    ("qcode", "code"),
    [
        ("iso3166-1a2:GB", "GB"),
        ("iso3166-1a3:USA", "US"),
        ("iso3166-1a2:US-NV", "US"),  # a subdivision names its country
        ("http://cv.iptc.org/newscodes/iso3166-1a2/DE", "DE"),
        ("N2:FR", "FR"),
        ("N2:EUROP", None),  # a Reuters region/topic code, not a country
        ("N2:EU", None),  # no ISO country
        ("geo:2643743", None),  # a GeoNames id names no country by itself
        ("medtop:20000538", None),
        ("iso3166-1a2:ZZ", None),
    ],
)
def test_country_codes_from_qcodes(qcode: str, code: str | None) -> None:
    assert country_of(qcode) == code


def test_g2_geo_subjects_only_with_codes_from_sameas_broader_and_assert() -> None:
    (item,) = _items("g2_geo_subjects.xml")
    assert _places(item) == [
        ("Zell am See", "AT"),  # sameAs AT-5: a subdivision of Austria
        ("Austria", "AT"),
        ("Las Vegas", "US"),  # the first broader that is a country code
        ("Seepromenade", None),
        ("Salzburg", None),  # AP: the name is in the item's <assert>
    ]
    assert item.places[0].uri == "examplegeo:2867714"
    names = {p.name for p in item.places}
    # people, organisations, topics and genres are no geography
    assert not names & {"Jordan Invented", "Santos Invented Holdings", "leisure", "Current"}


def test_reuters_n2_country_codes_are_places_and_the_desk_is_not() -> None:
    (item,) = _items("reuters_g2_n2.xml")
    assert _places(item) == [("", "CL")]
    assert item.ext.desk == "Bengaluru"


def test_ninjs_2_places_and_geography_subjects() -> None:
    v2, _ = _items("ninjs_places.json")
    assert _places(v2) == [
        ("Helsinki", None),  # once: the same place twice is one place
        ("Suomi", "FI"),  # literal as the name, the code from the uri
        ("Finland", "FI"),  # a subject in the ISO country vocabulary
        ("Uusimaa", None),  # a subject in GeoNames
    ]
    assert v2.places[0].uri == "http://sws.geonames.org/658225/"


def test_ninjs_1_place_codes_only_from_country_schemes() -> None:
    _, v1 = _items("ninjs_places.json")
    assert _places(v1) == [
        ("Bergen", None),
        ("Norway", "NO"),  # iso3166-1a3 NOR
        ("California", None),  # "CA" in a US-states scheme is no Canada
        ("Hordaland", None),  # a subject in a geography scheme; "transport" is not
    ]
    assert v1.places[1].uri == "http://cv.iptc.org/newscodes/iso3166-1a3/NOR"


def test_nitf_evloc_and_identified_content_not_the_inline_body() -> None:
    (item,) = _items("nitf_evloc.xml")
    assert _places(item) == [
        ("Paiporta", "ES"),
        ("Nowhere", None),  # iso-cc XX is no country: the name stays, the code goes
        ("Paiporta, Comunidad Valenciana, España", "ES"),  # alpha-3 ESP
        ("Portugal", "PT"),
        ("Albufeira", None),
    ]
    assert item.places[2].uri == "ES-V-46"


def test_newsml1_locations_except_the_origin() -> None:
    (item,) = _items("newsml12_location.xml")
    # The origin (Paris) is the dateline, read as located; the others are the story's places.
    assert item.located == "PARIS"
    assert _places(item) == [("Le Havre", "FR"), ("", "BE")]


def test_places_serialise_and_validate() -> None:
    for name in sorted(p.name for p in FIXTURES.iterdir()):
        for item in _items(name):
            doc = item.to_json()
            validate_item(doc)
            assert WireItem.from_json(doc).to_json() == doc
            assert doc["places"]


def test_formats_without_places_emit_none() -> None:
    (item,) = parse(RawMessage(b"Headline\n\nLONDON (AP) - Body text.", {})).items
    assert item.places == [] and "places" not in item.to_json()


def test_hostile_places_stay_bounded() -> None:
    long_name = "N" * 100_000
    subject = f'<subject type="cpnat:geoArea" qcode="x:{{n}}"><name>{long_name}</name></subject>'
    subjects = "".join(subject.format(n=n) for n in range(60))
    subjects += "".join(f'<subject qcode="N2:{c}"/>' for c in ["FR", "DE"] * 20_000)
    doc = (
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="1">'
        f"<contentMeta>{subjects}<headline>Flood</headline></contentMeta></newsItem>"
    ).encode()
    start = time.perf_counter()
    (item,) = parse(RawMessage(doc, {"wire-source": b"test"})).items
    assert time.perf_counter() - start < 5
    assert 0 < len(item.places) <= MAX_PLACES
    assert all(len(p.name) <= MAX_PLACE_CHARS for p in item.places)
    ninjs = {
        "uri": "urn:x:2",
        "headline": "Flood",
        "places": [{"name": "P" * 10_000, "uri": "u" * 10_000}] * 5
        + [{"name": f"Town {n}"} for n in range(50_000)],
    }
    (item,) = parse(RawMessage(json.dumps(ninjs).encode(), {"wire-source": b"test"})).items
    assert len(item.places) == MAX_PLACES
    assert len(item.places[0].name) <= MAX_PLACE_CHARS
    assert len(item.places[0].uri or "") <= MAX_PLACE_URI_CHARS
    validate_item(item.to_json())


def test_feed_categories_in_a_geography_vocabulary_only() -> None:
    (rss,) = _items("rss_geo_categories.xml")
    assert _places(rss) == [("Stavanger", None), ("", "NO")]
    (atom,) = _items("atom_geo_categories.xml")
    assert _places(atom) == [("Norway", "NO"), ("Stavanger", None)]
    assert atom.places[1].uri == "http://sws.geonames.org/3137115"
