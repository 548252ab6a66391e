"""Regenerate ``streams/data/geo/lang_town_words.tsv``: names of the small home-language towns
(``Gazetteer.lang_towns``, 5,000 to 15,000 people) that are ordinary words of the language
("Kirchen" in German: "in Kirchen und Schulen"; session 22, hgeo38). The gazetteer leaves
them out of ``lang_towns``, so a preposition before the word locates nothing.

    python bench/tools/build_lang_town_words.py [--dicts DIR] [--out FILE] [--only LANG,...]

The same Debian word lists and the same test of an ordinary word as
``build_home_words.py`` (a lower-case entry; in German a capitalised entry opening
compounds); without ``--dicts`` they are fetched with ``apt-get download``. Only the
intersection is written; the dictionaries never enter the project.

Language ``en`` (session 35, hgeo95): the English small towns under GeoNames' 15,000 floor
that the rule ``small-town`` reads (``gazetteer.small_home_towns_under_floor``), against
Debian's ``wamerican`` and ``wbritish`` lists; every entry counts, capitalised ones too
("Atlantic", "August": a proper adjective or a month is no town either). ``--only en``
rewrites that language's rows and keeps the others' (and their sources) as they are.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_home_words as home

from streams.core.geo import gazetteer
from streams.core.geo.text import fold

#: English word lists (package, path inside it); a town named like an entry of either is out.
EN_SOURCES = (
    ("wamerican", "usr/share/dict/american-english"),
    ("wbritish", "usr/share/dict/british-english"),
)


def _fetch_en(root: Path) -> dict[str, str]:
    """Download and unpack the English lists; return package -> version."""
    debs = root / "debs-en"
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *(p for p, _ in EN_SOURCES)], cwd=debs, check=True)
    versions: dict[str, str] = {}
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        name, version = (
            subprocess.run(
                ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
            ).stdout.strip()
            for field in ("Package", "Version")
        )
        versions[name] = version
    return versions


def _english_rows(gaz: gazetteer.Gazetteer, root: Path) -> list[tuple[str, str]]:
    """``en`` rows: candidate small towns whose folded name is an entry of either list."""
    words: set[str] = set()
    for _pkg, rel in EN_SOURCES:
        for w in home.entries(root / rel):
            words.add(" ".join(fold(w.removesuffix("'s")).split()))
    towns = gazetteer.small_home_towns_under_floor(gaz, set())
    return [("en", k) for k in sorted(towns) if k in words]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicts", type=Path, help="unpacked packages (else apt-get download)")
    parser.add_argument("--versions", default="", help="pkg=ver,... when --dicts is given")
    parser.add_argument(
        "--out", type=Path, default=gazetteer.DATA_DIR / "lang_town_words.tsv", help="output"
    )
    parser.add_argument("--only", default="", help="languages to rewrite (others kept)")
    args = parser.parse_args()
    out = args.out
    only = {x for x in args.only.split(",") if x}
    kept: list[tuple[str, str]] = []
    kept_versions: dict[str, str] = {}
    if only and out.is_file():
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.startswith("# Sources (Debian bookworm): "):
                for item in line.split(": ", 1)[1].split(", "):
                    pkg, _, ver = item.partition(" ")
                    if pkg not in {p for p, _ in EN_SOURCES} or "en" not in only:
                        kept_versions[pkg] = ver
            elif line.strip() and not line.startswith("#"):
                lang, key = line.split("\t")
                if lang not in only:
                    kept.append((lang, key))
    # Built without the file, so every candidate is seen.
    out.write_text("", encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        if args.dicts:
            root = args.dicts
            versions = dict(v.split("=", 1) for v in args.versions.split(",") if v)
        else:
            root = Path(tmp)
            versions = {} if only == {"en"} else home.fetch(root)
            if not only or "en" in only:
                versions.update(_fetch_en(root))
        versions = {**kept_versions, **versions}
        gaz = gazetteer._build()
        rows: list[tuple[str, str]] = list(kept)
        if not only or "en" in only:
            rows.extend(_english_rows(gaz, root))
        for lang, groups in sorted(home.SOURCES.items()):
            if only and lang not in only:
                continue
            towns = gaz.lang_towns.get(lang, {})
            if not towns:
                continue
            words = set.intersection(
                *(
                    home.ordinary_words(
                        lang, [w for _, rel in group for w in home.entries(root / rel)]
                    )
                    for group in groups
                )
            )
            keys = sorted({" ".join(fold(k).split()) for k in towns})
            rows.extend((lang, k) for k in keys if k in words)
    head = [
        "# Small home-language town names (Gazetteer.lang_towns) that are ordinary words of the",
        '# language: left out of lang_towns, so "in Kirchen" locates nothing; language en: the',
        "# English small towns under 15,000 people (Gazetteer.small_home_towns) that an English",
        "# list has, left out of them. Generated, do not",
        "# edit: regenerate with `python bench/tools/build_lang_town_words.py` (README.md here).",
        "# Sources (Debian bookworm): "
        + ", ".join(f"{p} {v}" for p, v in sorted(versions.items())),
        "# language<TAB>folded name",
    ]
    rows.sort()
    out.write_text("\n".join([*head, *("\t".join(r) for r in rows)]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
