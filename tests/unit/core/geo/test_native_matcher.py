"""The compiled gazetteer scan (``native/``) returns exactly what ``Matcher.find_python`` returns.

Every mention the tagger weighs comes from these hits, so the check is equality: same starts,
ends and terms (the very ``Term`` objects), same order, for every text of the shared corpus
(read from ``../shared/corpus`` at test time) in every language the tagger treats apart, and
for generated texts built from names, endings, capitals and odd Unicode. The module skips when
the extension is not built (``make venv`` builds it, so CI runs it).
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import corpus
from streams.core.geo import GeoTagger
from streams.core.geo.gazetteer import Gazetteer, Inflection, Term
from streams.core.geo.matcher import Hit, Matcher
from streams.core.geo.text import fold

native = pytest.importorskip(
    "wirestream_native", reason="the native core is not built (make venv builds it)"
)
pytestmark = pytest.mark.skipif(
    os.environ.get("WIRE_NATIVE") == "0", reason="WIRE_NATIVE=0 forces the Python path"
)

LANGS = ("", "en", "fi", "tr", "ar", "de")


def _triples(hits: list[Hit]) -> list[tuple[int, int, int]]:
    # ``id``: the same Term object, not an equal one.
    return [(h.start, h.end, id(h.term)) for h in hits]


def _same(matcher: Matcher, text: str, lang: str) -> None:
    for any_case in (False, True):
        got = matcher.find(text, any_case=any_case, lang=lang)
        want = matcher.find_python(text, any_case=any_case, lang=lang)
        assert _triples(got) == _triples(want), (text[:80], lang, any_case)


@pytest.fixture(scope="module")
def matcher(tagger: GeoTagger) -> Matcher:
    m = tagger._matcher
    assert m.native
    return m


def _corpus_texts() -> list[str]:
    out: list[str] = []
    for name in ("geo_en", "geo_multilingual", "dedup_pairs"):
        for row in corpus.rows(name):
            out += [str(row.get(k) or "") for k in ("headline", "body", "text")]
    return [t for t in out if t]


@pytest.mark.skipif(not corpus.available(), reason="the shared corpus is not there")
def test_every_corpus_text_gives_the_same_hits_in_every_language(matcher: Matcher) -> None:
    texts = _corpus_texts()
    assert len(texts) > 500
    found = 0
    for text in texts:
        for lang in LANGS:
            _same(matcher, text, lang)
        found += len(matcher.find(text, lang="fi"))
    assert found > 1000  # the comparison is not between two empty lists


@pytest.mark.skipif(not corpus.available(), reason="the shared corpus is not there")
def test_fold_is_the_same_over_the_corpus(matcher: Matcher) -> None:
    scanner = matcher._scanner
    assert scanner is not None
    for text in _corpus_texts():
        assert scanner.fold(text) == fold(text)


# Names and pieces the rules turn on: capitals and acronyms, names inside names, Finnish
# endings and consonant grades, Arabic clitics and alef forms, Turkish dotted capitals,
# German endings, characters whose case maps change length (ß, ŉ, ǰ), title case (ǅ), the
# Kelvin sign, Greek final sigma, a combining accent, a lone surrogate, U+FFFF itself.
PIECES = [
    "South Sudan",
    "Sudan",
    "SUDAN",
    "Niger",
    "Nigeria",
    "Paris",
    "PARIS",
    "paris",
    "US",
    "U.S.",
    "us",
    "Us",
    "WHO",
    "NICE",
    "Nice",
    "Washington, D.C.",
    "Washington D.C.",
    "Helsingissä",
    "Helsinki",
    "Venäjällä",
    "Suomen",
    "Turussa",
    "Afrikassa",
    "Tampereella",
    "والقاهرة",
    "للبرازيل",
    "إسرائيل",
    "أمريكا",
    "مصر",
    "İstanbul",
    "ISTANBUL",
    "Türkiye",
    "İran",
    "Deutschlands",
    "Münchens",
    "São Paulo",
    "Zürich",
    "ß",
    "ŉ",
    "ǰ",
    "ǅ",
    "K",
    "ΣΊΣΥΦΟΣ",
    "é",
    "\ud800",
    "\uffff",
    "\u200b",
    "\xa0",
    "—",
    ", ",
    ". ",
    " ",
    "\n\n",
    "(",
    "'s ",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=14).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lang=st.sampled_from(LANGS))
def test_generated_texts_give_the_same_hits(matcher: Matcher, text: str, lang: str) -> None:
    _same(matcher, text, lang)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_fold_is_the_same_on_any_text(matcher: Matcher, text: str) -> None:
    scanner = matcher._scanner
    assert scanner is not None
    # A lone surrogate (no UTF-8 form) comes back as U+FFFF, which is in no key.
    want = "".join("\uffff" if 0xD800 <= ord(c) < 0xE000 else c for c in fold(text))
    assert scanner.fold(text) == want


@pytest.fixture(scope="module")
def key_names(matcher: Matcher) -> list[str]:
    """The gazetteer's own keys as names (every fifth, multiword ones first in weight)."""
    keys = matcher._auto.keys()  # pyahocorasick: an iterator
    names = sorted(k.strip() for k in keys)
    return [n for n in names if " " in n] + names[::5]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_texts_of_gazetteer_keys_give_the_same_hits(
    matcher: Matcher, key_names: list[str], data: st.DataObject, lang: str
) -> None:
    # Keys back to back: nested and overlapping names ("New York City", "York"), long
    # multiword keys that walk the automaton far past its dense rows (session 25 changed
    # their depth and dropped the prefilter), and names cut by a separator mid-key.
    parts = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(key_names),
                st.sampled_from(key_names).map(str.upper),
                st.sampled_from(key_names).map(lambda n: n[: len(n) // 2]),
                st.sampled_from([" ", ", ", ". ", "-", "'s ", "\n", "ssa "]),
            ),
            max_size=20,
        )
    )
    _same(matcher, " ".join(parts), lang)
    _same(matcher, "".join(parts), lang)


