"""Regenerate ``streams/data/geo/legislators.tsv``: members of national legislatures from an
EveryPolitician data snapshot, as weak country evidence (issue #16, session 36, hgeo97).

    python bench/tools/build_legislators.py GIT_DIR [--out FILE] [--rejects FILE]

``GIT_DIR`` is a git directory of ``everypolitician/everypolitician-data`` (or a fork): its
``countries.json`` and each legislature's ``ep-popolo-v1.0.json`` are read with ``git show``
from HEAD. The snapshot is needed only here; the service reads the committed file.
Licence: the repository states none (no LICENSE file; its README points to everypolitician.org);
EveryPolitician is commonly described as CC0, which could not be verified from here (session 36).
Only names of office-holders and their country are written: facts, no text.

A name is written when:

- its country's code is ISO 3166-1 alpha-2 (sub-national and disputed bodies with codes such
  as ``GB-SCT``, ``GE-AB`` are left out) and the person holds a membership of the latest
  legislative period of one of the country's legislatures;
- it has two words or more, each a capitalised word of letters (hyphens and apostrophes
  inside), no initials, titles, brackets or all-capital words;
- no legislator of another country has the same folded name;
- not every word is a census first name or surname of ``UNDER_FLOOR_NAME_MIN_PERCENT``
  (the ``names`` package: "John Smith", "Paul Ryan", "Maria Lopez" stay out);
- not every word (hyphens splitting words) is a word of legislators' names of
  ``PAN_NATIONAL_COUNTRIES`` countries or more: a common name in many countries ("Moussa
  Cissé", "Mahdi Ali Osman", "Paulo Sá", "Kim Il");
- it is not in ``legislators_out.txt`` (hand-written: office-holders now in an international
  post, namesakes better known as someone else);
- no word is a country, demonym, area or listed leader's term (the name would swallow a
  country's mention), and the whole name is no gazetteer term of any kind or language
  (a place, club, firm, leader, metonym: one reading only).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from streams.core.geo import gazetteer
from streams.core.geo.text import fold

OUT = Path(__file__).resolve().parents[2] / "streams" / "data" / "geo" / "legislators.tsv"

#: A capitalised word of letters, hyphens and apostrophes inside ("O'Neill", "Al-Hassan").
_WORD = re.compile(r"^[^\W\d_][^\W\d_]*(?:[-'’][^\W\d_]+)*$")
_TITLES = {"dr", "hon", "mr", "mrs", "ms", "sir", "dame", "lord", "lady", "prof", "rev", "sen"}
#: Kinds whose term must not be a word of a name: the name would hide the country.
_COUNTRY_KINDS = {"country", "demonym", "area", "leader", "metonym"}
#: A word in legislators' names of this many countries is a common name across countries.
PAN_NATIONAL_COUNTRIES = 3


def _show(git_dir: str, path: str) -> bytes | None:
    """The file at HEAD, or None where the snapshot lacks it (a mirror may leave out its
    largest files)."""
    done = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True
    )
    return done.stdout if done.returncode == 0 else None


def _shaped(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and all(
            len(w) >= 2 and _WORD.match(w) and w[0].isupper() and not w.isupper() for w in words
        )
        and not any(w.lower().rstrip(".") in _TITLES for w in words)
    )


def collect(git_dir: str) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Folded name -> {ISO2: spelling} of the members of each country's latest periods."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    periods: list[str] = []
    for country in json.loads(_show(git_dir, "countries.json") or b"[]"):
        iso = country["code"]
        if not re.fullmatch(r"[A-Z]{2}", iso):
            continue
        for leg in country["legislatures"]:
            terms = sorted(leg["legislative_periods"], key=lambda p: p.get("start_date", ""))
            if not terms:
                continue
            latest = terms[-1]["id"]
            periods.append(f"{iso} {leg['slug']} {latest} {terms[-1].get('start_date', '')}")
            raw = _show(git_dir, leg["popolo"])
            if raw is None:
                periods.append(f"{iso} {leg['slug']} missing from the snapshot")
                continue
            popolo = json.loads(raw)
            members = {
                m["person_id"]
                for m in popolo["memberships"]
                if m.get("legislative_period_id") == latest
            }
            for person in popolo["persons"]:
                if person["id"] in members:
                    name = " ".join(str(person.get("name", "")).split())
                    names[" ".join(fold(name).split())].setdefault(iso, name)
    return names, periods


def select(names: dict[str, dict[str, str]]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The safe names (folded -> (spelling, ISO2)) and why each other name was left out."""
    gaz = gazetteer._build()
    common = gazetteer._first_names(
        ("dist.all.last", "dist.male.first", "dist.female.first"),
        gazetteer.UNDER_FLOOR_NAME_MIN_PERCENT,
    )
    # Every term but those this file's earlier run added.
    taken = (set(gaz.terms) - gaz.legislators) | {
        k for terms in gaz.lang_terms.values() for k in terms
    }
    blocking = {k for k, t in gaz.terms.items() if t.kind in _COUNTRY_KINDS and " " not in k}
    out = {" ".join(fold(row[0]).split()) for row in gazetteer._rows("legislators_out.txt")}
    spread: dict[str, set[str]] = defaultdict(set)
    for key, by_iso in names.items():
        for word in key.replace("-", " ").split():
            spread[word].update(by_iso)
    keep: dict[str, tuple[str, str]] = {}
    why: dict[str, str] = {}
    for key, by_iso in sorted(names.items()):
        spelling = next(iter(by_iso.values()))
        words = key.split()
        if len(by_iso) > 1:
            why[key] = "countries:" + "|".join(sorted(by_iso))
        elif not _shaped(spelling):
            why[key] = "shape"
        elif all(w in common for w in words):
            why[key] = "census"
        elif all(len(spread[w]) >= PAN_NATIONAL_COUNTRIES for w in key.replace("-", " ").split()):
            why[key] = "pan-national"
        elif key in out:
            why[key] = "hand"
        elif any(w in blocking for w in words):
            why[key] = "country-word"
        elif key in taken or key in gaz.full_names:
            why[key] = "term"
        else:
            keep[key] = (spelling, next(iter(by_iso)))
    return keep, why


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--rejects", type=Path)
    args = ap.parse_args()
    names, periods = collect(args.git_dir)
    keep, why = select(names)
    commit = subprocess.run(
        ["git", "--git-dir", args.git_dir, "log", "-1", "--format=%H %cs"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split()
    header = [
        "# name\tISO2\t(members of national legislatures, latest legislative period in the",
        "# EveryPolitician data (everypolitician/everypolitician-data; licence: see README.md),"
        " snapshot"
        f" {commit[0]} of {commit[1]};",
        "# generated by bench/tools/build_legislators.py, filters in its docstring and in"
        " README.md; weak evidence like leaders.tsv)",
    ]
    rows = sorted((spelling, iso) for spelling, iso in keep.values())
    args.out.write_text("\n".join(header + [f"{s}\t{i}" for s, i in rows]) + "\n", encoding="utf-8")
    if args.rejects:
        args.rejects.write_text(
            "".join(f"{k}\t{v}\n" for k, v in sorted(why.items())), encoding="utf-8"
        )
    counts: dict[str, int] = defaultdict(int)
    for reason in why.values():
        counts[reason.split(":")[0]] += 1
    for line in periods:
        if "missing" in line:
            print(line, file=sys.stderr)
    print(
        f"{len(periods)} legislatures, {len(names)} names, {len(keep)} kept; left out: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
