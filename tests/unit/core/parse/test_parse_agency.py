"""AP ANPA-1312 and dpa IPTC 7901 in their real layouts, field by field (issue 14).

Fixtures in ``fixtures/`` are written for these tests (see its README): invented stories in
each agency's framing, so every field has one right answer.
"""

from __future__ import annotations

from pathlib import Path

from streams.core.model import RawMessage, WireItem
from streams.core.parse import parse
from streams.core.parse.base import ParseResult

HERE = Path(__file__).parent / "fixtures"


def _load(name: str) -> ParseResult:
    return parse(RawMessage(value=(HERE / name).read_bytes(), headers={"wire-source": b"ap"}))


def _paras(item: WireItem) -> list[str]:
    return item.body.split("\n\n")


def _altids(item: WireItem) -> dict[str, str]:
    return {a.role: a.value for a in item.altids}


def test_ap_writethru_keyword_line_is_the_slug_and_the_headline_line_the_headline() -> None:
    result = _load("ap_anpa1312.txt")
    assert result.format == "anpa1312"
    storm = result.items[0]
    assert len(result.items) == 3
    assert storm.headline == "Ice storm leaves 200,000 without power across Georgia"
    assert "derived-headline" not in storm.ext.signals
    assert _altids(storm) == {"storynumber": "a0412", "slug": "BC-US--Storm-Power Outages"}
    assert storm.byline == "By MARTA ELLISON, Associated Press"  # one line, as AP renders it
    assert storm.located == "ATLANTA"
    assert [s.name for s in storm.infosources] == ["AP"]
    assert storm.version == 3  # 2nd Ld-Writethru
    assert storm.pubstatus == "usable"
    assert storm.urgency == 5
    assert storm.ednote == (
        "Eds: UPDATES with utility's restoration estimate in 4th graf; ADDS byline."
    )
    assert storm.ext.signals == ["writethru"]
    body = _paras(storm)
    assert body[0].startswith("ATLANTA (AP) _ An ice storm snapped power lines")
    assert body[0].endswith("as temperatures fell below freezing.")  # hard wrap joined
    assert body[-1] == "Schools in 30 counties stayed closed for the day."
    assert len(body) == 4
    # AP's in-text markers are syntax: no ^ or < is left in any field.
    for value in (storm.headline, storm.body, storm.byline or "", storm.ednote or ""):
        assert "^" not in value and "<" not in value and "=" not in value
    # Which text went where: the keyword line and the time line are reported, not lost.
    assert storm.ext.dropped == [
        "BC-US--Storm-Power Outages, 2nd Ld-Writethru,512",
        "AP-WS-12-01-25 1432GMT",
    ]


def test_ap_alert_without_a_headline_line_gets_its_first_sentence() -> None:
    _, alert, _ = _load("ap_anpa1312.txt").items
    assert alert.headline == (
        "The Port of Savannah halts all container traffic after a crane collapse,"
        " port authority says"
    )
    assert alert.ext.signals == ["derived-headline", "alert"]
    assert _altids(alert) == {"storynumber": "f0415", "slug": "BC-APNewsAlert"}
    assert alert.urgency == 1  # f: flash
    assert alert.located == "SAVANNAH, Ga."
    assert alert.byline is None and alert.ednote is None
    assert alert.ext.dropped == ["BC-APNewsAlert,0041", "AP-WS-12-01-25 1440GMT"]


def test_ap_add_is_a_take_of_the_story_with_its_own_uri() -> None:
    storm, _, add = _load("ap_anpa1312.txt").items
    assert _altids(add) == {"storynumber": "a0419", "slug": "BC-US--Storm-Power Outages"}
    assert "take" in add.ext.signals
    # Its own uri: with the story's uri and version it would be dropped as a repeat of it.
    assert add.uri != storm.uri
    assert _paras(add) == [
        "The National Weather Service warned of more freezing rain overnight in the mountains.",
        "Drivers were told to stay off the roads until noon on Tuesday.",
    ]
    assert add.ext.dropped[0] == "BC-US--Storm-Power Outages, 1st Add,130"


def test_ap_writethrus_share_the_uri_although_the_header_field_is_cut() -> None:
    """The header's keyword field is cut at 24 characters; the uri comes from it, so the
    next writethru (same field) updates the story instead of starting a new one."""
    data = (HERE / "ap_anpa1312.txt").read_bytes().split(b"\x04")[0] + b"\x04"
    again = data.replace(b"2ndLd-Writethru", b"3rdLd-Writethru").replace(
        b"2nd Ld-Writethru", b"3rd Ld-Writethru"
    )
    first = parse(RawMessage(value=data, headers={"wire-source": b"ap"})).items[0]
    third = parse(RawMessage(value=again, headers={"wire-source": b"ap"})).items[0]
    assert third.uri == first.uri
    assert third.version == 4 > first.version