def _small() -> Gazetteer:
    """A hand-made gazetteer: a language-local name, an acronym, a stem language."""
    gaz = Gazetteer()
    for text, kind in (("Georgia", "state"), ("Sudan", "country"), ("South Sudan", "country")):
        gaz.add(text, kind, ("XX",))
    gaz.terms["uk"] = Term("UK", "country", ("GB",), acronym=True)
    gaz.add_lang("fi", "Ruotsi", "country", ("SE",))
    gaz.add_lang("*", "Moskva", "city", ("RU",))
    gaz.inflections["fi"] = Inflection(endings=frozenset({"ssa", "lla", "n", ""}), drop="i")
    return gaz


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("South Sudan and Sudan", "en", [(0, 11), (16, 21)]),
        ("Ruotsissa ja Ruotsi", "fi", [(0, 9), (13, 19)]),
        ("Ruotsi", "en", []),
        ("Moskva", "en", []),
        ("Moskva", "de", [(0, 6)]),
        ("Moskvassa", "fi", [(0, 9)]),
        ("the uk and the UK", "en", [(15, 17)]),
        ("Georgiassa", "fi", [(0, 10)]),
        ("georgia", "en", []),
    ],
)
def test_small_gazetteer_native_and_python_agree_on_known_answers(
    text: str, lang: str, want: list[tuple[int, int]]
) -> None:
    gaz = _small()
    m = Matcher(gaz)
    assert m.native
    got = m.find(text, lang=lang)
    assert [(h.start, h.end) for h in got] == want
    assert _triples(got) == _triples(m.find_python(text, lang=lang))


def _words_gazetteer() -> Gazetteer:
    """Keys the native scan's word table (no automaton since session 28) must walk: a name
    inside a longer one and a multiword key whose first words are no key, words longer than
    the eight bytes the scan hashes at a time, a key holding two spaces in a row ("D.C."
    as written), names of non-ASCII letters, and keys that share their spaces."""
    gaz = Gazetteer()
    for text, kind in (
        ("Bosnia", "country"),
        ("Bosnia and Herzegovina", "country"),
        ("Andorra la Vella", "city"),
        ("Mecklenburg-Vorpommern", "state"),
        ("Schleswig-Holstein", "state"),
        ("Washington, D.C.", "city"),
        ("Nice", "city"),
        ("Niš", "city"),
        ("Łódź", "city"),
    ):
        gaz.add(text, kind, ("XX",))
    return gaz


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Bosnia and Herzegovina", [(0, 22)]),
        ("Bosnia and Herz", [(0, 6)]),  # the longer key cut: the shorter one
        ("Andorra la Vell", []),  # no key among its words
        ("Andorra la Vella Nice Nice", [(0, 16), (17, 21), (22, 26)]),  # keys back to back
        ("In Mecklenburg-Vorpommern, Schleswig-Holstein.", [(3, 25), (27, 45)]),
        ("MecklenburgVorpommern Mecklenburg Vorpommern", [(22, 44)]),
        ("Washington, D.C. and Washington D.C.", [(0, 15), (21, 35)]),  # the last "." cut
        ("Washington,  D.C.", []),  # three blanks: neither spacing
        ("Niš, Łódź i Nice", [(0, 3), (5, 9), (12, 16)]),
        ("Nice", [(0, 4)]),
        ("x Nic", []),
    ],
)
def test_the_word_walk_finds_what_the_reference_finds(
    text: str, want: list[tuple[int, int]]
) -> None:
    m = Matcher(_words_gazetteer())
    assert m.native
    got = m.find(text, lang="en")
    assert [(h.start, h.end) for h in got] == want
    assert _triples(got) == _triples(m.find_python(text, lang="en"))
    for any_case in (False, True):
        upper = text.upper()
        assert _triples(m.find(upper, any_case=any_case)) == _triples(
            m.find_python(upper, any_case=any_case)
        )


