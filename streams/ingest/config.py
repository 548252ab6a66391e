"""The sources file (TOML): parsed and validated at start, every problem reported at once.

Pure: no faust, no aiokafka, no I/O beyond reading the file. A typo in a key is an
error (not a silently ignored option), because a misspelt ``interval`` would poll at
the default rate without anyone noticing. The format is documented in ``docs/ingest.md``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from streams.errors import ConfigError

KINDS = ("folder", "feed", "http")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
#: Shorter tokens are refused: guessable, and ``change-me``-style placeholders are short.
MIN_TOKEN_CHARS = 16


class SourcesError(ConfigError):
    """The sources file is missing or invalid; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class FolderSource:
    name: str
    path: Path
    #: Seconds a file's size and mtime must stay unchanged before it is taken.
    settle: float = 2.0
    #: Seconds between full rescans (a safety net under the file-system watch).
    rescan: float = 30.0
    format: str | None = None
    #: Silent longer than this (seconds without a new item) is shown as stale.
    expect_every: float = 3600.0
    kind: str = "folder"


@dataclass(frozen=True, slots=True)
class FeedSource:
    name: str
    url: str
    interval: float = 60.0
    #: Fraction of the interval added or removed at random, so many pollers do not align.
    jitter: float = 0.1
    #: Total seconds for one fetch, connect to last byte, redirects included.
    timeout: float = 20.0
    max_bytes: int = 8 * 1024 * 1024
    #: Allow the URL, or a redirect, to reach private, loopback or link-local addresses.
    allow_private: bool = False
    #: Longest wait between polls after repeated errors (exponential backoff).
    max_backoff: float = 900.0
    format: str | None = None
    expect_every: float = 0.0
    kind: str = "feed"

    @property
    def stale_after(self) -> float:
        return self.expect_every or max(600.0, 5 * self.interval)


@dataclass(frozen=True, slots=True)
class HttpSource:
    name: str
    #: Bearer token for ``POST /ingest/<name>``; required, on loopback too (docs/ingest.md).
    token: str = ""
    #: Pushes awaiting Kafka's acknowledgement before new ones get 429.
    max_inflight: int = 64
    format: str | None = None
    expect_every: float = 3600.0
    kind: str = "http"


Source = FolderSource | FeedSource | HttpSource

_TYPES: dict[str, dict[str, tuple[type, ...]]] = {
    "folder": {
        "path": (str,),
        "settle": (int, float),
        "rescan": (int, float),
        "format": (str,),
        "expect_every": (int, float),
    },
    "feed": {
        "url": (str,),
        "interval": (int, float),
        "jitter": (int, float),
        "timeout": (int, float),
        "max_bytes": (int,),
        "allow_private": (bool,),
        "max_backoff": (int, float),
        "format": (str,),
        "expect_every": (int, float),
    },
    "http": {
        "token": (str,),
        "token_env": (str,),
        "max_inflight": (int,),
        "format": (str,),
        "expect_every": (int, float),
    },
}
_REQUIRED = {"folder": ("path",), "feed": ("url",), "http": ()}


def weak_token(token: str) -> bool:
    """Too short to resist guessing, or one repeated character."""
    return len(token) < MIN_TOKEN_CHARS or len(set(token)) < 4


