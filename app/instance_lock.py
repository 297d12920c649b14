"""One editing window per plan file: an OS advisory lock on ``<plan>.lock`` beside the plan.

The lock is ``flock`` on POSIX and ``msvcrt.locking`` on Windows. Both belong to the open file,
so the operating system drops them when the process dies: a crash or a kill never leaves a stale
lock behind, whatever the lock file on disk says. A separate file, rather than a lock on the
database itself, keeps clear of the byte-range locks SQLite takes on the plan.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held while a window edits the plan; ``release`` (or process exit) lets the next one in."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            # Unlink while still holding the lock: a process that opened the old file notices
            # the path changed (see _try_acquire) and retries on a fresh file.
            with contextlib.suppress(OSError):
                self.path.unlink()
        else:  # pragma: no cover - Windows
            import msvcrt

            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)

    def __del__(self) -> None:  # a forgotten lock goes with its object, as with process exit
        with contextlib.suppress(Exception):
            self.release()


def acquire(db_path: Path) -> InstanceLock | None:
    """The lock for ``db_path``, or None when another process (or window) holds it.

    A folder where no lock file can be created (read-only media) yields an inert lock: there is
    nobody to protect against there, and opening goes on to fail or succeed on its own terms.
    """
    path = lock_path(db_path)
    for _ in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return InstanceLock(path, None)
        result = _try_acquire(path, fd)
        if result is True:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            return InstanceLock(path, fd)
        os.close(fd)
        if result is False:
            return None
    return None


def _try_acquire(path: Path, fd: int) -> bool | None:
    """True: locked. False: someone else holds it. None: the file was replaced; try again."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    try:
        same = os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        same = False
    return True if same else None
