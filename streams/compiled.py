"""The compiled core: hot pure-core modules built by mypyc, loaded only when they match the code.

mypyc (shipped with the pinned mypy) compiles typed Python modules to C extensions with the
same behaviour; the interpreter's own frame, attribute and allocation work, which is most of
what the pure pipeline still costs (issue #17), mostly goes away. ``streams/dev/compile_core.py``
builds :data:`MODULES` into ``.cache/mypyc/<digest>/`` of the source checkout, where the digest
(:func:`source_digest`) covers every source the build read, the module list, and the mypy and
Python versions.

This module is never compiled itself: ``streams/__init__.py`` calls :func:`install` before any
``streams.core`` module is imported. It hashes the sources on disk and, only when a finished
build of exactly that digest exists, puts a meta-path finder first that maps each compiled
module (and the build's shared library) to its extension file. A checkout with an edited
source, a stale or missing build, an installed wheel (no ``.cache``), or ``WIRE_COMPILED=0``
runs the interpreted modules: never code older than the sources.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

#: The modules compiled, chosen by measured gain per build second (bench/README.md, "The
#: compiled core"). A module whose tests patch its classes or functions cannot be here
#: unless those tests patch at a seam the compiled code calls through: ``geo/matcher.py`` is
#: left out because ``bench/geo_cv.py --unseen`` wraps ``Matcher.find`` on the instance (its
#: scan is the native core's anyway). Stage 2 and the glue (the deduper, its index and
#: hand-off, ``identity``, ``dispatch``, ``pipeline``) were added in session 25, once the
#: interpreted share of a story was mostly theirs: their tests observe the second chance
#: instead of spying on ``Deduper._flooded``, and fail ``Pipeline.encode`` through its
#: validator (a compiled method calls its class's own methods directly, not through a patch).
#: Session 26 added the model (no test patches its dataclasses; each writes out ``__init__``,
#: which mypyc compiles), ``parse/dates`` and ``jsonio`` (interpreted frames per item), and
#: ``dedup/remote`` (the deduper tests ``RemoteStories``' truth twice an item). Session 29
#: added ``parse/xmlsafe``: the feed, NITF and NewsML readers (compiled) call its ``child``,
#: ``text`` and ``local`` some 30 times an RSS entry, each an interpreted frame.
MODULES: tuple[str, ...] = (
    "streams.core.geo.tagger",
    "streams.core.geo.context",
    "streams.core.geo.text",
    "streams.core.geo.scoring",
    "streams.core.geo.terms",
    "streams.core.text",
    "streams.core.parse.plaintext",
    "streams.core.parse.build",
    "streams.core.parse.ninjs",
    "streams.core.parse.feeds",
    "streams.core.parse.markers",
    "streams.core.parse.base",
    "streams.core.dedup.sketch",
    "streams.core.lang",
    "streams.core.dedup.deduper",
    "streams.core.dedup.index",
    "streams.core.dedup.handoff",
    "streams.core.dedup.remote",
    "streams.core.identity",
    "streams.core.parse.dispatch",
    "streams.core.pipeline",
    "streams.core.model",
    "streams.core.parse.dates",
    "streams.core.parse.xmlsafe",
    "streams.jsonio",
)

#: Bump when the build's options change in a way the digest's inputs do not show.
BUILD_FORMAT = 1
#: Written last into a build directory: a directory without it is an unfinished build.
DONE = "BUILT"
#: The name of the build's shared library module (``<GROUP>__mypyc``), stable per build dir.
GROUP = "wirestream_core"

ROOT = Path(__file__).resolve().parent.parent


def source_files(root: Path = ROOT) -> list[Path]:
    """Every source the build reads: mypyc bakes in the types (and literal ``Final`` values) of
    the modules the compiled ones import, so all of ``streams/core`` and the few top-level
    modules it imports are hashed, not only :data:`MODULES`."""
    pkg = root / "streams"
    files = sorted((pkg / "core").rglob("*.py"))
    files += [pkg / name for name in ("__init__.py", "errors.py", "jsonio.py", "settings.py")]
    stub = root / "native" / "wirestream_native.pyi"
    if stub.is_file():
        files.append(stub)
    return files


def mypy_version() -> str:
    """The installed mypy's version, read from its ``version.py`` without importing mypy or
    scanning the installed distributions (either costs tens of ms at every start)."""
    spec = importlib.util.find_spec("mypy")
    if spec is None or not spec.origin:
        return "none"
    try:
        text = (Path(spec.origin).parent / "version.py").read_text(encoding="utf-8")
    except OSError:
        return "unknown"
    found = re.search(r"^__version__ = [\"']([^\"']+)", text, re.M)
    return found.group(1) if found else "unknown"


def source_digest(root: Path = ROOT, modules: Sequence[str] = MODULES) -> str:
    """The build's key: sources on disk, the module list, mypy and Python versions."""
    digest = hashlib.sha256(
        f"{BUILD_FORMAT}\0{sys.version}\0{importlib.machinery.EXTENSION_SUFFIXES[0]}\0"
        f"{mypy_version()}\0{','.join(modules)}".encode()
    )
    for path in source_files(root):
        digest.update(b"\0" + str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def build_root(root: Path = ROOT) -> Path:
    """Where builds are kept: ``.cache/mypyc`` of the source checkout."""
    return root / ".cache" / "mypyc"


def extension_path(build: Path, module: str) -> Path:
    """The extension file of a module (or of the shared library) inside a build directory."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    return build.joinpath(*module.split(".")).with_name(module.rsplit(".", 1)[-1] + suffix)


class _Finder(MetaPathFinder):
    """Maps the compiled modules' names to the build's extension files, nothing else."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


@dataclass(frozen=True)
class Mode:
    """Which core this process runs, and why: logged by the worker, shown by ``wire``."""

    compiled: bool
    detail: str
    #: The build's digest when compiled.
    build: str = ""

    def __str__(self) -> str:
        return f"{'compiled' if self.compiled else 'interpreted'} ({self.detail})"


_mode = Mode(False, "not checked")


def mode() -> Mode:
    """The mode :func:`install` chose for this process."""
    return _mode


def cache_tag() -> str:
    """A short stable name of the running core, for keys of caches that pickle its objects.

    Instances of a compiled class and of its interpreted twin do not pickle alike (a compiled
    class has no ``__dict__``), so a cache written in one mode must not be read in the other.
    """
    return f"compiled:{_mode.build}" if _mode.compiled else "interpreted"


def finder_for(root: Path, modules: Sequence[str] = MODULES) -> tuple[_Finder | None, str, str]:
    """The finder for the build matching ``root``'s sources (None and the reason if none),
    the reason or what is loaded, and the sources' digest."""
    try:
        digest = source_digest(root, modules)
    except OSError as exc:
        return None, f"sources unreadable: {exc}", ""
    build = build_root(root) / digest
    if not (build / DONE).is_file():
        return None, f"no build for sources {digest}", digest
    files = {name: extension_path(build, name) for name in modules}
    files[f"{GROUP}__mypyc"] = extension_path(build, f"{GROUP}__mypyc")
    missing = [name for name, file in files.items() if not file.is_file()]
    if missing:
        return None, f"build {digest} lacks {missing[0]}", digest
    return _Finder(files), f"build {digest}, {len(modules)} modules", digest


def install(root: Path = ROOT, modules: Sequence[str] = MODULES) -> Mode:
    """Put the compiled modules first on the import path when their build matches the sources.

    Does nothing (interpreted) under ``WIRE_COMPILED=0``, without a matching build, or when a
    compiled module was already imported interpreted (two copies of a class must not mix).
    """
    global _mode
    if os.environ.get("WIRE_COMPILED", "1") == "0":
        _mode = Mode(False, "WIRE_COMPILED=0")
        return _mode
    if any(isinstance(f, _Finder) for f in sys.meta_path):
        return _mode
    loaded = [name for name in modules if name in sys.modules]
    if loaded:
        _mode = Mode(False, f"{loaded[0]} imported before the finder")
        return _mode
    finder, detail, digest = finder_for(root, modules)
    if finder is not None:
        sys.meta_path.insert(0, finder)
    _mode = Mode(finder is not None, detail, digest if finder is not None else "")
    return _mode


def is_compiled(module: str) -> bool:
    """Whether an imported module runs compiled (its file is an extension)."""
    file = getattr(sys.modules.get(module), "__file__", None) or ""
    return file.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
