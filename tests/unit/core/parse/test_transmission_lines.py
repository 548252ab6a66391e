"""The 7901/ANPA line reader (``transmission._lines``) against the regex it replaced.

Sessions 32's two speedups (8179ce5: the trailing ``=`` tested without ``\\s*=\\s*$``;
d05ca37: blank lines skip the cleaning) were claimed to give the same lines. The reference
below is the reader as it was before them; every generated body must read the same.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from streams.core import text as textmod
from streams.core.parse import transmission

EXAMPLES = int(os.environ.get("WIRE_HYPOTHESIS_EXAMPLES", "300"))

_TERMINATOR = re.compile(r"\s*=\s*$")


def _reference(raw: str) -> list[tuple[str, bool, bool, bool]]:
    out = []
    for line in textmod.strip_controls(textmod.fix_mojibake(raw)).split("\n"):
        indented = line.startswith(("\t", "  "))
        s = line.strip()
        caret = s.startswith("^")
        if caret:
            s = s[1:].lstrip()
        if s.endswith("<"):
            s = s[:-1].rstrip()
        terminated = bool(_TERMINATOR.search(s)) and len(s) > 1
        if terminated:
            s = _TERMINATOR.sub("", s)
        out.append((textmod.clean_inline(s), caret, indented, terminated))
    return out


def _read(raw: str) -> list[tuple[str, bool, bool, bool]]:
    return [(x.text, x.caret, x.indented, x.terminated) for x in transmission._lines(raw)]


# The characters the two tests could disagree on: every kind of space (Unicode, controls
# str.strip and ``\s`` both count as space, line and paragraph separators), the markers.
_ALPHABET = st.sampled_from(
    list(" \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200b\u2028\u2029\u202f\u3000")
    + list("^<=>=^a\x00\x01\x7f\ufeffé")
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, max_size=40))
@example("=")
@example(" = ")
@example("^=")
@example("^ =")
@example("a==")
@example("a = =")
@example("=<")
@example("^\u3000=\u3000<")
@example("\t\n  \n\u2028=\n\x1c\n^\n<\n")
def test_lines_read_as_before_the_regex_and_blank_line_changes(raw: str) -> None:
    assert _read(raw) == _reference(raw)
