"""Agency XML/JSON layouts of issue #14, field by field (fixtures written for Wirestream).

``fixtures/expected.json`` says, per fixture and item, what goes where: headline, slug,
byline, located and desk, version, pubstatus, embargo, ednote, summary, the first and last
sentence of the body, and the signals. The tests below add what a table cannot say.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.agency_xml_score import actual, matches
from streams.core.model import RawMessage, WireItem
from streams.core.parse import ParseResult, parse
from streams.core.parse.build import MAX_VERSION, to_int
from streams.errors import ParseError, UnsafeInput

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED: dict[str, Any] = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
CASES = [(name, n) for name, items in EXPECTED.items() if name[0] != "_" for n in range(len(items))]


def load(name: str, source: str = "test") -> ParseResult:
    return parse(RawMessage((FIXTURES / name).read_bytes(), {"wire-source": source.encode()}))


@pytest.mark.parametrize(("name", "index"), CASES)
def test_fields_as_expected(name: str, index: int) -> None:
    result = load(name)
    assert len(result.items) == len(EXPECTED[name])
    got = actual(result.items[index])
    wrong = {
        field: (want, got[field])
        for field, want in EXPECTED[name][index].items()
        if not matches(field, want, got[field])
    }
    assert wrong == {}


def _one(name: str) -> WireItem:
    (item,) = load(name).items
    return item


def test_reuters_versions_are_ten_digits_and_headline_stays_as_sent() -> None:
    v1, upd, cor = (_one(f"reuters_g2_{n}.xml") for n in ("v1", "update", "corrected"))
    assert v1.uri == upd.uri == cor.uri
    assert v1.version < upd.version < cor.version
    assert upd.headline.startswith("UPDATE 2-") and cor.headline.startswith("CORRECTED-")
    assert load("reuters_g2_update.xml").dropped == []  # nothing stripped, so nothing dropped


def test_reuters_located_is_the_desk_not_the_story_place() -> None:
    item = _one("reuters_g2_v1.xml")
    assert item.ext.desk == "Bengaluru"
    assert item.located == "SANTIAGO"  # from the dateline
    assert item.to_json()["wirestream"]["desk"] == "Bengaluru"
    assert "Bengaluru" not in json.dumps(item.to_json()["located"])


def test_reuters_cancel_is_a_kill_at_a_higher_version() -> None:
    kill, original = _one("reuters_g2_cancel.xml"), _one("reuters_g2_v1.xml")
    assert kill.uri == original.uri
    assert kill.version > original.version
    assert kill.pubstatus == "canceled" and "kill" in kill.ext.signals


def test_to_int_takes_long_digit_strings() -> None:
    assert to_int("1187034567") == 1187034567
    assert to_int("9" * 30) == int("9" * 30)  # clamped by build, not refused here
    assert to_int("12a") is None and to_int("") is None and to_int("١٢") is None
    big = load_g2(version="9" * 30)
    assert big.version == MAX_VERSION


def load_g2(version: str) -> WireItem:
    data = (FIXTURES / "reuters_g2_v1.xml").read_bytes().replace(b"1187034567", version.encode())
    (item,) = parse(RawMessage(data, {"wire-source": b"test"})).items
    return item


def test_ninjs_summary_never_replaces_the_body() -> None:
    ferry, library = load("ninjs_cms.json").items
    assert ferry.description == "Ferries run again from Thursday, the operator says."
    assert "Ferries run again" not in ferry.body
    assert ferry.body.count("\n\n") == 2
    assert ferry.to_json()["descriptions"][0]["role"] == "summary"
    assert library.body.startswith("The town library")  # 3.0 contentType text/html read
    assert "<p>" not in library.body


def test_ninjs_associations_and_renditions_are_not_stories() -> None:
    result = load("ninjs_cms.json")
    uris = [i.uri for i in result.items]
    assert not any("pic-pier" in u for u in uris)
    assert not any("pier.jpg" in i.body for i in result.items)


def test_ninjs_item_without_text_is_reported_not_silently_lost() -> None:
    result = load("ninjs_cms.json")
    assert result.dropped == ["[item 2 of the ninjs payload: no id, headline or text]"]


def test_ninjs_kill_with_only_an_id_is_routed() -> None:
    doc = b'[{"uri": "urn:x:1", "version": 4, "pubstatus": "canceled"}, {"uri": "urn:x:2", "headline": "Other"}]'
    kill, other = parse(RawMessage(doc, {"wire-source": b"t"})).items
    assert kill.pubstatus == "canceled" and kill.version == 4 and kill.headline == ""
    assert other.headline == "Other"


def test_ninjs_description_only_item_keeps_it_as_summary() -> None:
    doc = b'{"uri": "urn:x:3", "description_text": "Short summary of a picture."}'
    (item,) = parse(RawMessage(doc, {"wire-source": b"t"})).items
    assert item.description == "Short summary of a picture."
    assert item.bodies == []
    assert "derived-headline" in item.ext.signals


def test_nitf_plain_external_doctype_parses_and_nothing_else_does() -> None:
    assert _one("nitf_doctype_ntb.xml").headline == "Fjelloverganger stengt etter uvær"
    story = (FIXTURES / "nitf_doctype_ntb.xml").read_bytes()
    hostile = [
        story.replace(b'"nitf-3-5.dtd">', b'"nitf-3-5.dtd" [<!ENTITY a "b">]>'),
        story.replace(b'SYSTEM "nitf-3-5.dtd"', b"[<!ELEMENT nitf ANY>]"),
        story.replace(b"<nitf ", b'<!DOCTYPE nitf SYSTEM "x.dtd">\n<nitf ', 1),
    ]
    for data in hostile:
        with pytest.raises(UnsafeInput):
            parse(RawMessage(data, {"wire-source": b"t"}))
    entity = story.replace(b"<p>Vegvesenet", b"<p>&ext;Vegvesenet")
    with pytest.raises(UnsafeInput) as info:
        parse(RawMessage(entity, {"wire-source": b"t"}))
    assert info.value.reason == "xml-entities"


def test_efe_timestamp_dateline_is_not_a_place_and_escaped_marks_are_decoded() -> None:
    item = _one("nitf_efe.xml")
    # The place is the lede's own dateline ("Sevilla, 26 nov (EFE).-"), not the timestamp.
    assert item.located == "Sevilla"
    assert "<endash>" not in item.body and "\u2013" in item.body


def test_pa_embargo_is_carried_and_routed() -> None:
    item = _one("nitf_pa_embargo.xml")
    assert item.pubstatus == "usable"
    assert item.embargoed == "2025-11-27T00:01:00Z"
    assert item.to_json()["embargoed"] == "2025-11-27T00:01:00Z"
    assert item.firstcreated == "2025-11-26T15:00:00Z"


def test_inline_nitf_title_is_the_headline_not_the_byline() -> None:
    item = _one("g2_inline_nitf_aap.xml")
    assert item.headline == "Rowers set national record on lake course"
    assert "derived-headline" not in item.ext.signals
    assert item.byline == "By Invented Writer" and not item.body.startswith("By ")


def test_wxr_attachments_are_not_stories() -> None:
    result = load("wxr.xml")
    assert [i.headline for i in result.items] == ["Council approves new footbridge"]
    # The post's dc:creator is a WordPress login: reported, not a byline.
    assert result.dropped == ["[WXR attachment, not a story: footbridge-drawing]", "editor"]
    assert result.items[0].byline is None


def test_newsml_1_2_is_detected_and_revisions_share_a_uri() -> None:
    result = load("newsml12_afp.xml")
    assert result.format == "newsml-1"
    (item,) = result.items
    assert item.uri == "urn:wirestream:test:id:urn:newsml:afp.com:20251127:TX-PAR-XYZ12"
    rev3 = (
        (FIXTURES / "newsml12_afp.xml").read_bytes().replace(b">2</RevisionId>", b">3</RevisionId>")
    )
    (later,) = parse(RawMessage(rev3, {"wire-source": b"test"})).items
    assert later.uri == item.uri and later.version == 3


def test_newsml_1_2_canceled_and_embargoed_status() -> None:
    data = (FIXTURES / "newsml12_afp.xml").read_bytes()
    canceled = data.replace(b'<Status FormalName="Usable"/>', b'<Status FormalName="Canceled"/>')
    (kill,) = parse(RawMessage(canceled, {"wire-source": b"t"})).items
    assert kill.pubstatus == "canceled" and "kill" in kill.ext.signals
    embargoed = data.replace(
        b'<Status FormalName="Usable"/>',
        b'<Status FormalName="Embargoed"/><StatusWillChange><FutureStatus FormalName="Usable"/>'
        b"<DateAndTime>20251128T060000Z</DateAndTime></StatusWillChange>",
    )
    (held,) = parse(RawMessage(embargoed, {"wire-source": b"t"})).items
    assert held.pubstatus == "usable" and held.embargoed == "2025-11-28T06:00:00Z"


def test_newsml_1_forced_format_and_no_news_item() -> None:
    empty = b'<?xml version="1.0"?><NewsML Version="1.2"><NewsEnvelope/></NewsML>'
    with pytest.raises(ParseError) as info:
        parse(RawMessage(empty, {"wire-source": b"t", "wire-format": b"newsml1"}))
    assert info.value.reason == "no-items"


def test_external_dtd_is_never_read(tmp_path: Path) -> None:
    """The DOCTYPE's file exists and defines the entity: it must still be neither read nor used."""
    dtd = tmp_path / "nitf.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED">', "utf-8")
    story = (FIXTURES / "nitf_doctype_ntb.xml").read_bytes()
    pointed = story.replace(b'"nitf-3-5.dtd"', f'"{dtd.as_uri()}"'.encode())
    assert "LEAKED" not in parse(RawMessage(pointed, {"wire-source": b"t"})).items[0].body
    with pytest.raises(UnsafeInput) as info:
        parse(RawMessage(pointed.replace(b"<p>Vegvesenet", b"<p>&leak;"), {"wire-source": b"t"}))
    assert info.value.reason == "xml-entities"