def test_dpa_take_keys_slug_line_terminator_and_dateline() -> None:
    result = _load("dpa_iptc7901.txt")
    assert result.format == "iptc7901"
    budget, snow = result.items
    assert budget.headline == "Coalition agrees 2026 budget after all-night talks"
    assert _altids(budget) == {
        "service": "dpa-tns",
        "storynumber": "dpa0217",
        "slug": "Germany-politics",
    }
    assert budget.byline == "By Anna Weber, dpa"
    assert budget.located == "Berlin"
    assert [s.name for s in budget.infosources] == ["dpa"]
    assert budget.version == 2  # 1ST LEAD
    assert budget.pubstatus == "usable"
    assert budget.urgency == 3
    assert budget.ednote is None
    assert budget.ext.signals == ["refile", "update"]
    body = _paras(budget)
    assert body[0].startswith("Berlin (dpa) - Germany's governing coalition agreed")
    assert body[-1] == (
        '"We have found a compromise that everyone can live with," the finance minister told'
        " reporters."
    )
    assert budget.ext.dropped == ["REFILE", "1ST LEAD", "dpa aw xx n1 ru", "020743 Dec 25"]

    assert snow.headline == "Snow closes Brenner motorway for hours"
    assert snow.ext.signals == ["attention", "extra"]
    assert _altids(snow)["slug"] == "Austria-weather"
    assert snow.located == "Innsbruck"
    assert snow.byline is None
    assert _paras(snow) == [
        "Innsbruck (dpa) - Heavy snow closed the Brenner motorway between Austria and Italy"
        " for five hours on Tuesday, police said. Lorries queued for 20 kilometres."
    ]
    assert snow.ext.dropped == ["(Achtung)", "EXTRA", "dpa kb xx n1"]


def _dpa(slug: str, heading: str, body: str, *, etx: bool = True) -> str:
    end = "\x03\r\n\x04" if etx else ""
    return f"\x01dpa0300 4 pl 80  dpa-tns\r\n{slug}/\r\n\x02{heading} =\r\n\r\n{body}\r\n{end}"


def test_a_stray_etx_inside_a_7901_text_cuts_nothing() -> None:
    body = (
        "Hamburg (dpa) - The harbour ferry resumed service on Friday.\x03\r\n\r\n"
        "Operators said the repairs had cost 40,000 euros."
    )
    data = _dpa("Germany-transport", "Hamburg harbour ferry back in service", body)
    (item,) = parse(RawMessage(value=data.encode(), headers={"wire-source": b"dpa"})).items
    assert _paras(item) == [
        "Hamburg (dpa) - The harbour ferry resumed service on Friday.",
        "Operators said the repairs had cost 40,000 euros.",
    ]


def test_a_truncated_story_does_not_dead_letter_the_complete_one() -> None:
    whole = _dpa("Germany-rail", "Rail strike called off", "Berlin (dpa) - The strike is off.")
    cut = _dpa("Germany-port", "Port workers walk out", "Bremen (dpa) - Port workers in", etx=False)
    result = parse(RawMessage(value=(whole + cut).encode(), headers={"wire-source": b"dpa"}))
    (item,) = result.items
    assert item.headline == "Rail strike called off"
    assert "truncated-transmission" in item.ext.signals
    # The cut story is reported on the item that was routed, not silently lost.
    assert any("Port workers walk out" in d and "Bremen (dpa)" in d for d in item.ext.dropped)


def test_service_code_is_never_the_slug() -> None:
    data = "\x01dpa0301 4 pl 80  dpa-tns\r\n\x02Ferry back in service =\r\n\r\nHamburg (dpa) - It runs.\r\n\x03\x04"
    (item,) = parse(RawMessage(value=data.encode(), headers={"wire-source": b"dpa"})).items
    assert _altids(item) == {"service": "dpa-tns", "storynumber": "dpa0301"}
    assert item.headline == "Ferry back in service"


def _one(data: str) -> WireItem:
    (item,) = parse(RawMessage(value=data.encode(), headers={"wire-source": b"x"})).items
    return item


def test_dpa_key_on_the_heading_line_heading_over_two_lines_and_von_byline() -> None:
    item = _one(
        "\x01dpa0400 3 pl 200  dpa-tns\r\nGermany-rail/\r\n\x021ST LEAD Rail strike called off"
        " after\r\nlast-minute deal =\r\nVon Anna Weber, dpa =\r\n\r\nBerlin (dpa) - The strike"
        " is off, the union said on Monday.\r\n\r\nTrains run again.\r\n\x03\x04"
    )
    assert item.headline == "Rail strike called off after last-minute deal"
    assert item.byline == "Von Anna Weber, dpa"
    assert (item.version, item.ext.signals) == (2, ["update"])
    assert _paras(item) == [
        "Berlin (dpa) - The strike is off, the union said on Monday.",
        "Trains run again.",
    ]