# Separators the word walk must treat as the fold does: blanks of every kind (the fold makes
# them spaces), runs of them, Arabic punctuation, an astral character, digits, a lone
# surrogate, nothing at all (keys glued), and a Finnish ending (a stem, not a key).
SEPARATORS = (
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\xa0",
    "\u2009",
    "\u3000",
    ", ",
    ". ",
    "-",
    "'s ",
    "\u060c",
    "\u061b ",
    "\U0001f600",
    " 1990 ",
    "\ud800",
    "",
    "ssa ",
    "(",
    ")",
)


def _glued_key_text(rng: random.Random, names: list[str], prefixed: list[str]) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 25)):
        name = rng.choice(prefixed if rng.random() < 0.3 else names)
        r = rng.random()
        if r < 0.15:
            name = name.upper()
        elif r < 0.3:
            name = name.title()
        elif r < 0.4:
            name = name[: len(name) // 2]
        elif r < 0.5:
            name = name.replace(" ", rng.choice(["  ", "\t", "\xa0", "\n", " , "]))
        parts += [name, rng.choice(SEPARATORS)]
    return "".join(parts)


def test_every_key_glued_by_any_separator_gives_the_same_hits(matcher: Matcher) -> None:
    """Review hrev28a: the word walk (session 28) against the reference over texts of the
    gazetteer's own keys, all of them: keys with two or three spaces inside ("abu  arish"),
    keys whose space-ended prefix is another key, non-ASCII and Arabic keys, cut, cased and
    respaced, glued by blanks, tabs, NBSP, marks, astral characters, digits, nothing."""
    keys = sorted(matcher._auto.keys())
    names = [k.strip() for k in keys]
    known = set(keys)
    prefixed = [
        k.strip()
        for k in keys
        if any(k[i] == " " and k[: i + 1] in known for i in range(1, len(k) - 1))
    ]
    assert any("  " in n for n in names) and len(prefixed) > 1000
    assert any("\u0600" <= c <= "\u06ff" for n in names for c in n)
    rng = random.Random(28)
    for _ in range(400):
        text = _glued_key_text(rng, names, prefixed)
        for lang in LANGS:
            _same(matcher, text, lang)


def test_a_key_not_padded_by_spaces_is_refused() -> None:
    # The word walk finds a key only from a space to a space (``text.keys`` pads every one).
    term = Term("Nice", "city", ("FR",))
    with pytest.raises(ValueError, match="padded"):
        native.GeoScanner([("nice ", (5, term, 1, {}))], [], "*", [], [])


def test_long_and_empty_texts(matcher: Matcher) -> None:
    flood = "Paris, Helsingissä ja SOUTH SUDAN \ud800 والقاهرة. " * 3000
    for lang in ("", "fi", "ar"):
        _same(matcher, flood, lang)
    assert len(matcher.find(flood, lang="fi")) >= 9000
    assert matcher.find("", lang="fi") == [] == matcher.find_python("", lang="fi")


def test_wire_native_0_runs_the_python_path() -> None:
    m = Matcher(_small(), native=False)
    assert not m.native
    assert [(h.start, h.end) for h in m.find("South Sudan", lang="en")] == [(0, 11)]


def test_an_empty_gazetteer_finds_nothing() -> None:
    m = Matcher(Gazetteer())
    assert m.find("South Sudan") == [] == m.find_python("South Sudan")


class _PanickingScanner:
    """What a panic in the compiled scan looks like from Python: a ``RuntimeError``."""

    def find(self, *args: object) -> list[tuple[int, int, int]]:
        raise RuntimeError("wirestream_native: GeoScanner.find panicked (a bug)")


def test_a_panic_in_the_scan_falls_back_to_the_python_reference() -> None:
    m = Matcher(_small())
    assert m.native
    want = _triples(m.find_python("Talks in South Sudan", lang="en"))
    m._scanner = _PanickingScanner()  # type: ignore[assignment]
    assert want and _triples(m.find("Talks in South Sudan", lang="en")) == want


@pytest.mark.parametrize(
    "text",
    [
        "Il dollaro scende dopo i dati sul lavoro negli Usa e in Europa.",
        "Negli USA la Fed tiene fermi i tassi; l'Inps paga le pensioni, l'INPS conferma.",
        "usa il telefono: nessun paese in minuscolo",
    ],
)
def test_a_name_a_language_writes_for_an_acronym_matches_the_same_on_both_paths(
    matcher: Matcher, text: str
) -> None:
    # Italian writes "Usa" and "Inps" for the global "USA" and "INPS" (the key's case test
    # _NAMED_ACRONYM: a capital first letter); lower case is still no match.
    _same(matcher, text, "it")
    found = {h.term.countries[0] for h in matcher.find(text, lang="it")}
    assert ("US" in found) == ("Usa" in text or "USA" in text)
