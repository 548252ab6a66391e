"""Session 22 (issue #16, probes a40 and a43 spent): three classes of error, each with the
collision it must not make. Invented text in real layouts.

- A stop-listed town that is a common surname, speaking ("Taylor said", "according to
  Taylor"), is a person, not a US town confirmed by the story's other US evidence.
- ``NDP`` is Canada's New Democratic Party only beside Canadian evidence or a cue of its
  politics: Ghana's National Democratic Party and the National Development Plans of South
  Africa, Ireland or Namibia are NDPs too.
- The main seaports and terminals the city list lacks ("Port Everglades", "Port Klang")
  are places of their country.
"""

from __future__ import annotations

from streams.core.geo import GeoTagger
from tests.unit.core.geo.conftest import evidence_by_text, linked

TIMBER = (
    "Log prices climb for Kiwi builders",
    "Demand from China is the main driver of the rise, Taylor said. Builders in New Zealand "
    "would feel it, he said.\n\n"
    "China took fewer logs from New Zealand in May. According to Taylor, each sawmill sets "
    "its own prices.",
)


def test_a_surname_town_that_speaks_is_a_person(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(tagger, *TIMBER)
    assert regions == ["asia-pacific"]
    assert ev["Taylor"][1].startswith("person") and ev["Taylor"][2] == 0.0


def test_the_speaker_stays_a_person_beside_us_evidence(tagger: GeoTagger) -> None:
    headline, body = TIMBER
    body += "\n\nStronger demand in the US and North America lifted prices, Taylor said."
    _, ev = evidence_by_text(tagger, headline, body)
    assert ev["Taylor"][2] == 0.0


def test_a_surname_town_in_a_place_position_is_still_the_town(tagger: GeoTagger) -> None:
    # "residents of Taylor said": the town, named after a place preposition, whatever follows.
    _, ev = evidence_by_text(
        tagger,
        "Water main break floods Texas streets",
        "Residents of Taylor said the water rose within minutes. Texas officials sent crews "
        "to the town on Monday.",
    )
    assert ev["Taylor"][0] == "US" and ev["Taylor"][2] > 0


def test_a_capital_that_speaks_keeps_its_government_reading(tagger: GeoTagger) -> None:
    # "Moscow said": a capital speaking for its government is no stop-listed surname.
    regions, ev = evidence_by_text(
        tagger, "Talks stall", "Moscow said on Tuesday that the talks had stalled."
    )
    assert ev["Moscow"][0] == "RU" and ev["Moscow"][2] > 0
    assert regions == ["europe"]


def test_canada_s_ndp_with_a_cue_of_its_politics(tagger: GeoTagger) -> None:
    regions, ev = evidence_by_text(
        tagger,
        "NDP promises to scrap health premiums",
        "The NDP would scrap the premiums within two years, Premier Jane Holloway told "
        "reporters, and the Liberals called the plan unaffordable.",
    )
    assert ev["NDP"][0] == "CA" and ev["NDP"][2] > 0
    assert regions == ["americas"]


def test_a_development_plan_s_ndp_is_no_canadian_party(tagger: GeoTagger) -> None:
    # South Africa's, Ireland's and Namibia's National Development Plans are NDPs too.
    regions, ev = evidence_by_text(
        tagger,
        "Planning minister says growth targets slip",
        "The targets of the National Development Plan (NDP) for 2030 are slipping, the "
        "planning minister said. The NDP called for growth of 5.4 per cent a year.",
    )
    assert "americas" not in regions
    assert all(e[2] == 0.0 for t, e in ev.items() if t == "NDP")


def test_another_country_s_ndp_leaves_its_own_evidence_alone(tagger: GeoTagger) -> None:
    # An African ballot's candidates, one of Ghana's NDP: a Ghanaian leader's surname decides.
    regions, ev = evidence_by_text(
        tagger,
        "Disqualified aspirants told to go to court",
        "The commission disqualified Kofi Asante of the NDP and Dr. Ama Mahama of the PNC "
        "on Monday.",
    )
    assert ev["NDP"][2] == 0.0
    assert regions == ["africa"]


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


_PADDING = (
    "Passengers found trains cancelled and faced longer trips in crowded carriages this "
    "morning. Many said they would now have to rise much earlier so as not to be late for "
    "work, and several said the changes had been announced with too little warning. The "
    "operator said it would review the new timetable after a month of running it.\n\n"
    "The changes were the first in a decade. Some services now call at more stations, and "
    "the fast trains of the morning peak have gone from the route altogether, the operator "
    "confirmed, while the evening trains keep their old times."
)


def test_a_commuters_round_up_names_its_small_towns_past_the_lead(tagger: GeoTagger) -> None:
    # A vox pop of one area's commuters: two small English towns after "from", past the lead.
    regions, ev = evidence_by_text(
        tagger,
        "Commuters fume as new timetable brings cancellations",
        _PADDING + "\n\nJane Doe, 41, a nurse who travels in from Surbiton, said her train was "
        "packed. John Roe, 35, who had come in from Walton-on-Thames, was 40 minutes late.",
    )
    assert regions == ["europe"]
    assert next(iter(ev.values()))[1] == "small-town"


def test_one_small_town_far_down_the_text_locates_nothing(tagger: GeoTagger) -> None:
    regions, _ = evidence_by_text(
        tagger,
        "Commuters fume as new timetable brings cancellations",
        _PADDING + "\n\nJane Doe, 41, a nurse who travels in from Surbiton, said her train was "
        "packed.",
    )
    assert regions == []


def test_a_sports_report_s_small_towns_are_its_clubs(tagger: GeoTagger) -> None:
    regions, _ = evidence_by_text(
        tagger,
        "Late goal settles the derby",
        _PADDING + "\n\nThe striker, signed from Surbiton in the summer, scored in the 89th "
        "minute of the league match; the goalkeeper, on loan from Walton-on-Thames, saved a "
        "penalty.",
    )
    assert regions == []
