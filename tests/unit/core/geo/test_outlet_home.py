"""A story that names no place, placed by its outlet (issue #16, session 16): a home outlet
credited in ninjs ``infosources`` (rule ``infosource``) or the home configured for its ingest
source (``WIRE_SOURCE_HOMES``, rule ``source-home``). Weak: only for a story nothing else
locates, never a move or a second region; unknown names and sources change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from streams.cli import cli
from streams.core.assemble import build_pipeline, build_tagger
from streams.core.dedup import MemoryStore
from streams.core.geo import GeoTagger, explain
from streams.core.homes import parse_source_homes
from streams.core.model import H_SOURCE, InfoSource, Lineage, RawMessage, WireItem
from streams.errors import ConfigError
from streams.settings import Settings

from .conftest import make_item

#: Invented local copy that names no place: its readers know where the outlet is.
PLACELESS = (
    "Nurses begin indefinite strike over unpaid allowances",
    "Members of the nurses' union downed tools on Monday at hospitals run by the Health "
    "Ministry, demanding three months of arrears, the union's chairman said.\n\n"
    "The ministry said talks would resume on Thursday.",
)
#: Invented copy with real place evidence (Kenya, Africa).
PLACED = (
    "Floods cut roads around Nairobi",
    "Heavy rain cut three highways around Nairobi on Tuesday, Kenya's roads agency said.",
)


def _item(
    text: tuple[str, str], infosources: tuple[str, ...] = (), source: str | None = None
) -> WireItem:
    item = make_item(*text)
    item.infosources = [InfoSource(name) for name in infosources]
    if source is not None:
        item.ext.lineage = Lineage("wire.raw", 0, 7, 0, "0" * 64, source=source)
    return item


@pytest.fixture(scope="module")
def homed() -> GeoTagger:
    """The tagger as ``WIRE_SOURCE_HOMES=punch-feed=NG,jpost=IL`` builds it."""
    return build_tagger(Settings.from_env({"WIRE_SOURCE_HOMES": "punch-feed=NG,jpost=IL"}))


def test_the_placeless_story_is_unlocated_by_its_text(homed: GeoTagger) -> None:
    assert homed.tag(_item(PLACELESS)).regions == []
    assert homed.tag(_item(PLACELESS, source="reuters")).regions == []


@pytest.mark.parametrize(
    ("name", "country", "region"),
    [("The PUNCH", "NG", "africa"), ("Punch", "NG", "africa"), ("Haaretz", "IL", "middle-east")],
)
def test_a_credited_home_outlet_locates_a_placeless_story(
    tagger: GeoTagger, name: str, country: str, region: str
) -> None:
    item = _item(PLACELESS, (name,))
    result = tagger.tag(item)
    assert result.regions == [region]
    assert [f.country for f in result.focus] == [country]
    [ev] = result.evidence
    assert (ev.text, ev.field, ev.rule, ev.country) == (name, "infosources", "infosource", country)
    assert "infosource" in explain(item, result)


def test_the_configured_source_home_locates_a_placeless_story(homed: GeoTagger) -> None:
    item = _item(PLACELESS, source="Punch-Feed")  # the header's name, slugged like a uri's
    result = homed.tag(item)
    assert result.regions == ["africa"]
    [ev] = result.evidence
    assert (ev.text, ev.field, ev.rule, ev.country) == ("Punch-Feed", "source", "source-home", "NG")
    assert "source-home" in explain(item, result)
    assert homed.tag(_item(PLACELESS, source="jpost")).regions == ["middle-east"]


def test_a_credited_outlet_goes_before_the_source_home(homed: GeoTagger) -> None:
    result = homed.tag(_item(PLACELESS, ("Haaretz",), source="punch-feed"))
    assert result.regions == ["middle-east"]
    assert [e.rule for e in result.evidence] == ["infosource"]


def test_a_story_with_place_evidence_is_neither_moved_nor_given_a_second_region(
    homed: GeoTagger,
) -> None:
    plain = homed.tag(_item(PLACED))
    assert plain.regions == ["africa"]
    for item in (
        _item(PLACED, ("Haaretz",)),
        _item(PLACED, source="jpost"),
        _item(PLACED, ("Haaretz",), source="jpost"),
    ):
        result = homed.tag(item)
        assert result.regions == plain.regions
        assert result.focus == plain.focus
        assert {e.rule for e in result.evidence}.isdisjoint({"infosource", "source-home"})


def test_outlets_of_several_regions_decide_nothing(homed: GeoTagger) -> None:
    assert homed.tag(_item(PLACELESS, ("Haaretz", "The PUNCH"))).regions == []


@pytest.mark.parametrize(
    ("infosources", "source"),
    [
        (("Reuters",), None),  # a world agency: quoted about anywhere, not in home_press.tsv
        (("Example Daily Courier",), None),
        ((), "some-other-feed"),
        ((), None),
    ],
)
def test_an_unknown_outlet_or_source_changes_nothing(
    homed: GeoTagger, infosources: tuple[str, ...], source: str | None
) -> None:
    for text in (PLACELESS, PLACED):
        plain = homed.tag(_item(text))
        result = homed.tag(_item(text, infosources, source))
        assert (result.regions, result.focus, result.evidence) == (
            plain.regions,
            plain.focus,
            plain.evidence,
        )


def test_the_setting_is_parsed_to_slugs_and_codes() -> None:
    assert parse_source_homes("") == {}
    assert parse_source_homes(" Punch Feed = ng , jpost=IL,kosovo-online=XK") == {
        "punch-feed": "NG",
        "jpost": "IL",
        "kosovo-online": "XK",
    }


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ("punch-feed=NGA", "no ISO 3166-1 alpha-2 country code"),
        ("punch-feed=ZZ", "no ISO 3166-1 alpha-2 country code"),
        ("punch-feed", "is not SOURCE=CC"),
        ("=NG", "is not SOURCE=CC"),
        ("jpost=IL,jpost=US", "two homes"),
    ],
)
def test_a_bad_setting_stops_the_start_with_a_clear_message(value: str, fault: str) -> None:
    with pytest.raises(ConfigError, match="WIRE_SOURCE_HOMES") as err:
        Settings.from_env({"WIRE_SOURCE_HOMES": value})
    assert fault in str(err.value)


def test_wire_explain_names_both_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ninjs item (invented) through the whole ``wire explain`` command: the credited outlet
    from ``infosources``, and with ``--source`` the configured home of that source."""
    story = {
        "uri": "urn:example:strike-1",
        "type": "text",
        "headline": PLACELESS[0],
        "body_text": PLACELESS[1],
    }
    credited = tmp_path / "credited.json"
    credited.write_text(json.dumps({**story, "infosources": [{"name": "Haaretz"}]}))
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(story))
    monkeypatch.setenv("WIRE_SOURCE_HOMES", "punch-feed=NG")
    out = CliRunner().invoke(cli, ["explain", str(credited)])
    assert out.exit_code == 0, out.output
    assert "regions: middle-east" in out.output and "infosource" in out.output
    out = CliRunner().invoke(cli, ["explain", "--source", "punch-feed", str(plain)])
    assert out.exit_code == 0, out.output
    assert "regions: africa" in out.output and "source-home" in out.output
    out = CliRunner().invoke(cli, ["explain", str(plain)])
    assert "regions: unlocated" in out.output


