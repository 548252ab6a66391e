"""The cheap language guess that picks geo's inflection rules."""

from __future__ import annotations

import pytest

from streams.core.lang import detect, normalise


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The minister said on Monday that the talks with the unions were over.", "en"),
        (
            "Der Minister sagte am Montag, dass die Gespräche mit den Gewerkschaften beendet sind.",
            "de",
        ),
        ("Le ministre a dit lundi que les discussions avec les syndicats sont terminées.", "fr"),
        (
            "Ministeri sanoi maanantaina, että neuvottelut ovat ohi ja että myös liitot ovat tyytyväisiä.",
            "fi",
        ),
        ("Bakan pazartesi günü yaptığı açıklamada görüşmelerin bittiğini söyledi.", "tr"),
        ("قال الوزير يوم الاثنين إن المحادثات مع النقابات انتهت.", "ar"),
        (
            "Ministeren sa mandag at forhandlingene med fagforeningene er over, og at de ble enige.",
            "no",
        ),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert detect(text) == code


def test_thin_evidence_gives_no_guess() -> None:
    assert detect("Kenya Airways 2024") is None


def test_normalise() -> None:
    assert normalise("en-GB") == "en"
    assert normalise("nb") == "no"
    assert normalise(None) == ""
