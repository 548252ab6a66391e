from __future__ import annotations

from collections.abc import Callable

import pytest

from streams.core.model import RawMessage
from streams.core.parse import ParseResult, parse
from streams.core.schema import validate_item

Loader = Callable[..., ParseResult]
Raw = Callable[..., RawMessage]
#: A native id lives in its source's namespace (the fixtures' source is "test").
NS = "urn:wirestream:test:id:"


def test_ninjs_2_array(wire: Loader) -> None:
    result = wire("ninjs/v2_array.json")
    assert result.format == "ninjs"
    cocoa, typhoon = result.items
    assert cocoa.uri == NS + "urn:newsml:example.org:20251120:gh-cocoa-harvest"
    assert cocoa.version == 3
    assert cocoa.ext.signals == ["update"]
    assert cocoa.versioncreated == "2025-11-20T13:05:00Z"
    assert cocoa.firstcreated == "2025-11-20T08:30:00Z"
    assert cocoa.language == "en"
    assert cocoa.urgency == 4
    assert cocoa.located == "ACCRA"
    assert [(h.value, h.role) for h in cocoa.headlines] == [
        ("Ghana cocoa board cuts harvest forecast after disease outbreak", "main"),
        ("Swollen shoot virus spreads in Western North region", "sub"),
    ]
    assert cocoa.body.split("\n\n") == [
        "ACCRA, Nov 20 (Reuters) - Ghana's cocoa regulator on Thursday cut its forecast for the"
        " 2025/26 main crop by 12%, blaming the spread of swollen shoot virus & illegal gold"
        " mining on farmland.",
        "The board said it would replant 60,000 hectares.",
    ]
    assert cocoa.bodies[0].contenttype == "text/plain"
    assert [(a.role, a.value) for a in cocoa.altids] == [("slug", "GHANA-COCOA/")]
    assert [s.name for s in cocoa.infosources] == ["Reuters"]
    assert cocoa.usageterms == "For subscriber use only."
    assert cocoa.copyrightnotice == "Copyright 2025 Example News"
    assert typhoon.pubstatus == "withheld"
    assert typhoon.located == "MANILA"
    assert [s.name for s in typhoon.infosources] == ["AP"]
    assert result.dropped == ["UPDATE 2-"]


def test_ninjs_3_camel_case(wire: Loader) -> None:
    (item,) = wire("ninjs/v3_camel.json").items
    assert item.uri == NS + "https://example.org/items/2025/11/21/norway-fisheries"
    assert item.version == 2
    assert item.pubstatus == "canceled"
    assert "kill" in item.ext.signals
    assert item.versioncreated == "2025-11-21T10:00:00Z"
    assert item.firstcreated == "2025-11-21T09:12:00Z"
    assert item.language == "en-GB"
    assert item.usageterms == "Internal use only."
    assert item.ednote == "Withdrawn pending verification of the ministry statement."
    assert [(a.role, a.value) for a in item.altids] == [("storynumber", "NTB-4411")]
    assert item.located == "OSLO"


def test_ninjs_1_single_object(wire: Loader) -> None:
    (item,) = wire("ninjs/v1_single.json").items
    assert item.uri == NS + "tag:example.org,2025:bd-garment-strike"
    assert item.headline == "Bangladesh garment workers strike over unpaid wages"
    assert item.body.startswith("DHAKA, Nov 19 (AFP) - Thousands")
    assert item.located == "DHAKA"
    assert item.urgency == 5


def test_nitf(wire: Loader) -> None:
    result = wire("nitf/story.xml")
    (item,) = result.items
    assert result.format == "nitf"
    assert item.uri == NS + "APS-20251120-0042"
    assert item.headline == "Sénégal: la saison des pluies double la récolte d'arachide"
    assert item.headlines[1].value == "Les exportations vers la Chine devraient reprendre"
    assert item.headlines[1].role == "sub"
    assert item.ext.signals == ["correction"]
    assert item.version == 2
    assert item.versioncreated == "2025-11-20T10:15:00Z"
    assert item.firstcreated == "2025-11-20T09:00:00Z"
    assert item.language == "fr"
    assert item.urgency == 5
    assert item.located == "KAOLACK"
    assert item.copyrightnotice == "Copyright 2025 Agence de Presse Sénégalaise"
    assert item.ednote == "Corrige le chiffre de production au 2e paragraphe."
    assert [(a.role, a.value) for a in item.altids] == [("slug", "senegal-arachide")]
    assert [s.name for s in item.infosources] == ["APS"]
    assert len(item.body.split("\n\n")) == 2
    assert result.dropped == ["CORRECTED-"]


