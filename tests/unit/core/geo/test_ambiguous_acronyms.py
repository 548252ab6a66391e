"""Short acronyms of national bodies and parties that English copy also uses for something
placeless count only beside their country's other evidence or a cue of their politics
(``ambiguous.json``, ``confirm``), as "NDP" and "Congress" do; read alone, each sent a placeless
science, trade, tech, finance or US college story to a region (issue #16, session 22). Sports
copy's "RBI" (runs batted in) and "FG" (field goals) are read from the words around them, not
as the Reserve Bank of India or Nigeria's federal government (session 21). Every text here
was written for these tests, in the layouts of such stories."""

from __future__ import annotations

import pytest

from streams.core.geo import GeoTagger

from .conftest import evidence_by_text, read, tag_language

PLACELESS = [
    (
        "Gene variant tied to diabetes risk",
        "Researchers found that a single SNP in the gene raised the risk of type 2 diabetes by"
        " 30 percent. The SNP was present in one in five people studied, the team wrote.",
    ),
    (
        "New printer filament cuts waste",
        "The start-up makes filament from PLA, a plant-based plastic, for home 3D printers. PLA"
        " softens at lower temperatures than other plastics, the company said.",
    ),
    (
        "Regulators warn on private credit",
        "The FSB said in a report on Tuesday that leverage in private credit funds had grown."
        " The FSB, which coordinates financial rules for the G20, called for more data.",
    ),
    (
        "Clearing houses face new margin rules",
        "Regulators want each CCP to hold more margin against sudden market swings. A CCP stands"
        " between buyers and sellers of derivatives, the report said.",
    ),
    (
        "Importers check tariff codes",
        "Importers must list the HTS code of every product they bring in. A wrong HTS"
        " classification can mean a higher duty, trade lawyers said.",
    ),
    (
        "Self-published authors earn more",
        "Authors who publish through KDP earned a combined record last year, the company said."
        " KDP lets writers sell e-books without a publisher.",
    ),
    (
        "Bitcoin miners upgrade machines",
        "Miners are buying a new generation of ASIC machines that use less power. Each ASIC is"
        " built to do one job, a mining executive said.",
    ),
    (
        "Investors sign climate pledge",
        "More than 50 asset managers joined the PRI this year, the network said. Signatories of"
        " the PRI commit to weigh environmental and social risks.",
    ),
    (
        "Design files get a common format",
        "The consortium said its SDF format would help engineers share 3D models. SDF files are"
        " read by most design tools.",
    ),
    # Title case makes an adjective, a noun, a brand or a first name look like the index,
    # club or party of one country.
    (
        "Five Nifty Gadgets For Your Kitchen",
        "Nifty tools can save time. These five cost under $30 each, the reviewer wrote.",
    ),
    (
        "Arsenal Of New Drones Unveiled By Startup",
        "The company showed an arsenal of delivery drones on Tuesday.",
    ),
    (
        "Ajax cleaner maker raises prices",
        "The maker said it would raise prices of Ajax and other cleaners by 4 percent.",
    ),
    (
        "Morena Baccarin joins cast",
        "Actress Morena Baccarin will star in the new series, the studio said.",
    ),
    # Club nicknames that are words need a game around them.
    (
        "Chicken Nuggets Recalled Over Bone Fragments",
        "The maker recalled 30,000 pounds of frozen chicken nuggets, the agency said.",
    ),
    ("Raptors Had Feathers, Fossil Shows", "Small raptors had feathers, the researchers said."),
    ("Best Hair Clippers Of The Year", "Clippers with steel blades lasted longest in tests."),
    ("Chivas Regal maker lifts forecast", "Sales of Chivas and other whiskies rose, it said."),
    ("Meat Packers Face New Rules", "Packers must report injuries within a week."),
]


