from __future__ import annotations

from streams.core.identity import content_uri, native_uri, source_slug, story_uri


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