def test_the_worker_pipeline_reads_the_home_of_the_wire_source_header() -> None:
    """Through the composition root: a raw message with ``wire-source: punch-feed`` (the
    header ingest sets) is routed to the configured home's region, with the evidence on the
    item; the same message from another source stays unlocated."""
    pipeline = build_pipeline(
        Settings.from_env({"WIRE_SOURCE_HOMES": "punch-feed=NG"}), MemoryStore()
    )
    raw = json.dumps(
        {"uri": "urn:example:strike-2", "headline": PLACELESS[0], "body_text": PLACELESS[1]}
    ).encode()
    [item] = pipeline.prepare(RawMessage(raw, {H_SOURCE: b"punch-feed"}))
    assert item.ext.regions == ["africa"]
    assert [(e.rule, e.country) for e in item.ext.evidence] == [("source-home", "NG")]
    [other] = pipeline.prepare(RawMessage(raw, {H_SOURCE: b"another-feed"}))
    assert other.ext.regions == []


# Session 25 (hgeo60, a60-003): dpa's regional services credit a desk code after the agency in
# the dateline ("Callenberg (dpa / sn) -"); their briefs name a small town and a district,
# rarely Germany. The code is the credit of a German home service; dpa alone reports from
# everywhere and decides nothing.


@pytest.mark.parametrize("credit", ["dpa / sn", "dpa/sn", "dpa/lby", "dpa / lno", "DPA/LHE"])
def test_a_dpa_regional_desk_credit_locates_a_placeless_brief(
    tagger: GeoTagger, credit: str
) -> None:
    result = tagger.tag(_item(PLACELESS, (credit,)))
    assert result.regions == ["europe"]
    assert [(e.rule, e.country) for e in result.evidence] == [("infosource", "DE")]


