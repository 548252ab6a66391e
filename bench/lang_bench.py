"""Language detection on the real-news corpus: the cheap guess against lingua, accuracy and cost.

    python bench/lang_bench.py

For every dev and held-out row of the geo corpus (headline and body, as the pipeline sees
them): how often each detector names the labelled language, and CPU microseconds per item.
lingua-language-detector is optional (``pip install lingua-language-detector``); it is built
for the corpus's 13 languages in its low-accuracy mode (the faster one), and its start-up
time and the process's resident memory after loading it are printed too.
"""

from __future__ import annotations

import importlib
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import corpus
from streams.core import lang

LANGS = ("en", "de", "fr", "es", "it", "pt", "fi", "da", "no", "sv", "ar", "tr", "nl")


def measure(name: str, detect: Callable[[str], str | None], texts: list[tuple[str, str]]) -> None:
    detect(texts[0][1])
    start = time.process_time()
    right = sum(detect(text) == code for code, text in texts)
    cost = (time.process_time() - start) / len(texts) * 1e6
    print(f"{name:<28}{right:>5}/{len(texts):<5}{cost:>12.0f} µs/item")


def lingua_detector() -> Callable[[str], str | None] | None:
    try:
        mod: Any = importlib.import_module("lingua")
    except ImportError:
        return None
    codes = {"no": "BOKMAL"}
    wanted = [getattr(mod.IsoCode639_1, codes.get(c, c).upper(), None) for c in LANGS]
    start = time.process_time()
    builder = mod.LanguageDetectorBuilder.from_iso_codes_639_1(
        *[c for c in wanted if c is not None], mod.IsoCode639_1.NN
    )
    detector = builder.with_low_accuracy_mode().build()
    detector.detect_language_of("warm up")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"lingua load {time.process_time() - start:.2f} s CPU, max RSS after {rss:.0f} MB")

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return lang.normalise(found.iso_code_639_1.name.lower()) if found else None

    return detect


def main() -> int:
    if not corpus.available("geo_multilingual"):
        print(f"no corpus at {corpus.CORPUS_DIR}", file=sys.stderr)
        return 2
    texts = [
        (str(r["lang"]), f"{r['headline']}\n{r['body']}")
        for name in ("geo_en", "geo_multilingual")
        for r in corpus.rows(name, "all")
    ]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} items; max RSS before any detector {rss:.0f} MB")
    measure("streams.core.lang (guess)", lang.detect, texts)
    lingua = lingua_detector()
    if lingua is None:
        print("lingua-language-detector is not installed: skipped")
    else:
        measure("lingua, low accuracy", lingua, texts)
        measure("lingua, first 700 chars", lambda t: lingua(t[: lang.SAMPLE_CHARS]), texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
