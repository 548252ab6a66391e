"""Regenerate ``streams/data/geo/lang_town_words.tsv``: names of the small home-language towns
(``Gazetteer.lang_towns``, 5,000 to 15,000 people) that are ordinary words of the language
("Kirchen" in German: "in Kirchen und Schulen"; session 22, hgeo38). The gazetteer leaves
them out of ``lang_towns``, so a preposition before the word locates nothing.

    python bench/tools/build_lang_town_words.py [--dicts DIR] [--out FILE]

The same Debian word lists and the same test of an ordinary word as
``build_home_words.py`` (a lower-case entry; in German a capitalised entry opening
compounds); without ``--dicts`` they are fetched with ``apt-get download``. Only the
intersection is written; the dictionaries never enter the project.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_home_words as home

from streams.core.geo import gazetteer
from streams.core.geo.text import fold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicts", type=Path, help="unpacked packages (else apt-get download)")
    parser.add_argument("--versions", default="", help="pkg=ver,... when --dicts is given")
    parser.add_argument(
        "--out", type=Path, default=gazetteer.DATA_DIR / "lang_town_words.tsv", help="output"
    )
    args = parser.parse_args()
    out = args.out
    # Built without the file, so every candidate is seen.
    out.write_text("", encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        if args.dicts:
            root = args.dicts
            versions = dict(v.split("=", 1) for v in args.versions.split(",") if v)
        else:
            root = Path(tmp)
            versions = home.fetch(root)
        gaz = gazetteer._build()
        rows: list[tuple[str, str]] = []
        for lang, groups in sorted(home.SOURCES.items()):
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
        '# language: left out of lang_towns, so "in Kirchen" locates nothing. Generated, do not',
        "# edit: regenerate with `python bench/tools/build_lang_town_words.py` (README.md here).",
        "# Sources (Debian bookworm): "
        + ", ".join(f"{p} {v}" for p, v in sorted(versions.items())),
        "# language<TAB>folded name",
    ]
    out.write_text("\n".join([*head, *("\t".join(r) for r in rows)]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
