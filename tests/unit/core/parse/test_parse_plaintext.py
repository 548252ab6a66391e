from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core.model import RawMessage
from streams.core.parse import ParseResult, parse, parse_payload, plaintext
from streams.core.parse.markers import Dateline, derive_headline, read_dateline

Loader = Callable[..., ParseResult]
Raw = Callable[..., RawMessage]


def test_digest_splits_article_items_and_boilerplate(wire: Loader) -> None:
    result = wire("plain/digest.txt", source="prensa-sur")
    items = result.items
    assert result.format == "plain"
    assert [i.headline for i in items] == [
        "Chile and Argentina agree to reopen Andes border crossings after landslides",
        "At least 23 people were killed and dozens injured on Wednesday",
        "Flooding caused by three days of torrential rain forced the evacuation",
        "Polish authorities on Thursday detained two men suspected of sabotaging a railway signal box",
    ]
    article = items[0]
    paras = article.body.split("\n\n")
    assert len(paras) == 6
    assert paras[0].startswith("Chilean Foreign Minister")
    assert paras[2].startswith("“We cannot let")
    assert paras[3].startswith("He said both governments")
    assert paras[-1].endswith("(PRENSA SUR)")
    assert [(s.name, s.role) for s in article.infosources] == [("PRENSA SUR", "provider")]
    assert "derived-headline" not in article.ext.signals
    for item in items:
        assert item.usageterms is not None
        assert item.usageterms.startswith("LEGAL WARNING: All rights")
        assert "LEGAL WARNING" not in item.body
        assert item.ext.format == "plain"
        assert item.uri.startswith("urn:wirestream:prensa-sur:")
    for item in items[1:]:
        assert len(item.bodies) == 1
        assert "\n" not in item.body
        assert "derived-headline" in item.ext.signals
        assert item.body.startswith(item.headline)
    assert "Nepal" in items[1].body
    assert "Mozambique" in items[2].body
    assert "Lublin" in items[3].body
    assert len({i.uri for i in items}) == 4


def test_same_payload_resent_gets_same_uris(wire: Loader) -> None:
    first = [i.uri for i in wire("plain/digest.txt").items]
    again = [i.uri for i in wire("plain/digest.txt").items]
    other_source = [i.uri for i in wire("plain/digest.txt", source="other").items]
    assert first == again
    assert not set(first) & set(other_source)


def test_blank_line_blobs_separators_and_version_markers(wire: Loader) -> None:
    result = wire("plain/separated.txt")
    kenya, vietnam, canada = result.items
    assert kenya.headline == "Kenya raises interest rate to curb inflation"
    assert kenya.ext.signals == ["update"]
    assert kenya.version == 3
    assert kenya.located == "NAIROBI"
    assert [s.name for s in kenya.infosources] == ["Reuters"]
    assert kenya.body.count("\n\n") == 1
    assert vietnam.headline == "Vietnam reports record coffee exports as prices soar"
    assert vietnam.ext.signals == ["refile"]
    assert vietnam.version == 1
    # "-- more --" continues the story; the marker itself is dropped, not lost.
    assert vietnam.body.endswith("delayed by late rains.")
    assert canada.located == "OTTAWA"
    assert [s.name for s in canada.infosources] == ["CP"]
    assert "OTTAWA (CP) —" in canada.body  # dateline kept in the body
    assert set(result.dropped) == {"###", "-- more --", "(END)", "UPDATE 2-", "REFILE-"}


def test_hard_wrapped_lines_are_joined(wire: Loader) -> None:
    (item,) = wire("plain/wrapped.txt").items
    assert item.headline == "Earthquake shakes southern Peru, no damage reported"
    paras = item.body.split("\n\n")
    assert len(paras) == 2
    assert "struck southern Peru on Friday" in paras[0]
    assert "town of Chala at a depth" in paras[1]
    assert item.located == "LIMA"
    assert [s.name for s in item.infosources] == ["AFP"]


def test_kill_notice_cancels(wire: Loader) -> None:
    (item,) = wire("plain/kill.txt").items
    assert item.pubstatus == "canceled"
    assert "kill" in item.ext.signals
    assert item.headline == "Dam collapse floods villages in southern Tajikistan"
    assert item.ednote is not None and item.ednote.startswith("Eds: KILL this story")
    assert "Eds:" not in item.body
    assert item.located == "DUSHANBE"


def test_cp1252_and_mojibake_payloads_read_the_same(wire: Loader) -> None:
    a = wire("plain/cp1252.txt")
    b = wire("plain/mojibake.txt")
    assert a.charset == "cp1252"
    assert b.charset == "utf-8"
    assert (
        a.items[0].headline
        == b.items[0].headline
        == ("Café owners protest in Bogotá over rising rents")
    )
    assert a.items[0].body == b.items[0].body
    assert "Colombia’s capital" in a.items[0].body
    assert "40% – the steepest" in a.items[0].body
    assert a.items[0].located == "BOGOTÁ"
    assert a.items[0].uri == b.items[0].uri