def test_newsml_g2_message(wire: Loader) -> None:
    result = wire("newsml/message.xml")
    floods, hungary = result.items
    assert result.format == "newsml-g2"
    assert floods.uri == NS + "urn:newsml:example.org:20251122:in-monsoon"
    assert floods.version == 4
    assert floods.ext.signals == ["update"]
    assert floods.pubstatus == "usable"
    assert floods.versioncreated == "2025-11-22T01:25:00Z"
    assert floods.firstcreated == "2025-11-21T22:10:00Z"
    assert floods.language == "en"
    assert floods.urgency == 3
    assert floods.located == "CHENNAI"
    assert floods.headline == "Floods in southern India kill 14 as rains lash Tamil Nadu"
    assert floods.body.split("\n\n")[1] == "Schools in Chennai were closed for a second day."
    assert "x" not in floods.body.split("\n\n")  # the xhtml <title> is not body text
    assert floods.usageterms == "No archiving."
    assert floods.copyrightnotice == "Copyright 2025 Example Wire. All rights reserved."
    assert floods.ednote == "Updates death toll in third paragraph."
    assert [(a.role, a.value) for a in floods.altids] == [
        ("slug", "INDIA-FLOODS/"),
        ("guid", "urn:newsml:example.org:20251122:in-monsoon"),
    ]
    assert [s.name for s in floods.infosources] == ["Press Trust of India", "Example Wire"]
    assert hungary.pubstatus == "canceled"
    assert "kill" in hungary.ext.signals
    assert hungary.version == 2
    assert hungary.body.startswith("BUDAPEST, Nov 22 - Hungary's president")
    assert hungary.located == "BUDAPEST"


def test_rss(wire: Loader) -> None:
    result = wire("rss/feed.xml")
    morocco, fiji = result.items
    assert result.format == "rss"
    assert morocco.uri == NS + "ewd-2025-11-23-0101"
    assert morocco.versioncreated == "2025-11-23T07:30:00Z"
    assert morocco.body.split("\n\n") == [
        "CASABLANCA, Morocco (AP) — Morocco on Sunday opened a desalination plant near"
        " Casablanca that will supply drinking water to 7.5 million people.",
        "The plant runs on wind power.",
    ]
    assert morocco.located == "CASABLANCA, Morocco"
    assert morocco.language == "en-us"
    assert morocco.copyrightnotice == "© 2025 Example World Desk"
    assert fiji.uri == NS + "https://news.example.org/world/fiji-cyclone"
    assert "track()" not in fiji.body
    assert fiji.body.startswith("SUVA, Fiji (AP) — Fiji declared")


def test_atom(wire: Loader) -> None:
    result = wire("atom/feed.xml")
    nz, png = result.items
    assert result.format == "atom"
    assert nz.uri == NS + "tag:pacific.example.org,2025-11-24:nz-oil"
    assert nz.versioncreated == "2025-11-23T13:45:00Z"
    assert nz.firstcreated == "2025-11-23T12:00:00Z"
    assert nz.body.startswith("WELLINGTON (NZPA) - New Zealand's parliament")
    assert nz.language == "en"
    assert nz.copyrightnotice == "Copyright 2025 Example Pacific Wire"
    assert png.body.split("\n\n")[1] == "No injuries were reported."
    assert png.located == "PORT MORESBY"


