"""Fast paths of the pure core give exactly what the plain code they replaced gave.

A speed-up of issue #17 that rewrites a computation keeps the old one here as the reference
and checks both on generated text: ASCII and not, controls, blanks, NBSP, line breaks.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.core import text as textmod

_C0_C1 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff]")
_BLANK_RUN = re.compile(r"\n\n\n+")


def _lines_flagged_reference(text: str, *, controls: bool) -> tuple[str, bool]:
    """``text._lines_flagged`` before the ASCII fast check (isprintable() line by line)."""
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    if text[:1] == "\n" or text[-1:] == "\n":
        text = text.strip("\n")
    lines = text.split("\n")
    if (
        all(map(str.isprintable, lines))
        and "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        return text, False
    out: list[str] = []
    blank = True
    removed = False
    for line in lines:
        if controls and not line.isprintable():
            kept = _C0_C1.sub("", line)
            removed = removed or len(kept) != len(line)
            line = kept
        line = " ".join(line.split())
        if line:
            out.append(line)
            blank = False
        elif not blank:
            out.append("")
            blank = True
    if out and not out[-1]:
        out.pop()
    return "\n".join(out), removed


PIECES = st.sampled_from(
    [
        *("word", "Two words.", " ", "  ", "\n", "\n\n", "\t", "\x00", "\x07", "\x1f", "\x7f"),
        *("~", "\x85", "\u00a0", "é", "\u200b", "\u2028", "\ufeff", "’"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join), st.booleans())
def test_lines_flagged_equals_the_line_by_line_check(text: str, controls: bool) -> None:
    assert textmod._lines_flagged(text, controls=controls) == _lines_flagged_reference(
        text, controls=controls
    )


def test_every_ascii_byte_against_isprintable() -> None:
    for code in range(128):
        line = f"a{chr(code)}b"
        if code == 0x0A:
            continue  # the line separator itself
        got = textmod._lines_flagged(line, controls=False)
        assert got == _lines_flagged_reference(line, controls=False), hex(code)
