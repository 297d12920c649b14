"""``export-png`` on two cores: a helper process paints the image from the bottom up.

Painting a board is Python calling QPainter call after call, so in one process it holds the GIL
and uses one core, however many threads there are (measured: two painting threads are slower
than one). A second process paints in parallel for real: on a 2,000-card board the export
takes about a quarter less time.

The helper is forked after the plan is read and before Qt is imported, so it starts with the
records in memory and no Qt, threads or windows to inherit. It starts Qt itself, lays out the
same board (same records, same options, same fonts: the same strips) and paints strips from
the bottom up, sending each, compressed, down a pipe (``png_stream.write_record``), while the
parent paints from the top down and takes the helper's strips once it reaches them. Neither
waits for the other: they meet wherever their speeds make them meet, and whatever the helper
has not sent, because it is slow, hung, died or painted another layout, the parent paints
itself, so the file is the same either way, byte for byte.

Only where fork is safe and useful: Linux, two or more cores for this process, no Qt loaded
and no other thread running yet (the tests' own process, with its QApplication, paints alone).
``OKR_PLANNER_EXPORT_PROCESSES=1`` keeps an export in one process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from ui.board.png_stream import Strip

PROCESSES_ENV = "OKR_PLANNER_EXPORT_PROCESSES"


def can_fork() -> bool:
    """Whether a helper process may be forked here and now (see the module's docstring)."""
    if os.environ.get(PROCESSES_ENV, "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if len(os.sched_getaffinity(0)) < 2:
        return False
    return "PySide6.QtCore" not in sys.modules and threading.active_count() == 1


class PaintHelper:
    """The parent's end of a helper process: strips by index, as the helper sends them."""

    def __init__(self, pid: int, fd: int) -> None:
        from ui.board.png_stream import read_records  # no Qt; imported before the thread runs

        self._records = read_records
        self.pid = pid
        self._file = os.fdopen(fd, "rb")
        self._strips: dict[int, Strip] = {}
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, name="png-helper", daemon=True)
        self._reader.start()

    def strip(self, index: int) -> Strip | None:
        with self._lock:
            return self._strips.pop(index, None)

    def _read(self) -> None:
        # A helper that died half-way ends the stream early, or with a record cut short: the
        # parent paints whatever is missing.
        with contextlib.suppress(OSError, ValueError):
            for index, strip in self._records(self._file):
                with self._lock:
                    self._strips[index] = strip

    def close(self) -> None:
        """Stop the helper if it is still at work (it paints until stopped) and reap it."""
        with contextlib.suppress(OSError):  # already gone
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self._reader.join()
        self._file.close()


def start_helper(work: Callable[[BinaryIO], None]) -> PaintHelper | None:
    """Fork a process that runs ``work(pipe)`` and exits; None where that cannot be done
    (``can_fork``) or the fork fails, and the caller paints every strip itself.

    The helper's own output goes nowhere: what it could print (a font warning, say) the parent
    prints too. Whatever happens in it, it leaves through ``os._exit``: no exit handlers, no
    buffers of the parent's flushed twice.
    """
    if not can_fork():
        return None
    read_fd, write_fd = os.pipe()
    # The helper shares the parent's memory page by page until either writes to a page: the
    # collector's passes over every object would copy them all into the helper. Objects made
    # so far (the plan's records among them) are left out of its passes in both processes.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the helper
        code = 1
        try:
            os.close(read_fd)
            quiet = os.open(os.devnull, os.O_WRONLY)
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            with os.fdopen(write_fd, "wb") as out:
                work(out)
            code = 0
        except BaseException:
            pass  # the parent paints what is missing
        finally:
            os._exit(code)
    os.close(write_fd)
    return PaintHelper(pid, read_fd)