@pytest.mark.parametrize("credit", ["dpa", "dpa-AFX", "APA/dpa", "dpa/AP"])
def test_dpa_without_a_regional_desk_decides_nothing(tagger: GeoTagger, credit: str) -> None:
    assert tagger.tag(_item(PLACELESS, (credit,))).regions == []


def test_a_dpa_regional_brief_is_placed_through_the_pipeline() -> None:
    """A plain-text brief (invented) whose dateline names a village no gazetteer holds: the
    parser records the dateline's credit, and the credit places the brief."""
    pipeline = build_pipeline(Settings.from_env({}), MemoryStore())
    raw = (
        b"Three hurt in cellar fire\n\n"
        b"Kleinwaldau (dpa / sn) - Three people were hurt when the cellar of a block of flats "
        b"caught fire during the night, police said on Friday. About 40 neighbours spent the "
        b"night in a school nearby.\n"
    )
    [item] = pipeline.prepare(RawMessage(raw, {H_SOURCE: b"file"}))
    assert item.ext.regions == ["europe"]
    assert ("infosource", "DE") in [(e.rule, e.country) for e in item.ext.evidence]


# Session 25 (hgeo60, a60-006): outlets carry a national agency's copy with the agency's name
# closing the body ("... Daea said. AGERPRES", "-- KUNA"). Signing the copy off, the agency is
# its author, and its domestic copy names no place its readers know: like a credited home paper
# it locates a story nothing else does (rule signoff). Quoted in a sentence it stays
# support-only, and a story placed elsewhere is neither moved nor given a second region.


@pytest.mark.parametrize(
    ("signoff", "country", "region"),
    [
        (" AGERPRES", "RO", "europe"),
        ("\n\n-- KUNA", "KW", "middle-east"),
        (" – Bernama", "MY", "asia-pacific"),
        (" (Yonhap)", "KR", "asia-pacific"),
    ],
)
def test_a_national_agency_signing_off_the_copy_locates_a_placeless_story(
    tagger: GeoTagger, signoff: str, country: str, region: str
) -> None:
    item = make_item(PLACELESS[0], PLACELESS[1] + signoff)
    result = tagger.tag(item)
    assert result.regions == [region]
    [ev] = [e for e in result.evidence if e.rule == "signoff"]
    assert (ev.field, ev.country) == ("body", country)
    assert item.body[ev.start : ev.end] == ev.text
    assert "signoff" in explain(item, result)


@pytest.mark.parametrize(
    "body",
    [
        PLACELESS[1] + " AGERPRES reported the strike first.",
        PLACELESS[1].replace("the union's chairman said", "the union's chairman told Agerpres"),
        PLACELESS[1] + " The figures were confirmed to AGERPRES",
    ],
)
def test_an_agency_quoted_in_the_text_still_decides_nothing(tagger: GeoTagger, body: str) -> None:
    assert tagger.tag(make_item(PLACELESS[0], body)).regions == []


def test_a_signoff_neither_moves_a_placed_story_nor_adds_a_region(tagger: GeoTagger) -> None:
    plain = tagger.tag(make_item(*PLACED))
    signed = tagger.tag(make_item(PLACED[0], PLACED[1] + "\n\n– Xinhua"))
    assert signed.regions == plain.regions == ["africa"]
    assert all(e.rule != "signoff" for e in signed.evidence)


#: Invented placeless copy an agency of world reach or a broadcaster may close with its name.
WORLD_COPY = (
    "Astronomers find a planet that may hold water",
    "Astronomers have found a planet twice the size of the one we live on orbiting a nearby "
    "red dwarf, according to a study published on Wednesday. The planet may hold liquid "
    "water, the researchers said.",
)


@pytest.mark.parametrize(
    "signoff",
    [" Xinhua", " (TASS)", "\n\n-- Sputnik", " Interfax", " Prensa Latina", " CGTN", " BBC"],
)
def test_an_agency_of_world_reach_signing_off_places_nothing(
    tagger: GeoTagger, signoff: str
) -> None:
    # Xinhua, TASS or Prensa Latina sign off a planet's discovery, gold prices or a tennis
    # final as well as home news, and a broadcaster's name closing the copy is no sign-off:
    # only the national agencies marked in bodies.tsv (column agency) place a placeless
    # story (session 25, hrev25a).
    result = tagger.tag(make_item(WORLD_COPY[0], WORLD_COPY[1] + signoff))
    assert result.regions == []
    assert all(e.rule != "signoff" for e in result.evidence)