def load_sources(
    path: Path,
    env: Mapping[str, str] | None = None,
    *,
    public_bind: bool = False,
) -> list[Source]:
    """Read and validate the sources file; relative folder paths are relative to the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(
            f"cannot read the sources file {path} ({exc.strerror or exc}); "
            "set WIRE_INGEST_SOURCES or `wire ingest --sources FILE` (docs/ingest.md)"
        ) from exc
    return parse_sources(text, str(path), path.parent, env, public_bind=public_bind)


def parse_sources(
    text: str,
    where: str = "sources.toml",
    base: Path | None = None,
    env: Mapping[str, str] | None = None,
    *,
    public_bind: bool = False,
) -> list[Source]:
    """Parse sources-file text; raises :class:`SourcesError` listing every problem."""
    env = os.environ if env is None else env
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{where}: not valid TOML: {exc}") from exc
    problems: list[str] = []
    unknown_top = set(doc) - {"source"}
    if unknown_top:
        problems.append(f"unknown top-level key(s) {sorted(unknown_top)}; sources go in [[source]]")
    raw = doc.get("source", [])
    if not isinstance(raw, list) or not raw:
        problems.append("no [[source]] tables; declare at least one source")
        raw = []
    out: list[Source] = []
    names: set[str] = set()
    for index, table in enumerate(raw, start=1):
        label = f"source #{index}"
        if not isinstance(table, dict):
            problems.append(f"{label}: not a table")
            continue
        name = table.get("name")
        if isinstance(name, str):
            label = f"source {name!r}"
        src = _one(table, label, base, env, public_bind, problems)
        if src is None:
            continue
        if src.name in names:
            problems.append(f"{label}: the name is used twice; names must be unique")
        names.add(src.name)
        out.append(src)
    if problems:
        raise SourcesError(f"{where}: " + "; ".join(problems))
    return out


def _one(
    table: dict[str, Any],
    label: str,
    base: Path | None,
    env: Mapping[str, str],
    public_bind: bool,
    problems: list[str],
) -> Source | None:
    before = len(problems)
    name, kind = table.get("name"), table.get("kind")
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"{label}: name must be 1-64 characters of a-z 0-9 . _ - (got {name!r})")
    if kind not in KINDS:
        problems.append(f"{label}: kind must be one of {', '.join(KINDS)} (got {kind!r})")
        return None
    allowed = _TYPES[kind]
    for key in sorted(set(table) - set(allowed) - {"name", "kind"}):
        known = ", ".join(sorted(allowed))
        problems.append(f"{label}: unknown key {key!r} for a {kind} source (known: {known})")
    for key in _REQUIRED[kind]:
        if key not in table:
            problems.append(f"{label}: {key!r} is required for a {kind} source")
    values: dict[str, Any] = {}
    for key, types in allowed.items():
        if key not in table:
            continue
        value = table[key]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            problems.append(f"{label}: {key!r} must be {' or '.join(t.__name__ for t in types)}")
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            problems.append(f"{label}: {key!r} must not be negative")
            continue
        values[key] = value
    if len(problems) > before:
        return None
    try:
        return _build(str(name), kind, values, label, base, env, public_bind)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def _build(
    name: str,
    kind: str,
    v: dict[str, Any],
    label: str,
    base: Path | None,
    env: Mapping[str, str],
    public_bind: bool,
) -> Source:
    if kind == "folder":
        path = Path(v.pop("path")).expanduser()
        if base is not None and not path.is_absolute():
            path = base / path
        return FolderSource(name=name, path=path, **v)
    if kind == "feed":
        parts = urlsplit(v["url"])
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{label}: url must be an http:// or https:// address")
        if v.get("interval", 60.0) < 1:
            raise ValueError(f"{label}: interval must be at least 1 second")
        if not 0 <= v.get("jitter", 0.1) < 1:
            raise ValueError(f"{label}: jitter is a fraction of the interval, 0 to below 1")
        if v.get("timeout", 20.0) <= 0 or v.get("max_bytes", 1) <= 0:
            raise ValueError(f"{label}: timeout and max_bytes must be positive")
        return FeedSource(name=name, **v)
    token = v.pop("token", "")
    token_env = v.pop("token_env", "")
    if token and token_env:
        raise ValueError(f"{label}: give token or token_env, not both")
    if token_env:
        token = env.get(token_env, "")
        if not token:
            raise ValueError(f"{label}: token_env names {token_env}, which is not set")
    if token and weak_token(token):
        raise ValueError(
            f"{label}: the token is too weak (at least {MIN_TOKEN_CHARS} characters, not "
            "a placeholder); generate one: "
            "python -c 'import secrets; print(secrets.token_urlsafe())'"
        )
    if not token:
        # Even on loopback: any web page the user visits can POST text/plain to 127.0.0.1.
        where = "beyond loopback" if public_bind else "on loopback too"
        raise ValueError(f'{label}: an http source needs a token, {where} (token_env = "...")')
    if v.get("max_inflight", 64) < 1:
        raise ValueError(f"{label}: max_inflight must be at least 1")
    return HttpSource(name=name, token=token, **v)