@pytest.mark.parametrize(("headline", "body"), PLACELESS)
def test_a_placeless_word_locates_nothing(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, evidence = read(tagger, headline, body)
    assert regions == [], headline
    assert all(w == 0 for *_rest, w in evidence), headline


def test_a_us_college_stays_american(tagger: GeoTagger) -> None:
    regions, _ = read(
        tagger,
        "CSU rallies past Wyoming",
        "CSU scored twice in the fourth quarter to beat Wyoming 24-17 on Saturday. The Rams'"
        " quarterback threw for 280 yards as CSU improved to 6-3 in the Mountain West.",
    )
    assert regions == ["americas"]


@pytest.mark.parametrize(
    ("headline", "body", "region"),
    [
        (
            "SNP loses Holyrood vote",
            "The SNP lost a vote on its budget at Holyrood on Wednesday, MSPs said.",
            "europe",
        ),
        (
            "PLA begins drills",
            "The PLA sent warships and troops into the drills on Monday, state media said.",
            "asia-pacific",
        ),
        (
            "FSB detains engineer",
            "The FSB said it detained an engineer accused of spying, in a case of espionage.",
            "europe",
        ),
        (
            "CCP names new Politburo",
            "The CCP unveiled its new Politburo line-up after the Central Committee met.",
            "asia-pacific",
        ),
        (
            "HTS fighters advance",
            "HTS rebels advanced on Tuesday, a monitor said, as jihadists took two villages.",
            "middle-east",
        ),
        (
            "KDP wins most seats",
            "The KDP of Masoud Barzani won the most seats in the Kurdistan vote.",
            "middle-east",
        ),
        (
            "ASIC sues lender",
            "The corporate regulator ASIC sued a lender in the Federal Court on Friday.",
            "asia-pacific",
        ),
        (
            "CSU backs Merz",
            "The CSU backed Friedrich Merz after the CDU leader met Markus Söder.",
            "europe",
        ),
        (
            "PRI loses ground",
            "The PRI lost ground to Morena and the PAN in the state vote.",
            "americas",
        ),
        (
            "SDF hands over prisons",
            "The SDF, the Kurdish-led force, handed two prisons to Damascus.",
            "middle-east",
        ),
        (
            "BNP calls strike",
            "The BNP called a strike against the Awami League government.",
            "asia-pacific",
        ),
        (
            "APRA tightens rules",
            "APRA told banks and superannuation funds to hold more capital.",
            "asia-pacific",
        ),
    ],
)
def test_the_body_or_party_keeps_its_country_with_a_cue(
    tagger: GeoTagger, headline: str, body: str, region: str
) -> None:
    regions, _ = read(tagger, headline, body)
    assert regions[:1] == [region], headline


def test_japans_self_defense_forces_are_no_syrian_force(tagger: GeoTagger) -> None:
    """The SDF of Japanese copy: Japan's evidence, and no second region from Syria."""
    regions, evidence = read(
        tagger,
        "SDF joins rescue after quake",
        "Japan sent 2,000 SDF troops to Ishikawa prefecture after the earthquake, Tokyo said.",
    )
    assert regions == ["asia-pacific"]
    assert all(w == 0 for _t, _r, c, w in evidence if c == "SY")


@pytest.mark.parametrize(
    ("headline", "body", "region"),
    [
        ("Nifty ends higher", "The Nifty rose 120 points as the Sensex gained.", "asia-pacific"),
        ("Arsenal win again", "Arsenal beat Chelsea 2-0, Arteta's side scored twice.", "europe"),
        ("Ajax sack coach", "Ajax dismissed their coach after a fourth Eredivisie loss.", "europe"),
        (
            "Morena wins Senate vote",
            "Morena passed the reform in the Senate with PAN votes.",
            "americas",
        ),
    ],
)
def test_the_index_club_or_party_keeps_its_country_with_a_cue(
    tagger: GeoTagger, headline: str, body: str, region: str
) -> None:
    regions, _ = read(tagger, headline, body)
    assert regions[:1] == [region], headline


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Nuggets beat Lakers", "Denver's star had 31 points as the Nuggets won the game."),
        (
            "Packers sign kicker",
            "The Packers signed a kicker before Sunday's game, the coach said.",
        ),
        ("Raptors trade guard", "The Raptors traded their guard for two draft picks this season."),
    ],
)
def test_a_team_in_a_game_stays_american(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, _ = read(tagger, headline, body)
    assert regions[:1] == ["americas"], headline


def test_spanish_parents_are_no_san_diego_club(tagger: GeoTagger) -> None:
    """Home copy confirms its own towns without a country, not a team's name that is a word
    of the language: "Padres" are parents in Spanish copy."""
    regions, evidence = tag_language(
        tagger,
        "Padres de alumnos protestan por el cierre",
        "Padres y madres de alumnos se concentraron ante el colegio para protestar por el"
        " cierre de dos aulas.",
        "es",
        weighted=True,
    )
    assert regions == []
    assert evidence == {}


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Ohtani's RBI double lifts Dodgers", "The Dodgers beat the Padres 4-3 on Sunday."),
        ("Walk-off RBI single wins it for Cubs", "Swanson singled home the winning run."),
        ("Soto's 100th RBI of season", "He reached it with a sacrifice fly in the sixth."),
        ("Rookie drives in runs", "He finished with three RBI, and the bullpen held on."),
    ],
)
def test_runs_batted_in_are_no_indian_bank(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, evidence = read(tagger, headline, body)
    assert "asia-pacific" not in regions, headline
    assert [(t, r) for t, r, c, w in evidence if c == "IN"] == [("RBI", "sport-stat")], headline
    assert all(w == 0 for _t, _r, c, w in evidence if c == "IN"), headline


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("RBI holds rates", "The central bank held its key rate, the RBI said on Friday."),
        ("RBI Governor warns on prices", "Food inflation stays sticky, the governor said."),
        ("Lenders told to report frauds", "An RBI circular asked banks to report within a week."),
        ("Two RBI officials join board", "The board named two RBI officials as observers."),
    ],
)
def test_the_reserve_bank_stays_india(tagger: GeoTagger, headline: str, body: str) -> None:
    regions, evidence = read(tagger, headline, body)
    assert regions[:1] == ["asia-pacific"], headline
    assert ("RBI", "metonym", "IN") in [(t, r, c) for t, r, c, _w in evidence], headline


def test_a_field_goal_is_no_nigerian_government(tagger: GeoTagger) -> None:
    """ "FG" is Nigeria's federal government in its press, but field goals in US sports copy,
    which often names no place: read alone it routed such copy to africa."""
    for headline, body in (
        ("Tigers edge Bulldogs on late FG", "Kicker Sam Lane hit a 42-yard FG with 0:04 left."),
        ("Box score: Hawks 98, Nets 91", "FG: Hawks 36-80, Nets 33-85. FT: Hawks 14-18."),
    ):
        regions, evidence = read(tagger, headline, body)
        assert "africa" not in regions, headline
        assert "NG" not in [c for _t, _r, c, _w in evidence], headline


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
