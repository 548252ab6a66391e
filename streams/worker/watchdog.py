"""A CPU-time bound on one raw message's stage-1 work (parse, geo, features).

Stage 1 is linear in its input by design, and `bench/hostile_bench.py` holds it under
1 s/MB for every shape we know, with raw messages capped at 4 MiB. A shape we do not know
can still be super-linear: session 32's fuzz found a line regex that took over a minute on
one 120 KB line, and would have held its partition for most of an hour at 1 MiB. So each
message runs under a watchdog: past ``WIRE_MESSAGE_CPU_SECONDS`` of process CPU time the
work is interrupted and the message becomes a dead letter (:class:`~streams.errors.MessageTooSlow`,
reason ``too-slow``, with its raw bytes), and the partition moves on.

CPU time, not wall time (``ITIMER_VIRTUAL``): a loaded machine slows every message, and the
bound is about the input, not the machine. The interruption is a signal handler raising in
the main thread, so it reaches Python code and regular expressions (the ``re`` engine checks
for signals as it runs), which is where super-linear work has been found; a loop inside
compiled (mypyc) or native (Rust) code finishes before the handler runs. The handler raises
only while a message is guarded, so a late signal cannot hit anything else. The work
interrupted is pure (parse, tag, sketch) and leaves no partial state behind, except caches,
which store whole entries only.

Where signals cannot be used (not the main thread, or a platform without ``setitimer``),
the guard does nothing and says so once in the log.
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


class Watchdog:
    """Interrupts a guarded block after ``seconds`` of process CPU time; 0 disables it."""

    def __init__(self, seconds: float = DEFAULT_MESSAGE_CPU_SECONDS) -> None:
        self.seconds = seconds
        #: Messages interrupted so far.
        self.fired = 0
        self._armed = False
        self._installed = False
        self._unusable = False

    def _usable(self) -> bool:
        if self.seconds <= 0 or self._unusable:
            return False
        if self._installed:
            return True
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
        self._armed = False
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
        signal.setitimer(signal.ITIMER_VIRTUAL, self.seconds)
        self._armed = True
        try:
            yield
        finally:
            self._armed = False
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
