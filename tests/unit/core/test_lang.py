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


def test_marks_around_function_words_are_stripped_as_before() -> None:
    """The vote reads each word stripped of marks only when it opens or closes with one
    (a word that does neither is its own strip): the same guesses as stripping every word,
    on function words wrapped in every mark, marks alone, and words of marks inside."""
    import random

    from streams.core import lang

    def reference(text: str) -> str | None:
        sample = text[: lang.SAMPLE_CHARS]
        votes: dict[str, int] = {}
        for word in sample.lower().split()[: lang.SAMPLE_WORDS]:
            for code in lang._BY_WORD.get(word.strip(lang._PUNCT), ()):
                votes[code] = votes.get(code, 0) + 1
        best = max(votes, key=votes.__getitem__, default="")
        if best and votes[best] >= lang.MIN_HITS:
            return best
        for code, own in lang._LETTERS.items():
            if sum(sample.count(ch) for ch in own) >= lang.MIN_LETTERS:
                return code
        return None

    rng = random.Random(29)
    words = ["the", "and", "der", "und", "les", "että", "och", "x", "o'neil", "well-known"]
    marks = [*lang._PUNCT, "", "", "…"]
    for _ in range(2000):
        text = " ".join(
            rng.choice(marks) + rng.choice(words) + rng.choice(marks) + rng.choice(marks)
            for _ in range(rng.randint(1, 12))
        )
        assert lang.detect(text) == reference(text), text
