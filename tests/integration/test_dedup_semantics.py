"""Issue 5 on the real broker: repeats and near-duplicates stopped, updates routed."""

from __future__ import annotations

from streams import jsonio
from streams.kafka.clients import RawPayload

from .conftest import Service

ORIGINAL = (
    "Floods cut rail link between Bucharest and the Black Sea coast\n"
    "BUCHAREST, Oct 3 (WNA) - Floodwater washed away a section of track near Medgidia on Friday, "
    "cutting the main rail link between Bucharest and the port of Constanta, Romania's rail operator "
    "said. Passengers were moved to buses while engineers assessed the damage, which officials said "
    "could take two weeks to repair. The operator said freight trains to the port would be diverted "
    "through Fetesti. Romania's meteorological agency kept a red warning for heavy rain in four "
    "eastern counties until Saturday morning. (WNA)\n"
)
# Another outlet republishes the agency text with page furniture around it and one word changed.
REPUBLISHED = (
    "Advertisement\n"
    + ORIGINAL.replace("washed away", "swept away")
    + "Read more: Romania weather live updates\nShare this article\n"
)
# A different outlet's own write-up of the same event: a different story, must be routed.
OWN_WRITEUP = (
    "Romanian rail traffic to Constanta halted by storm damage\n"
    "CONSTANTA, Oct 3 (Coastal Daily) - Trains to Romania's largest port stopped running on Friday "
    "after heavy rain undermined an embankment west of the city, leaving holidaymakers stranded at "
    "the station. Local hotels offered free rooms, and the county prefect said road traffic on the "
    "A2 motorway was also slowed by standing water. (Coastal Daily)\n"
)


def ninjs(version: int, headline: str) -> bytes:
    return jsonio.dumps(
        {
            "uri": "urn:newsml:wna.example:20261003:ro-floods",
            "version": str(version),
            "type": "text",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [
                {
                    "role": "main",
                    "contenttype": "text/plain",
                    "value": "BUCHAREST, Oct 3 (WNA) - Romania's government declared a state of "
                    f"alert in four eastern counties on Friday after floods. Version {version} adds "
                    "that the army has sent engineers to repair the rail line to Constanta.",
                }
            ],
        }
    )


async def test_repeats_near_duplicates_and_updates(service: Service) -> None:
    service.worker()
    regions = list(service.topics.region_topics)
    await service.publish(RawPayload(ORIGINAL.encode(), "wna", "original.txt"))
    await service.wait_for(regions, 1)
    await service.publish(
        RawPayload(ORIGINAL.encode(), "wna", "original-again.txt"),
        RawPayload(REPUBLISHED.encode(), "portal", "republished.html.txt"),
        RawPayload(OWN_WRITEUP.encode(), "coastal", "own.txt"),
    )
    dups = await service.wait_for([service.topics.duplicates], 2)
    routed = await service.wait_for(regions, 2)
    heads = sorted(r.json()["headlines"][0]["value"] for r in routed)
    assert heads == sorted([ORIGINAL.splitlines()[0], OWN_WRITEUP.splitlines()[0]])
    original_uri = next(
        r.json()["uri"] for r in routed if "Bucharest" in r.json()["headlines"][0]["value"]
    )
    assert [d.json()["wirestream"]["duplicate_of"] for d in dups] == [original_uri, original_uri]
    assert any(d.json()["wirestream"]["similarity"] < 1.0 for d in dups)  # the near-duplicate

    # A story and its newer version: the update is routed, marked as an update of the first.
    await service.publish(RawPayload(ninjs(1, "Romania declares flood alert"), "wna", "v1.json"))
    await service.wait_for(regions, 3)
    await service.publish(
        RawPayload(
            ninjs(2, "UPDATE 1-Romania declares flood alert, army sent in"), "wna", "v2.json"
        )
    )
    routed = await service.wait_for(regions, 4)
    update = routed[-1].json() if routed[-1].json()["version"] == 2 else None
    versions = {
        r.json()["version"]: r.json() for r in routed if r.json()["uri"].endswith("ro-floods")
    }
    assert set(versions) == {1, 2}, versions.keys()
    ext = versions[2]["wirestream"]
    assert ext["status"] == "update"
    # the native id, in the namespace of the source that sent it (wna)
    assert ext["update_of"] == "urn:wirestream:wna:id:urn:newsml:wna.example:20261003:ro-floods"
    assert update is None or update["wirestream"]["status"] == "update"
