from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core import identity
from streams.core.identity import _words_utf8, content_uri, native_uri, source_slug, story_uri


def test_content_uri_is_deterministic_and_whitespace_insensitive() -> None:
    a = content_uri("ILKHA", "Headline", "Body  text\nhere")
    b = content_uri("ilkha", "Headline", "Body text here")
    assert a == b
    assert a.startswith("urn:wirestream:ilkha:")
    assert len(a.rsplit(":", 1)[1]) == 24
    assert content_uri("ilkha", "Headline", "Other body") != a
    assert content_uri("other", "Headline", "Body text here") != a


def test_parts_are_not_ambiguous() -> None:
    assert content_uri("s", "ab", "c") != content_uri("s", "a", "bc")


def test_story_uri_ignores_case_and_is_per_format() -> None:
    assert story_uri("ap", "anpa1312", "Ukraine-Grain", "11-20") == story_uri(
        "AP", "anpa1312", "ukraine-grain", "11-20"
    )
    assert story_uri("ap", "anpa1312", "x", "d") != story_uri("ap", "iptc7901", "x", "d")


def test_source_slug_and_native_uri() -> None:
    assert source_slug(" Reuters World/EN ") == "reuters-world-en"
    assert source_slug("***") == "unknown"
    assert native_uri("  urn:x:1 ") == "urn:x:1"
    assert native_uri("   ") is None
    assert native_uri(None) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("aB-_. /\t\u0130K\u212a*")), max_size=80)))
def test_remembered_slugs_answer_as_the_read_and_stay_bounded(names: list[str]) -> None:
    # Twice each: the second answer comes from the memo (when the name is short enough).
    for name in names + names:
        assert source_slug(name) == identity._source_slug(name)
    assert len(identity._SLUGS) <= identity._SLUG_ENTRIES


def test_slug_memo_is_emptied_when_full() -> None:
    identity._SLUGS.clear()
    for n in range(identity._SLUG_ENTRIES + 5):
        source_slug(f"Feed {n}")
    assert 0 < len(identity._SLUGS) <= identity._SLUG_ENTRIES
    assert source_slug("Feed 3") == "feed-3"
    long_name = "X" * (identity._SLUG_CHARS + 1)
    assert source_slug(long_name) == "x" * (identity._SLUG_CHARS + 1)
    assert long_name not in identity._SLUGS


def test_the_ascii_path_normalises_whitespace_as_split_and_join_do() -> None:
    """The digest's words, by byte translation for ASCII: the uri a ``" ".join(p.split())``
    digest gave (uris already stored must not change)."""
    import hashlib

    cases = [
        "",
        " ",
        "a",
        "  Body  text\nhere  ",
        "tab\tand\x0bvt\x0cff\rcr\x1cfs\x1dgs\x1ers\x1fus end",
        "para one.\n\npara two.\n\n\n\n\n\n\n\npara three",
        "x" + " " * 37 + "y",
        "caf\u00e9\u00a0au\u2003lait\u2028line",  # non-ASCII: Unicode whitespace too
    ]
    for text in cases:
        assert _words_utf8(text) == " ".join(text.split()).encode(), repr(text)
    joined = "\x1f".join(" ".join(p.split()) for p in ("Head  line", "Body\n\ntext"))
    expected = hashlib.sha256(joined.encode()).hexdigest()[:24]
    assert content_uri("s", "Head  line", "Body\n\ntext") == f"urn:wirestream:s:{expected}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u3000é"))))
def test_digest_words_equal_split_and_join(text: str) -> None:
    assert _words_utf8(text) == " ".join(text.split()).encode()