@pytest.mark.parametrize(
    ("dateline", "located"),
    [("2025-11-26 09:11", None), ("26/11/2025", None), ("Sevilla, 26 nov", "Sevilla")],
)
def test_g2_dateline_is_a_place_only_when_it_names_one(dateline: str, located: str | None) -> None:
    data = (FIXTURES / "g2_inline_nitf_aap.xml").read_bytes()
    data = data.replace(b"<language tag", f"<dateline>{dateline}</dateline><language tag".encode())
    (item,) = parse(RawMessage(data, {"wire-source": b"t"})).items
    assert item.located == located


def test_ninjs_3_by_title_and_array_associations() -> None:
    """ninjs 3.0: ``by`` is the byline, ``title`` is metadata (reported, never the headline),
    ``associations`` and ``renditions`` are arrays of media, not stories; a kill with only
    an id, a version and ``pubStatus`` is routed."""
    story, kill = load("ninjs3_cms.json").items
    assert story.byline == "Lina Invented"
    assert [h.value for h in story.headlines][1:] == [
        "Operator expects normal service by the evening"
    ]
    assert story.ext.dropped == ["quay-cranes-v2"]
    assert "Idle cranes" not in story.body
    assert kill.pubstatus == "canceled" and not kill.bodies


def test_nitf_second_hl2_title_and_dateline_go_to_dropped() -> None:
    item = _one("nitf_hl2_tagline.xml")
    assert [h.value for h in item.headlines] == [
        "Malta opens its largest desalination plant",
        "Plant to supply a third of the island's drinking water",
    ]
    assert item.ext.dropped == [
        "Malta desalination plant",
        "Opposition questions the energy bill",
        "Valletta Malta Nov. 28",
    ]


def test_g2_second_located_and_dateline_are_reported_not_the_place() -> None:
    item = _one("g2_roles_located.xml")
    assert item.located == "Zell am See"
    assert item.ext.dropped == ["Zell am See, 28. November", "Salzburg"]


def test_afp_nested_components_text_plain_body_and_no_photo() -> None:
    item = _one("newsml12_afp_nested.xml")
    assert item.body.count("\n\n") == 2  # three paragraphs of the DataContent, no caption
    # The KeywordLines ("Kenya", "drought") are words the headline holds: not repeated.
    assert item.ext.dropped == ["Marsabit, Kenya, Nov 28, 2025 (AFP)"]
