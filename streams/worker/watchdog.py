"""A CPU-time bound on one raw message's stage-1 work (parse, geo, features).

Stage 1 is linear in its input by design, and `bench/hostile_bench.py` holds it under
1 s/MB for every shape we know, with raw messages capped at 4 MiB. A shape we do not know
can still be super-linear: session 32's fuzz found a line regex that took over a minute on
one 120 KB line, and would have held its partition for most of an hour at 1 MiB. So each
message runs under a watchdog: past ``WIRE_MESSAGE_CPU_SECONDS`` of process CPU time the
work is interrupted and the message becomes a dead letter (:class:`~streams.errors.MessageTooSlow`,
reason ``too-slow``, with its raw bytes), and the partition moves on.

CPU time, not wall time (``ITIMER_VIRTUAL``): a loaded machine slows every message, and the
bound is about the input, not the machine. It is the user CPU time of the whole process, all
its threads (aiokafka's consumer thread, RocksDB's; the native geo scan lets go of the GIL,
so they run beside it), so a busy worker reaches it sooner than the message alone would, by
at most the other threads' share of the cores: the default's margin covers that.

The interruption is a signal handler raising in the main thread, so it reaches Python code
and regular expressions (the ``re`` engine checks for signals as it runs), which is where
super-linear work has been found; a loop inside compiled (mypyc) or native (Rust) code
finishes before the handler runs. With the compiled core, stage 1 also reaches interpreted code
once an item (the stage timer, ``Stats.on_stage_time``), so a message of many items stops at
its next item: in-process, with a 50 ms bound, the hostile catalogue's three payloads over
0.1 s of CPU (HTML `deep-span`, `adoption-agency`, `select-options`, 1 MB) stopped at
0.11-0.19 s, and a 1,000-item RSS feed (0.23 s) at 0.054 s. The handler raises only while a
message is guarded, so a
late signal cannot hit anything else. Past the bound the signal repeats
(:data:`REPEAT_SECONDS`) until the block ends: Python drops an exception raised in a weak
reference's callback or a ``__del__`` that the garbage collector runs inside the block. The
work interrupted is pure (parse, tag, sketch) and leaves no partial state behind, except
caches, which store whole entries only.

Where signals cannot be used (not the main thread, or a platform without ``setitimer``),
the guard does nothing and says so once in the log; so does a block guarded from another
thread after the main thread's (the handler would raise in the main thread, elsewhere).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from streams.errors import MessageTooSlow

log = logging.getLogger(__name__)

#: The default ``WIRE_MESSAGE_CPU_SECONDS``: the slowest known shapes take about 1 s/MB
#: (quiet machine, interpreted core; the compiled core is faster), so a 4 MiB message about
#: 4 s of CPU; five times that is no legitimate message.
DEFAULT_MESSAGE_CPU_SECONDS = 20.0

#: Once the bound is passed, the signal comes again after each of these CPU seconds until
#: the block ends. Its exception is raised in whatever Python code the main thread runs
#: next, and inside a block that can be a weak reference's callback or a ``__del__`` run by
#: the garbage collector (Faust's messages have both), where Python prints the exception and
#: drops it: one signal alone left such a block unbounded.
REPEAT_SECONDS = 0.05


class Watchdog:
    """Interrupts a guarded block after ``seconds`` of process CPU time; 0 disables it."""

    def __init__(self, seconds: float = DEFAULT_MESSAGE_CPU_SECONDS) -> None:
        self.seconds = seconds
        #: Messages interrupted so far.
        self.fired = 0
        self._armed = False
        self._fired_here = False  # the block under way was interrupted (``fired`` once)
        self._installed = False
        self._unusable = False
        self._main = threading.main_thread().ident
        self._told_thread = False

    def _usable(self) -> bool:
        if self.seconds <= 0 or self._unusable:
            return False
        if self._installed:
            if threading.get_ident() == self._main:
                return True
            # The handler raises in the main thread: armed from another, it would interrupt
            # whatever the main thread runs (the event loop), not this block.
            if not self._told_thread:
                self._told_thread = True
                log.warning("a block guarded outside the main thread runs without a CPU bound")
            return False
        if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "setitimer"
        ):
            self._unusable = True
            log.warning(
                "no per-message CPU bound (WIRE_MESSAGE_CPU_SECONDS): stage 1 does not run "
                "in the main thread, or this platform has no setitimer"
            )
            return False
        signal.signal(signal.SIGVTALRM, self._expired)
        self._installed = True
        return True

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if not self._armed:  # the guarded block ended just before the signal ran
            return
        if not self._fired_here:
            self._fired_here = True
            self.fired += 1
        raise MessageTooSlow(
            f"stage 1 took more than {self.seconds:g} s of CPU on this message "
            "(WIRE_MESSAGE_CPU_SECONDS): a pathological input. Its raw bytes are in this dead "
            "letter; report them, since no input of this size should take that long"
        )

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Run the block under the bound; raises :class:`MessageTooSlow` from inside it."""
        if not self._usable():
            yield
            return
        self._fired_here = False
        signal.setitimer(signal.ITIMER_VIRTUAL, self.seconds, REPEAT_SECONDS)
        self._armed = True
        try:
            yield
        finally:
            self._armed = False
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