def test_anpa_1312_writethru_and_kill_share_uri(wire: Loader) -> None:
    result = wire("anpa1312/two.txt")
    grain, volcano = result.items
    assert result.format == "anpa1312"
    assert grain.headline == "Ukraine grain exports rise despite port attacks"
    assert grain.ext.signals == ["writethru"]
    assert grain.version == 2
    assert grain.urgency == 5
    assert volcano.urgency == 3
    assert grain.located == "ODESA, Ukraine"
    assert [s.name for s in grain.infosources] == ["AP"]
    assert grain.ednote == "Eds: UPDATES with harbour master comment in 3rd graf."
    assert [(a.role, a.value) for a in grain.altids] == [
        ("storynumber", "a0734"),
        ("slug", "BC-Ukraine-Grain"),
    ]
    assert grain.body.split("\n\n") == [
        "ODESA, Ukraine (AP) _ Ukraine's grain exports rose 8% in November from a month"
        " earlier, the agriculture ministry said Thursday, even as drone strikes damaged two"
        " terminals.",
        "Shipments through the Danube ports made up a quarter of the total.",
        "The harbour master said repairs would take two weeks.",
    ]
    assert "AP-WS-11-20-25 0915GMT" in result.dropped
    # The byline is a field (issue 14), not dropped text; its `=` terminator is syntax.
    assert grain.byline == "By OLENA KOVAL"
    assert grain.ext.dropped == [
        "BC-Ukraine-Grain, 1st Ld-Writethru,0164",
        "AP-WS-11-20-25 0915GMT",
    ]
    (kill,) = wire("anpa1312/kill.txt").items
    assert kill.pubstatus == "canceled"
    assert kill.urgency == 2
    assert kill.uri == grain.uri != volcano.uri


def test_iptc_7901(wire: Loader) -> None:
    result = wire("iptc7901/two.txt")
    election, wheat = result.items
    assert result.format == "iptc7901"
    assert election.headline == "Egypt holds run-off vote in parliamentary election"
    assert election.urgency == 2
    assert election.ext.signals == ["update"]
    assert election.version == 2
    assert election.located == "CAIRO"
    assert election.body.split("\n\n")[1] == "Results are due on Thursday."
    assert wheat.headline == "Egypt buys 240,000 tonnes of Russian wheat"
    assert wheat.urgency == 4
    assert [(a.role, a.value) for a in wheat.altids] == [
        ("storynumber", "ANS0213"),
        ("slug", "Egypt-Wheat"),
    ]
    assert election.uri != wheat.uri


def test_forced_format_overrides_sniffing(wire: Loader) -> None:
    result = wire("iptc7901/two.txt", wire_format="anpa")
    assert result.format == "anpa1312"
    assert {i.ext.format for i in result.items} == {"anpa1312"}


@pytest.mark.parametrize(
    "name",
    [
        "plain/digest.txt",
        "plain/separated.txt",
        "plain/wrapped.txt",
        "plain/kill.txt",
        "plain/cp1252.txt",
        "ninjs/v2_array.json",
        "ninjs/v3_camel.json",
        "ninjs/v1_single.json",
        "nitf/story.xml",
        "newsml/message.xml",
        "rss/feed.xml",
        "atom/feed.xml",
        "anpa1312/two.txt",
        "anpa1312/kill.txt",
        "iptc7901/two.txt",
    ],
)
def test_every_fixture_item_validates_against_the_schema(wire: Loader, name: str) -> None:
    result = wire(name)
    assert result.items
    for item in result.items:
        validate_item(item.to_json())
        assert item.ext.lineage is None
        assert item.ext.format == result.items[0].ext.format


def test_newsml_guid_is_stable_across_versions(rawmsg: Raw) -> None:
    def doc(version: int, headline: str) -> bytes:
        return (
            f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:story-1"'
            f' version="{version}"><contentMeta><headline>{headline}</headline></contentMeta>'
            "</newsItem>"
        ).encode()

    first = parse(rawmsg(doc(1, "Quake hits Ecuador"))).items[0]
    second = parse(rawmsg(doc(2, "UPDATE 1-Quake hits Ecuador, two dead"))).items[0]
    assert first.uri == second.uri == NS + "urn:x:story-1"
    assert (first.version, second.version) == (1, 2)
