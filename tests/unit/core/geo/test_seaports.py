"""The main seaports and terminals the city list lacks ("Port Everglades", "Port Klang") are
places of their country and locate a storm or shipping story; "Port Elizabeth" stays the South
African city, and an outlet of another country does not move a story its port places (issue
#16, session 22, probes a40 and a43 spent). Invented text in real layouts."""

from __future__ import annotations

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, linked


def test_a_seaport_the_city_list_lacks_locates_a_storm_story(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger,
        "Port Everglades to reopen to tankers after the storm",
        "The port expected to reopen on Tuesday once Coast Guard checks were done, a "
        "spokeswoman said.",
    )
    assert ev["Port Everglades"][0] == "US"
    assert regions == ["americas"]


def test_an_asian_terminal_is_its_country_s(tagger: GeoTagger) -> None:
    regions, _ = evidence_by_text(
        tagger,
        "Congestion eases at Port Klang",
        "Waiting times for container ships fell to two days, the port operator said.",
    )
    assert regions == ["asia-pacific"]


def test_port_elizabeth_stays_the_south_african_city(tagger: GeoTagger) -> None:
    # Not listed as New Jersey's terminal: the name is South Africa's city first.
    _, ev = evidence_by_text(
        tagger,
        "Dock workers strike",
        "Dock workers in Port Elizabeth walked out on Monday over pay.",
    )
    assert ev["Port Elizabeth"][0] == "ZA"


def test_a_seaport_in_json_mode_keeps_the_text_s_place(tagger: GeoTagger) -> None:
    # The text's port places the story; an outlet of another country does not move it.
    item = linked(
        ("Port Everglades set to reopen", "Tankers waited offshore on Tuesday."),
        "https://www.example.co.uk/news/port-reopens",
    )
    assert tagger.tag(item).regions == ["americas"]
