"""SIGTERM and SIGHUP (a closed terminal, `kill`, a service manager) stop a scan the way Ctrl-C does:
as an exception in the main thread, so that the workers are stopped and joined, the temporary output
file is handled and the output says the review was interrupted. Without this they end the process on
the spot and leave its workers running."""
from __future__ import annotations

import contextlib
import signal


class Stopped(KeyboardInterrupt):
    """The process got SIGTERM or SIGHUP; `exit_code` is the shell's 128 + signal number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.exit_code = 128 + signum


def _raise(signum, frame):
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals():
    """Within the block, SIGTERM and SIGHUP raise Stopped (a KeyboardInterrupt)."""
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, _raise) for s in wanted}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def ignore_signals() -> None:
    """While the partial output is written after an interruption, a second signal must not cut it."""
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