def test_two_dpa_stories_under_one_topic_slug_keep_their_own_uris() -> None:
    """A 7901 slug line names a topic; as a story key it made the second story a repeat."""
    a = _one(_dpa("Germany-politics", "Coalition agrees budget", "Berlin (dpa) - Agreed."))
    b = _one(_dpa("Germany-politics", "President visits Poland", "Warsaw (dpa) - Visited."))
    assert _altids(a)["slug"] == _altids(b)["slug"] == "Germany-politics"
    assert a.uri != b.uri


def test_ap_keyword_line_variants() -> None:
    spaced = _one(
        "\x16\x16\x01a0500\x1fapw\r\nr a\x13\x11 BC-LT--Argentina-Cancer 12-01 0466\r\n\x02"
        "BC-LT--Argentina-Cancer Beauty,466\r\nBeauty queen's cancer fight inspires Argentines\r\n"
        "By JOHN DOE, AP Health Writer=\r\n   BUENOS AIRES, Argentina (AP) _ A former beauty"
        " queen told her story on Monday.\r\n   Doctors praised her courage.\r\n\x03\x04"
    )
    assert spaced.headline == "Beauty queen's cancer fight inspires Argentines"
    assert _altids(spaced)["slug"] == "BC-LT--Argentina-Cancer Beauty"
    assert spaced.byline == "By JOHN DOE, AP Health Writer"
    assert spaced.located == "BUENOS AIRES, Argentina"
    sports = _one(
        "\x01a0502 r s BC-BKN--Heat-Hawks 12-01 0416\x02^BC-BKN--Heat-Hawks 416<\r\n"
        "^Heat beat Hawks 112-104 behind late run<\r\n^Associated Press=\r\n"
        "\t^ATLANTA (AP) _ The Heat closed on a 14-2 run on Monday night.<\r\n\x03\x04"
    )
    assert sports.headline == "Heat beat Hawks 112-104 behind late run"
    assert _altids(sports) == {"storynumber": "a0502", "slug": "BC-BKN--Heat-Hawks"}
    assert sports.byline == "Associated Press"
    poll = _one(
        "\x01a0503 r a BC-US--AP-NORC-Poll 12-01 0300\x02^BC-US--AP-NORC Poll,300<\r\n"
        "^AP-NORC poll finds most adults worry about prices<\r\n\t^WASHINGTON (AP) _ Most"
        " adults worry about prices, a poll found on Monday.<\r\n\x03\x04"
    )
    assert poll.headline == "AP-NORC poll finds most adults worry about prices"


def test_a_transmission_with_no_story_text_is_reported_on_its_neighbour() -> None:
    notice = "\x01dpa0302 4 pl 10  dpa-tns\r\n\x02(Achtung: the 1800 budget story follows later)\r\n\x03\x04"
    whole = _dpa("Germany-rail", "Rail strike called off", "Berlin (dpa) - The strike is off.")
    result = parse(RawMessage(value=(notice + whole).encode(), headers={"wire-source": b"dpa"}))
    (item,) = result.items
    assert item.headline == "Rail strike called off"
    assert "(Achtung: the 1800 budget story follows later)" in item.ext.dropped


def test_agency_items_with_byline_and_dropped_validate_and_round_trip() -> None:
    from streams.core.schema import validate_item

    for name in ("ap_anpa1312.txt", "dpa_iptc7901.txt"):
        for item in _load(name).items:
            doc = item.to_json()
            validate_item(doc)
            again = WireItem.from_json(doc)
            assert (again.byline, again.ext.dropped) == (item.byline, item.ext.dropped)


def test_anpa_payload_with_a_truncated_second_story_routes_the_first() -> None:
    data = (HERE / "ap_anpa1312.txt").read_bytes()
    first, second = data.split(b"\x04")[0] + b"\x04", data.split(b"\x04")[1]
    cut = second[: second.index(b"crane collapse")]  # no ETX, no EOT: cut off in transit
    result = parse(RawMessage(value=first + cut, headers={"wire-source": b"ap"}))
    (storm,) = result.items
    assert storm.headline == "Ice storm leaves 200,000 without power across Georgia"
    assert "truncated-transmission" in storm.ext.signals
    assert any("The Port of Savannah halts" in d for d in storm.ext.dropped)


def test_ap_byline_over_lines_is_one_line_writers_apart() -> None:
    """AP closes each byline line with ``=``: the name, then the title; a second ``By`` line
    is a second writer. No newline in the byline (it is one line wherever it is shown)."""
    item = _one(
        "\x01a0510 r a BC-EU--Port-Strike 12-01 0300\x02^BC-EU--Port-Strike,300<\r\n"
        "^Dockers strike at three ports<\r\n^By ANA SILVA=\r\n^AP Business Writer=\r\n"
        "^By JOHN ROE=\r\n^Associated Press=\r\n"
        "\t^LISBON, Portugal (AP) _ Dockers walked out on Monday.<\r\n\x03\x04"
    )
    assert item.headline == "Dockers strike at three ports"
    assert item.byline == "By ANA SILVA, AP Business Writer; By JOHN ROE, Associated Press"
    assert item.located == "LISBON, Portugal"
