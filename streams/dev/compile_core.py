"""Build the compiled core: mypyc over ``streams.compiled.MODULES`` into ``.cache/mypyc/<digest>/``.

Run by ``make venv`` (so ``make run``, ``make test`` and a fresh clone get it) and by hand:
``.venv/bin/python -m streams.dev.compile_core``. Nothing is done when a build of the sources'
digest exists. The C files are compiled two at a time (the machine's two cores); the build
goes to a temporary directory renamed into place when complete, so a process never sees half
a build and two checkouts sharing ``.cache`` may build at once. Older builds are removed,
except the newest few (other worktrees sharing ``.cache`` may still use them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from streams import compiled

#: Builds kept besides the new one (worktrees sharing one .cache run different sources).
KEEP = 6


def _parallel_compile(compiler: Any, jobs: int) -> None:
    """Make ``compiler.compile`` compile its sources ``jobs`` at a time (one gcc per file)."""
    serial = compiler.compile

    def compile_all(sources: list[str], *args: Any, **kwargs: Any) -> list[str]:
        if len(sources) < 2:
            return list(serial(sources, *args, **kwargs))
        with ThreadPoolExecutor(jobs) as pool:
            parts = pool.map(lambda src: serial([src], *args, **kwargs), sources)
            return [obj for part in parts for obj in part]

    compiler.compile = compile_all


def build(root: Path, jobs: int, verbose: bool) -> Path:
    """Compile the modules into the digest's directory (or find it built) and return it."""
    digest = compiled.source_digest(root)
    target = compiled.build_root(root) / digest
    if (target / compiled.DONE).is_file():
        print(f"compiled core: build {digest} is current")
        return target
    from mypyc.build import mypycify  # the build's own dependency, never imported at run time
    from setuptools import Distribution  # type: ignore[import-untyped]
    from setuptools.command.build_ext import build_ext  # type: ignore[import-untyped]

    started = time.monotonic()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{digest}-", dir=target.parent))
    paths = [str(Path(*name.split(".")).with_suffix(".py")) for name in compiled.MODULES]
    old_cwd = os.getcwd()
    os.environ["MYPYPATH"] = str(root / "native")  # the native core's stub
    try:
        os.chdir(root)
        extensions = mypycify(
            paths,
            opt_level="3",
            debug_level="0",
            multi_file=True,
            group_name=compiled.GROUP,
            target_dir=str(work / "c"),
            verbose=verbose,
        )
        generated = time.monotonic()

        class _BuildExt(build_ext):  # type: ignore[misc]
            def build_extension(self, ext: Any) -> None:
                _parallel_compile(self.compiler, jobs)
                super().build_extension(ext)

        dist = Distribution({"name": "wirestream-compiled-core", "ext_modules": extensions})
        dist.cmdclass["build_ext"] = _BuildExt
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = str(work / "lib")
        cmd.build_temp = str(work / "tmp")
        cmd.ensure_finalized()
        cmd.run()
    finally:
        os.chdir(old_cwd)
    (work / "lib" / compiled.DONE).write_text(
        f"{digest}\n" + "\n".join(compiled.MODULES) + "\n", encoding="utf-8"
    )
    try:
        (work / "lib").rename(target)
    except OSError:  # another checkout finished the same build first
        if not (target / compiled.DONE).is_file():
            raise
    shutil.rmtree(work, ignore_errors=True)
    _prune(target)
    done = time.monotonic()
    print(
        f"compiled core: built {digest} in {done - started:.0f} s "
        f"(mypyc {generated - started:.0f} s, C {done - generated:.0f} s)"
    )
    return target


def _prune(keep: Path) -> None:
    """Remove old builds, leaving the newest :data:`KEEP` others and stale temporary dirs."""
    now = time.time()
    others = sorted(
        (p for p in keep.parent.iterdir() if p.is_dir() and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    finished = [p for p in others if not p.name.startswith(".")]
    stale = [p for p in others if p.name.startswith(".") and now - p.stat().st_mtime > 3600]
    for old in finished[KEEP:] + stale:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m streams.dev.compile_core [--jobs N] [--verbose]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    build(compiled.ROOT, args.jobs, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
