"""Writing an output file (an export, a report, a board image) safely: one place for both rules.

``output_target`` says in one line why a path cannot take a file (a folder, a missing folder)
before any work is done; ``atomic_file`` writes to a temporary file in the same folder and renames
it into place only once complete, so a cancel, a full disk or a crash never leaves half a file
where a good one was. Headless: the CLI and the window share it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def output_target(path: str | os.PathLike[str]) -> Path:
    """``path`` as a file to write; OSError naming the problem when it cannot be one."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise OSError(f"{target}: is a folder, not a file")
    if not target.parent.is_dir():
        problem = "is not a folder" if target.parent.exists() else "folder does not exist"
        raise OSError(f"{target.parent}: {problem}")
    return target


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only if the block completes.

    Flushed to disk, then renamed over the target (atomic: same folder); on any exception,
    a cancel included, the temporary file is removed and the target is left as it was.
    """
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would have.
        os.chmod(tmp_name, target.stat().st_mode & 0o777 if target.exists() else _default_mode())
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all; the path written."""
    target = output_target(path)
    with atomic_file(target) as fh:
        fh.write(data)
    return target


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