def test_continuation_paragraphs_never_split_a_story(rawmsg: Raw) -> None:
    text = (
        "Storm batters Irish coast\n"
        "Storm Brenda brought winds of 130 kph to western Ireland on Saturday, cutting power to"
        " 90,000 homes.\n"
        "She said crews would work through the night.\n"
        "“It is the worst we have seen in years,” a Galway resident said.\n"
        "But forecasters said the winds would ease by Sunday.\n"
        "Galway city council said on Saturday that schools would stay closed on Monday.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].body.count("\n\n") == 4


def test_headline_less_story_keeps_related_paragraphs(rawmsg: Raw) -> None:
    text = (
        "Armed men killed nine villagers in Niger's Tillaberi region on Sunday, the army said.\n"
        "Tillaberi officials said on Monday the attackers fled towards the Mali border.\n"
        "An earthquake of magnitude 5.2 shook central Japan on Tuesday, the weather agency said.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.body.count("\n\n") for i in items] == [1, 0]
    assert "Japan" in items[1].headline


def test_html_in_plain_text_is_reduced(rawmsg: Raw) -> None:
    data = (
        b"<p>Lesotho holds local elections</p><p>MASERU (AFP) - Voters in Lesotho cast"
        b" ballots in local elections on Friday &amp; turnout was high.</p>"
    )
    (item,) = parse_payload(rawmsg(data))
    assert item.headline == "Lesotho holds local elections"
    assert "Friday & turnout" in item.body
    assert "<p>" not in item.body


def test_forced_format_and_published_header() -> None:
    msg = RawMessage(
        value=b"Ice storm closes Moscow airports\nMOSCOW, Nov 25 (Interfax) - Flights were halted.",
        headers={"wire-format": b"text", "wire-published": b"Tue, 25 Nov 2025 06:00:00 +0300"},
    )
    result = parse(msg)
    assert result.format == "plain"
    assert result.items[0].versioncreated == "2025-11-25T03:00:00Z"
    assert result.items[0].uri.startswith("urn:wirestream:unknown:")


def test_derive_headline_cuts_at_clause_or_word_boundary() -> None:
    lede = (
        "KABUL, Nov 20 (Reuters) - Heavy snow blocked the Salang pass on Thursday after an"
        " avalanche buried dozens of vehicles on the main highway linking Kabul to the north."
    )
    assert derive_headline(lede) == "Heavy snow blocked the Salang pass on Thursday"
    long = (
        "Flooding caused by a week of monsoon rain forced the evacuation of more than 12,000"
        " people from riverside districts of Sri Lanka's Western province on Monday, officials said."
    )
    head = derive_headline(long)
    assert (
        head
        == "Flooding caused by a week of monsoon rain forced the evacuation of more than 12,000 people"
    )


def test_crosshead_inside_article_does_not_split_it(rawmsg: Raw) -> None:
    text = (
        "Sri Lanka signs debt deal with bondholders\n"
        "Sri Lanka reached a deal with international bondholders on Tuesday to restructure"
        " $12.5 billion of debt, the finance ministry in Colombo said.\n"
        "Colombo hopes the agreement will unlock more IMF money\n"
        "Finance officials in Colombo said on Wednesday the IMF board would meet next month.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.body.count("\n\n") == 2


def test_two_headlined_stories_without_credit_split_on_dateline(rawmsg: Raw) -> None:
    text = (
        "Sri Lanka signs debt deal with bondholders\n"
        "COLOMBO, Nov 25 (Reuters) - Sri Lanka reached a deal with bondholders on Tuesday.\n"
        "Peru's Congress ousts cabinet chief\n"
        "LIMA, Nov 25 (Reuters) - Peru's Congress voted on Tuesday to censure the cabinet chief.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.located for i in items] == ["COLOMBO", "LIMA"]
    assert [i.headline for i in items] == [
        "Sri Lanka signs debt deal with bondholders",
        "Peru's Congress ousts cabinet chief",
    ]


def test_story_paragraphs_that_open_like_furniture_or_notices_stay_in_the_story(
    rawmsg: Raw,
) -> None:
    text = (
        "Courts weigh a wave of claims against AI firms\n\n"
        "LONDON (Reuters) - Authors filed three new claims against AI companies on Monday, their"
        " lawyers said.\n\n"
        "Copyright lawsuits against AI firms multiplied this year, with more than 40 cases now"
        " before courts in Britain and the United States.\n\n"
        "Sign up for the class action closed on Friday, a court filing showed, with 1,200"
        " authors on the list.\n\n"
        "Photo: a judge in the case said the question was new and the stakes were high for"
        " writers.\n\n"
        "Sign up for our newsletter\n\n"
        "Copyright 2026 Example Wire. All rights reserved.\n"
    )
    result = parse(rawmsg(text.encode()))
    (item,) = result.items
    assert item.body.split("\n\n") == [
        "LONDON (Reuters) - Authors filed three new claims against AI companies on Monday,"
        " their lawyers said.",
        "Copyright lawsuits against AI firms multiplied this year, with more than 40 cases now"
        " before courts in Britain and the United States.",
        "Sign up for the class action closed on Friday, a court filing showed, with 1,200"
        " authors on the list.",
        "Photo: a judge in the case said the question was new and the stakes were high for"
        " writers.",
    ]
    # Real furniture and the real notice still go where they belong, reported on the item.
    assert item.ext.dropped == ["Sign up for our newsletter"]
    assert item.usageterms == "Copyright 2026 Example Wire. All rights reserved."


def test_each_item_carries_what_was_dropped_from_it(rawmsg: Raw) -> None:
    text = (
        "UPDATE 2-Floods close schools in Kenya\n"
        "NAIROBI (Reuters) - Floods closed 200 schools in western Kenya on Tuesday.\n"
        "###\n"
        "Vietnam opens new metro line\n"
        "HANOI (AFP) - Hanoi opened its second metro line on Wednesday.\n"
        "(END)\n"
    )
    kenya, hanoi = parse(rawmsg(text.encode())).items
    assert kenya.ext.dropped == ["###", "UPDATE 2-"]
    assert hanoi.ext.dropped == ["(END)"]


_RIGHTS_WORDS = [
    "All",
    "rights",
    "reserved.",
    "Copyright",
    "©",
    "without a",
    "written",
    "permission",
    "may not be",
    "reproduced",
    "Reproduction",
    "prohibited",
    "The",
    "minister",
    "said.",
    "İ",
    "Σ",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_RIGHTS_WORDS), st.sampled_from([" ", " ", "\n", "\n\n"])),
        max_size=40,
    )
)
def test_rights_phrases_absent_from_the_text_decide_no_paragraph(
    parts: list[tuple[str, str]],
) -> None:
    """Only the rights phrases found in the whole text are checked per paragraph: with the
    full list, every paragraph would be classified the same (lines joined, lower-cased)."""
    text = plaintext.prepare("".join(w + sep for w, sep in parts))
    every = plaintext._words().rights_phrases
    present = tuple(p for p in every if p in text.replace("\n", " ").lower())
    for para in plaintext._paragraphs(text):
        assert plaintext._rights_notice(para.text, present) == plaintext._rights_notice(
            para.text, every
        )
        assert plaintext._classify(para.text, present) == plaintext._classify(para.text, every)


def test_title_case_dateline_with_a_state_or_province_is_read(rawmsg: Raw) -> None:
    text = (
        "Ice storm closes schools across the county\n\n"
        "Thorndale, Ont. - Freezing rain closed every school board in the region on Monday,"
        " officials said, and crews worked through the night to clear the roads.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.located for i in items] == ["Thorndale, Ont."]
    assert items[0].headline == "Ice storm closes schools across the county"
    # A personal suffix or a month after the comma is no state.
    assert read_dateline("Smith, Jr. - said the vote would pass.") is None
    assert read_dateline("Wien, Jan. 3 (dpa) - Der Schnee blieb liegen.") == Dateline(
        "Wien", "dpa", 21
    )
    assert read_dateline("Lebanon, Pa. (AP) - A man was charged.") == Dateline(
        "Lebanon, Pa.", "AP", 20
    )


def test_a_dateline_set_as_its_own_paragraph_opens_the_lede(rawmsg: Raw) -> None:
    text = (
        "Ferry service resumes after a week of gales on the lake\n\n"
        "Kingsville, Ont. -\n\n"
        "The ferry to the island sailed again on Tuesday after a week of gales, its operator"
        " said, and extra crossings were added for the weekend.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].located == "Kingsville, Ont."
    assert items[0].headline == "Ferry service resumes after a week of gales on the lake"
    assert items[0].body.startswith("Kingsville, Ont. - The ferry to the island")


_COUNCIL = (
    "PORTLAND, Ore. (AP) — The council approved the new budget on Tuesday night after a long"
    " argument over how much the police should get next year.\n\n"
    "The mayor told reporters the plan would keep the libraries open through the spring.\n\n"
    "{}\n\n"
    "The plan goes to the county board next, where two members have said they oppose it.\n"
)


@pytest.mark.parametrize(
    "third",
    [
        "Portland, Ore. — a city of 650,000 — has cut its police budget twice since 2020.",
        "Tigard, Ore. — a suburb — made cuts of its own last year.",
        "Washington, D.C. - area cities have made similar cuts.",
        "Meanwhile, U.S. — wide police budgets have kept growing.",
        "John Smith, M.D. — chief of surgery at the county hospital — called the cuts reckless.",
        "Critics, Gov. - Kotek among them, said the cuts went too far.",
        "In Portland, Ore. — where the marches began — the police union opposed the plan.",
    ],
)
def test_a_town_and_state_inside_a_story_does_not_split_it(rawmsg: Raw, third: str) -> None:
    items = parse_payload(rawmsg(_COUNCIL.format(third).encode()))
    assert len(items) == 1
    assert items[0].located == "PORTLAND, Ore."
    assert third in items[0].body


@pytest.mark.parametrize(
    "opening",
    [
        "In Portland, Ore. — ",
        "Meanwhile, U.S. — ",
        "Gen. Mark Milley, Ret. — ",
        "Yes, Pres. — ",
        "Results, Pts. — ",
        "Chapter One, Pt. — ",
        "John Smith, M.D. — ",
        "Smith, Jr. - ",
    ],
)
def test_a_name_before_a_comma_and_an_abbreviation_is_no_dateline(opening: str) -> None:
    assert read_dateline(opening + "the rest of the sentence.") is None


def test_a_body_opening_with_a_person_and_a_degree_is_not_located(rawmsg: Raw) -> None:
    text = (
        "Hospital names a new head of surgery\n\n"
        "John Smith, M.D. — chief of surgery at the county hospital since 2019 — will lead the"
        " whole hospital from January, its board said on Monday.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].located is None


@pytest.mark.parametrize("label", ["FILE -", "PHOTO -", "MORE -", "CORRECTION -", "UPDATE —"])
def test_a_label_paragraph_does_not_open_a_new_story(rawmsg: Raw, label: str) -> None:
    text = (
        "Budget passes the state senate\n\n"
        "The senate passed the budget on Tuesday after a debate that ran past midnight.\n\n"
        "It now goes to the house, where a vote is expected next week.\n\n"
        f"{label}\n\n"
        "Senators leave the chamber after the vote on Tuesday in this picture.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].located is None
    assert "Senators leave the chamber" in items[0].body


def test_a_town_and_state_dateline_opens_a_story_after_a_headline_or_with_an_agency(
    rawmsg: Raw,
) -> None:
    text = (
        "Ice storm closes schools across the county\n\n"
        "Thorndale, Ont. - Freezing rain closed every school board in the region on Monday,"
        " officials said.\n\n"
        "Crews worked through the night to clear the roads.\n\n"
        "Ferry service resumes after a week of gales on the lake\n\n"
        "Kingsville, Ont. - The ferry to the island sailed again on Tuesday, its operator"
        " said.\n\n"
        "Extra crossings were added for the weekend.\n\n"
        "Lebanon, Pa. (AP) - A man was charged on Wednesday with setting fire to a barn.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.located for i in items] == ["Thorndale, Ont.", "Kingsville, Ont.", "Lebanon, Pa."]
    assert items[1].headline == "Ferry service resumes after a week of gales on the lake"
    assert read_dateline("Thorndale, Ont. - Rain.") == Dateline("Thorndale, Ont.", None, 18, True)


def test_a_capitals_dateline_on_its_own_line_still_opens_the_lede(rawmsg: Raw) -> None:
    text = (
        "Harbour reopens after the storm\n\n"
        "HALIFAX —\n\n"
        "The harbour reopened to shipping on Thursday after two days of high winds, the port"
        " authority said.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].located == "HALIFAX"
    assert items[0].body.startswith("HALIFAX — The harbour reopened")


def test_a_standfirst_between_headline_and_dateline_lede_stays_in_the_story(rawmsg: Raw) -> None:
    text = (
        "Driver hurt after chase ends in crash at harbour car park\n\n"
        "Officers said the man refused to stop for more than a mile.\n\n"
        "BANGOR, Maine — Police in Bangor are investigating after a pursuit ended early on"
        " Sunday when a pickup hit a lamp post at the harbour.\n\n"
        "The department has not named the driver, but said on Sunday the chase began shortly"
        " after 2 a.m. on Hammond Street.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].headline == "Driver hurt after chase ends in crash at harbour car park"
    assert items[0].located == "BANGOR, Maine"
    assert items[0].body.count("\n\n") == 2


def test_a_long_undated_paragraph_under_a_headline_is_still_an_item_of_its_own(
    rawmsg: Raw,
) -> None:
    first = (
        "The regional water board said on Tuesday that reservoir levels had fallen to 41 per"
        " cent after the driest autumn in twenty years, and that a hosepipe ban would begin on"
        " Friday across the three districts it serves unless heavy rain arrives this week."
    )
    assert len(first) > plaintext.DECK_MAX_CHARS
    text = (
        "Hosepipe ban looms as reservoirs run low\n\n"
        f"{first}\n\n"
        "LIMA, Nov 25 (Reuters) - Peru's Congress voted on Tuesday to censure the cabinet chief.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.located for i in items] == [None, "LIMA"]


def test_a_byline_under_the_headline_keeps_it_a_headline(rawmsg: Raw) -> None:
    text = (
        "Port workers approve two-year pay deal after week-long strike\n\n"
        "By Ana Ruiz and Tom Okafor\n"
        "VALPARAISO, Chile (AFP) - Dock workers voted on Thursday to accept a pay offer.\n"
        "The union said 812 members took part in the ballot.\n"
        "Saturday's first shift will be the first full one since the strike began.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].headline == "Port workers approve two-year pay deal after week-long strike"
    assert items[0].body.startswith("By Ana Ruiz and Tom Okafor")


def test_a_town_in_the_capitals_dateline_is_the_same_name_in_the_next_paragraph(
    rawmsg: Raw,
) -> None:
    # A web page's copy of a wire story, no headline, one paragraph a line: the second
    # paragraph is a lede-like sentence naming the dateline's town in title case. It is the
    # same story, not a headline-less item of a dump (session 23, dedup probe r51).
    text = (
        "PORT HARLOW, Mo. (AP) -- A storm tore roofs off homes overnight in the river town, "
        "leaving two people hurt.\n"
        "Forecasters confirmed a tornado crossed Port Harlow shortly before midnight on "
        "Tuesday.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].body.count("\n\n") == 1


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        # ANSA sets the agency first and the month in the service's language.
        ("(ANSA) - ROMA, 18 LUG - Il consiglio ha approvato il piano.", "ROMA", "ANSA"),
        ("(ANSA) - PEKIN, 14 MAR - El primer ministro habló ayer.", "PEKIN", "ANSA"),
        # EFE closes its credit with a full stop before the dash.
        ("San José (EFE).- La agencia celebró su aniversario.", "San José", "EFE"),
        ("Sevilla, 26 nov (EFE).- Las lluvias cortaron cuatro carreteras.", "Sevilla", "EFE"),
        # An Arabic service: the place and the agency in Arabic script.
        ("بيروت (رويترز) - أفاد مصدران أمنيان بوقوع انفجار.", "بيروت", "رويترز"),
        # BNS and AAP set their credit in capitals after the date, no brackets; TASS between
        # slashes, with no dash (session 28, hgeo72, geo_real_en_a72's agency copy).
        ("VILNIUS, Jun 12, BNS – Lithuanian President Gitanas Nauseda will meet", "VILNIUS", "BNS"),
        ("SYDNEY, Jan 29 AAP - The inquest into the deaths has begun.", "SYDNEY", "AAP"),
        ("MOSCOW, June 26. /TASS/. The Kremlin spokesman denied the reports.", "MOSCOW", "TASS"),
        # WAM, MENA and QNA: the date after "في" and the agency between slashes, no dash; SPA:
        # the Hijri and the Gregorian date before "واس" (session 30, hgeo81, geo_agency_r81).
        ("أبوظبي في 15 مايو/ وام/ أشاد الرئيس بالشراكة.", "أبوظبي", "وام"),
        ("القاهرة في 20 يناير /أ ش أ/ يتوجه رئيس الوزراء إلى أسوان.", "القاهرة", "أ ش أ"),
        ("الدوحة في 3 يونيو /قنا/ التقى الوزير نظيره.", "الدوحة", "قنا"),
        (
            "الرياض 21 شعبان 1447 هـ الموافق 09 فبراير 2026 م واس استقبل ولي العهد ضيفه.",
            "الرياض",
            "واس",
        ),
        # La Presse Canadienne's French service: an accented country after the city, no credit.
        ("PORT-AU-PRINCE, Haïti — La police a repris le navire.", "PORT-AU-PRINCE, Haïti", None),
    ],
)
def test_agency_datelines_of_other_services_are_read(
    opening: str, place: str, agency: str | None
) -> None:
    d = read_dateline(opening)
    assert d is not None
    assert (d.place, d.agency) == (place, agency)


@pytest.mark.parametrize(
    "opening",
    [
        "قال الوزير في 20 مارس إن المحادثات ستستأنف.",
        "في القاهرة قال المتحدث / المصدر / إن الاجتماع انتهى.",
        "وقال الرياض 21 مصدرا إن الاتفاق تم.",
    ],
)
def test_an_arabic_sentence_with_a_date_or_slashes_is_no_dateline(opening: str) -> None:
    # The Arabic slash and SPA forms need the date and the agency right after the place.
    assert read_dateline(opening) is None


@pytest.mark.parametrize(
    "opening",
    [
        "LONDON, June 26 GMT - The pound fell against the dollar.",
        "KYIV, June 3 UPDATE - The pound fell against the dollar.",
        "NEW YORK, Jan 29 EST - The pound fell against the dollar.",
    ],
)
def test_a_time_zone_or_desk_word_after_the_date_is_no_credit(opening: str) -> None:
    # BNS's and AAP's bare credit is any short capital word after the date; a time zone or a
    # desk's update mark there is none (review hrev28b of session 28's hgeo72): the dateline
    # keeps its place and its end, and names no agency.
    d = read_dateline(opening)
    assert d is not None and d.agency is None
    assert opening[d.end :].startswith("The pound")


@pytest.mark.parametrize(
    "opening",
    [
        "TORONTO, June 26, 2023 /CNW/ - Acme Corp. said its sales rose.",
        "VANCOUVER, BC, June 26, 2023 /CNW/ -- Acme Corp. said its sales rose.",
        "MOSCOW, June 26. /TASS/. Acme Corp. said its sales rose.",
    ],
)
def test_a_slash_credit_takes_the_dash_after_it(opening: str) -> None:
    # Canada Newswire's "/CNW/ -" sets a dash after the slash credit TASS's "/TASS/." has
    # none of: the dateline ends after the dash, so the text no longer opens with "- "
    # (review hrev28b of session 28's hgeo72).
    d = read_dateline(opening)
    assert d is not None and d.agency in ("CNW", "TASS")
    assert opening[d.end :].startswith("Acme Corp.")


@pytest.mark.parametrize(
    "opening",
    [
        "(Reuters) - The company said on Monday it would cut jobs.",
        "(ANSA) - il consiglio ha approvato il piano - disse il sindaco.",
        "قال المسؤول (في بيان) إن الوضع هادئ.",
        # A paragraph's label before a place is no agency-first dateline without ANSA's date
        # (review of session 23: each read as a dateline and split its story).
        "(VIDEO) - MILANO - Le immagini delle fiamme riprese dai residenti.",
        "(Corrects spelling of name) - LONDON - Shares rose on Tuesday.",
        "(AP) — NFL — The league said on Monday it would add a game.",
        # Capitals after a place are its credit only after a date, and a slash credit too
        # ("LONDON/PARIS", "MOSCOW /TASS/." without a date are no credited datelines).
        "LONDON/PARIS - Shares rose on Tuesday.",
        "MOSCOW /TASS/. The Kremlin said on Monday.",
        # A photo caption's parenthesis (archive, left) is no Arabic service.
        "الرئيس التونسي (أرشيف) - أعلن الرئيس عن حل البرلمان.",
        "وزير الخارجية (يسار) - خلال لقائه نظيره أمس.",
    ],
)
def test_an_agency_credit_or_a_label_without_a_place_is_no_dateline(opening: str) -> None:
    assert read_dateline(opening) is None


@pytest.mark.parametrize(
    "stamp",
    [
        "January 18, 2010 12:21 AM",
        "Updated: 3:45 p.m. EDT, March 3, 2020",
        "Posted on Tue, May 23, 2019",
        "Thursday, May 23rd 2019, 8:34 AM EDT",
    ],
)
def test_a_web_pages_time_stamp_line_is_dropped_as_furniture(rawmsg: Raw, stamp: str) -> None:
    # Its figures would make a republished copy an update of its own story.
    text = (
        "Quake kills seven in southwest China\n\n"
        f"{stamp}\n\n"
        "BEIJING (AP) — An earthquake shook a mountain county on Monday, killing seven people.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert stamp not in item.body
    assert stamp in item.ext.dropped


@pytest.mark.parametrize(
    "line",
    [
        "Darpan News Desk The Canadian Press, 02 Mar, 2023 10:39 AM",
        "By Jane Roe, March 3, 2023 4:00 pm",
    ],
)
def test_a_credit_line_ending_in_the_pages_date_and_time_is_furniture(
    rawmsg: Raw, line: str
) -> None:
    # A magazine's copy of CP (dedup probe r55): desk and agency credit, then the page's date
    # and time. Its figures made the word-for-word copy an update of its story.
    text = (
        "Three skiers killed in B.C. avalanche\n\n"
        f"{line}\n\n"
        "INVERMERE, B.C. - The head of a heli-skiing company says his staff are devastated "
        "after an avalanche killed three people.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert line not in item.body
    assert line in item.ext.dropped


@pytest.mark.parametrize(
    "line",
    [
        "Rally planned for Saturday, March 4, 2023 10:00 AM",
        "Town hall meeting set for Tuesday, March 7, 2023 at 7:00 PM",
    ],
)
def test_a_headline_ending_in_an_events_date_and_time_is_no_credit(rawmsg: Raw, line: str) -> None:
    # An event's headline may end in its date and time without a full stop; before the comma
    # it holds a verb, not a credit's names: a story's headline, neither dropped nor lost to
    # the lede (session 25, hrev25a).
    text = (
        f"{line}\n\nTORONTO (CP) - Organisers said a rally would be held outside the legislature.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.headline == line
    assert line not in item.ext.dropped


def test_a_sentence_ending_in_a_date_without_a_time_is_story_text(rawmsg: Raw) -> None:
    line = "The council met again, as it had promised, on March 3, 2023"
    text = f"Council report\n\nBEIJING (AP) — The council met on Monday.\n\n{line}\n"
    (item,) = parse_payload(rawmsg(text.encode()))
    assert line in item.body


@pytest.mark.parametrize(
    "line",
    ["The 12:30 Report: what the panel decided", "On March 3, 2020, the storm hit the town."],
)
def test_a_line_that_only_opens_with_a_time_or_date_is_story_text(rawmsg: Raw, line: str) -> None:
    text = f"Storm report\n\nBEIJING (AP) — The storm passed overnight.\n\n{line}\n"
    (item,) = parse_payload(rawmsg(text.encode()))
    assert line in item.body


def test_a_timelines_date_lines_are_story_text(rawmsg: Raw) -> None:
    # Several bare date lines are a timeline's entry heads, not a page's time stamp (review
    # of session 23: all three were dropped, and with them the dates of the events).
    text = (
        "Timeline: how the Brackwater dam dispute unfolded\n\n"
        "LONDON (Reuters) - Here are the key moments in the dispute over the dam, which the "
        "council approved on Tuesday.\n\n"
        "March 3, 2019\n\n"
        "Engineers first warn that the old spillway cannot carry a hundred-year flood.\n\n"
        "June 14, 2020\n\n"
        "The council rejects the first redesign on cost grounds after a four-hour debate.\n\n"
        "Updated: 3:45 p.m. EDT, March 3, 2022\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert "March 3, 2019" in item.body
    assert "June 14, 2020" in item.body
    assert item.ext.dropped == ["Updated: 3:45 p.m. EDT, March 3, 2022"]


def test_a_video_paragraph_of_ansa_copy_stays_in_its_story(rawmsg: Raw) -> None:
    text = (
        "Incendio in un deposito alla periferia di Milano\n\n"
        "(ANSA) - MILANO, 18 LUG - Un incendio è divampato nella notte in un deposito di "
        "pneumatici alla periferia nord della città. Non ci sono feriti.\n\n"
        "(VIDEO) - MILANO - Le immagini delle fiamme riprese dai residenti della zona, che "
        "hanno chiamato i vigili del fuoco poco dopo le due.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.located == "MILANO"
    assert "(VIDEO)" in item.body


def test_a_time_stamps_date_and_time_on_two_lines_are_still_furniture(rawmsg: Raw) -> None:
    # One date line and one time line are a page's one stamp, not a timeline.
    text = (
        "Quake kills seven in southwest China\n\n"
        "January 18, 2010\n\n"
        "12:21 AM\n\n"
        "BEIJING (AP) — An earthquake shook a mountain county on Monday, killing seven people.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.ext.dropped == ["January 18, 2010", "12:21 AM"]


def test_efes_capitals_dateline_with_a_comma_before_its_credit_is_read() -> None:
    # "LIMA, (EFE).-": a comma before the credit, a full stop before the dash (EFE on the web).
    d = read_dateline("LIMA, (EFE).- Un sismo de magnitud 5,1 sacudió la costa central.")
    assert d is not None and (d.place, d.agency) == ("LIMA", "EFE")
    # A comma with no credit after it opens no dateline: "SMITH, - said" is no place.
    assert read_dateline("SMITH, - said the vote would pass.") is None


def test_a_pages_list_header_after_the_article_ends_the_page(rawmsg: Raw) -> None:
    # A regional site's copy of an agency story, then its "most read" list: the list's
    # headlines and teasers are the page's furniture, not a story of their own.
    lede = (
        "Ein Erdbeben der Stärke 5,5 hat in der ostchinesischen Provinz Shandong mindestens 21 "
        "Menschen verletzt, wie das Staatsfernsehen am Sonntag berichtete. Mehr als 120 Häuser "
        "stürzten ein, Rettungskräfte suchten in den Trümmern nach Verschütteten."
    )
    text = (
        "Erdbeben in Ostchina verletzt 21 Menschen\n"
        f"{lede}\n"
        "Meistgelesene Artikel\n"
        "Hobbymarkt am Samstag ohne Geflügel\n"
        "Weil der Samstag auf einen Feiertag fällt, wird der Markt verschoben...\n"
        "Sprechstunde des Bürgermeisters am Donnerstag\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert "Hobbymarkt" not in items[0].body
    assert "Meistgelesene Artikel" in items[0].ext.dropped


def test_a_list_header_before_any_story_text_drops_nothing(rawmsg: Raw) -> None:
    text = (
        "Most read\n\n"
        "Council approves new footbridge\n\n"
        "The town council on Tuesday approved a new footbridge over the river, after two years "
        "of debate about its cost and its design, the mayor said at a meeting with residents in "
        "the town hall.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert "footbridge" in item.body


@pytest.mark.parametrize(
    "header", ["LEIA TAMBÉM", "Leggi anche:", "À lire aussi", "Mehr zum Thema"]
)
def test_a_teaser_header_in_the_middle_of_the_article_drops_nothing(
    rawmsg: Raw, header: str
) -> None:
    # A site's "read also" teaser sits inside its article: the story goes on after it.
    text = (
        "Governo anuncia pacote para o setor elétrico\n\n"
        "BRASÍLIA - O governo federal anunciou nesta terça-feira um pacote de medidas para "
        "reduzir a conta de luz das famílias de baixa renda, com impacto estimado de 5 bilhões "
        "de reais em dois anos, segundo o Ministério de Minas e Energia.\n\n"
        f"{header}\n\n"
        "Conta de luz sobe 8% em média no país\n\n"
        "O ministro afirmou que as medidas serão enviadas ao Congresso na próxima semana e que "
        "o custo será coberto por recursos da privatização da Eletrobras.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert "Eletrobras" in item.body


def test_a_pages_headline_and_teaser_again_after_the_rights_line_are_no_second_story(
    rawmsg: Raw,
) -> None:
    # A town portal's dpa page (dedup probe r52, dein-verl): the article, its photo credit and
    # dpa's copyright line, then the same headline and the teaser once more. They repeat the
    # page's head; read as a story they made a second item of the payload.
    head = "Erdbeben in Ostchina verletzt 21 Menschen"
    text = (
        f"{head}\n\n"
        "Im Osten Chinas sind bei einem Erdbeben mindestens 21 Menschen verletzt worden, wie das "
        "Staatsfernsehen am Sonntag berichtete. Mehr als 120 Häuser stürzten ein, Rettungskräfte "
        "suchten in den Trümmern nach Verschütteten.\n\n"
        "Copyright 2023, dpa (www.dpa.de). Alle Rechte vorbehalten\n\n"
        f"{head}\n\n"
        "Schreckmoment in China: Ein Beben der Stärke 5,5 richtet in der Provinz Shandong schwere "
        "Schäden an - mindestens 126 Häuser fallen in sich zusammen.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert len(items) == 1
    assert items[0].headline == head
    assert "Schreckmoment" not in items[0].body
    assert any("Schreckmoment" in d for d in items[0].ext.dropped)


def test_a_new_story_after_the_rights_line_is_still_a_story(rawmsg: Raw) -> None:
    text = (
        "Erdbeben in Ostchina verletzt 21 Menschen\n\n"
        "Im Osten Chinas sind bei einem Erdbeben mindestens 21 Menschen verletzt worden, wie das "
        "Staatsfernsehen am Sonntag berichtete.\n\n"
        "Copyright 2023, dpa (www.dpa.de). Alle Rechte vorbehalten\n\n"
        "Bahnstreik legt Fernverkehr lahm\n\n"
        "BERLIN (dpa) - Ein Streik der Lokführer hat am Montag den Fernverkehr der Bahn in weiten "
        "Teilen Deutschlands zum Erliegen gebracht, teilte das Unternehmen mit.\n"
    )
    items = parse_payload(rawmsg(text.encode()))
    assert [i.headline for i in items] == [
        "Erdbeben in Ostchina verletzt 21 Menschen",
        "Bahnstreik legt Fernverkehr lahm",
    ]


def test_a_refile_under_the_same_headline_after_the_rights_line_is_still_a_story(
    rawmsg: Raw,
) -> None:
    # A digest carrying a story twice (a refile after the first copy's rights line): the
    # second copy goes on past its lede, so it is no page's repeated head.
    head = "Erdbeben in Ostchina verletzt 21 Menschen"
    lede = (
        "Im Osten Chinas sind bei einem Erdbeben mindestens 21 Menschen verletzt worden, wie das "
        "Staatsfernsehen am Sonntag berichtete."
    )
    more = (
        "Mehr als 120 Häuser stürzten ein, Rettungskräfte suchten in den Trümmern nach "
        "Verschütteten, teilten die Behörden der Provinz Shandong mit."
    )
    notice = "Copyright 2023, dpa (www.dpa.de). Alle Rechte vorbehalten"
    text = f"{head}\n\n{lede}\n\n{notice}\n\n{head}\n\n{lede}\n\n{more}\n"
    items = parse_payload(rawmsg(text.encode()))
    assert [i.headline for i in items] == [head, head]
    assert "Häuser" in items[1].body


def test_a_pages_head_of_chrome_and_a_usage_notice_before_the_dateline_lede_is_one_story(
    rawmsg: Raw,
) -> None:
    # A TV site's archived AP page (dedup probe r55, KSL): the headline twice, photo count,
    # buttons, read time and an archive notice, then the dateline lede. The lede and each
    # headline-less paragraph after it had become items of their own, the first item chrome.
    head = "The Latest: California wildfires drive some 8K people out"
    notice = (
        "This archived news story is available only for your personal, non-commercial use. "
        "Reading or replaying the story in its archived form does not constitute a "
        "republication of the story."
    )
    text = (
        f"{head}\n\n{head}\n\n9 photos\n\nSave Story\n\nLeer en español\n\n"
        f"Estimated read time: 3-4 minutes\n\n{notice}\n\n"
        "SANTA MARIA, Calif. (AP) — Nearly 8,000 people have fled two wildfires in California.\n\n"
        "Fire officials said Sunday that 4,000 people had evacuated from the Sierra foothills.\n\n"
        "Mary Ann Aldrich said more homes were destroyed overnight.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.headline == head
    assert item.located == "SANTA MARIA, Calif."
    assert item.body.startswith("SANTA MARIA")
    assert "Mary Ann Aldrich" in item.body
    assert notice not in item.body


def test_a_headline_over_a_views_counter_is_still_the_headline(rawmsg: Raw) -> None:
    # An aggregator's PTI copy (dedup probe r55): a "views" counter under the headline made
    # the headline body text, and a later lede-like paragraph started a second item.
    head = "Ferry with 350 aboard goes down off Papua New Guinea"
    text = (
        f"{head}\n\nviews\n\n"
        "Melbourne: Several people are feared dead after a ferry sank off Papua New Guinea, "
        "Australian Prime Minister Julia Gillard said on Thursday.\n\n"
        "Rescue workers have pulled 28 people from the water so far, a maritime official said.\n\n"
        "The MV Rabaul Queen sent a distress signal on Thursday morning while travelling "
        "between Lae and Kimbe, the maritime safety authority said.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.headline == head
    assert "Rabaul Queen" in item.body


def test_a_photo_caption_credit_inside_a_story_does_not_close_it(rawmsg: Raw) -> None:
    # A photographer's "(Name/Outlet)" credit ends a caption, not the story (dedup probe r55):
    # read as an agency sign-off it split the page at its caption.
    text = (
        "3 dead, 4 hurt as avalanche hits heli-ski team, police say\n\n"
        "Three people were killed when an avalanche came down in the B.C. Interior on "
        "Wednesday, according to RCMP.\n\n"
        "The community of Invermere, B.C., seen on Thursday, a day after the avalanche. "
        "(Corey Bullock/CBC)\n\n"
        "“Everyone is going to be very upset by this this morning,” RCMP Cpl. James Grandy "
        "said on Thursday.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert "James Grandy" in item.body


@pytest.mark.parametrize("credit", ["By Elnur Baghishov – Trend:", "Trend:"])
def test_a_dateline_line_over_an_agency_credit_line_locates_the_story(
    rawmsg: Raw, credit: str
) -> None:
    # Trend's copy (session 26, hgeo64, a64-008): the dateline and its date on a line of their
    # own, no dash, then the credit line; Baku is the desk, the story Iran's.
    text = (
        "Iranian parliament rejects budget bill\n\n"
        "BAKU, Azerbaijan, Feb. 2\n\n"
        f"{credit}\n\n"
        "Iran's parliament has voted down the government's budget bill for the next Iranian"
        " year, the parliament's website said.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.located == "BAKU, Azerbaijan"
    assert [s.name for s in item.infosources] == ["Trend"]
    assert item.body.startswith("BAKU, Azerbaijan, Feb. 2\n\n")


def test_bns_and_tass_datelines_locate_the_story_and_credit_the_agency(rawmsg: Raw) -> None:
    # Session 28 (hgeo72, a72-004): BNS's "VILNIUS, Jun 12, BNS –" was read as a sentence, so a
    # Lithuanian president's visit abroad lost its dateline; TASS's "/TASS/." likewise.
    for lede, place, agency in (
        ("VILNIUS, Jun 12, BNS – The president will visit Vietnam on Thursday.", "VILNIUS", "BNS"),
        ("MOSCOW, June 26. /TASS/. The spokesman denied the reports on Sunday.", "MOSCOW", "TASS"),
    ):
        (item,) = parse_payload(rawmsg(f"President to travel abroad\n\n{lede}\n".encode()))
        assert item.located == place
        assert [s.name for s in item.infosources] == [agency]
        assert item.body.startswith(lede)


def test_a_dateline_line_over_a_sentence_is_not_located(rawmsg: Raw) -> None:
    text = (
        "Iranian parliament rejects budget bill\n\n"
        "BAKU, Azerbaijan, Feb. 2\n\n"
        "Iran's parliament has voted down the budget: the vote was 148 to 12.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.located is None


@pytest.mark.parametrize(
    ("heading", "section"), [("DIARY, Dec. 7", "Monday:"), ("NBA, Dec. 5", "Scores:")]
)
def test_a_listing_heading_over_its_first_section_is_no_credit_dateline(
    rawmsg: Raw, heading: str, section: str
) -> None:
    # Trend's dateline line over its credit line (hgeo64) has the shape of a dated listing's
    # heading over its first section: no place "DIARY" credited to "Monday" (session 26
    # review, hrev26a).
    text = (
        "Week ahead\n\n"
        f"{heading}\n\n"
        f"{section}\n\n"
        "Finance ministers of the euro zone meet to discuss the budget rules.\n"
    )
    (item,) = parse_payload(rawmsg(text.encode()))
    assert item.located is None
    assert not item.infosources
