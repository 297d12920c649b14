"""Writing a board snapshot as a PNG file: strips painted and compressed on a few threads.

Strips are independent: each is painted (with its own scene and fonts per thread, see
``BoardSnapshot.twin``), converted to RGB and compressed by one worker, and the main thread
writes them in order. Painting releases the GIL inside Qt, compression inside zlib, so two
cores share the work; the bytes do not depend on which thread painted what.

A strip is painted with a margin above and below that is not written: shapes cut by an image's
edge are antialiased a little differently there, and with the margin the strips join into
exactly the image that painting it whole would give.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from ui.board.png_stream import PngWriter, Strip, atomic_file, encode_strip

if TYPE_CHECKING:
    from ui.board.render import BoardSnapshot

STRIP_MARGIN = 8  # device rows painted above and below a strip and dropped
MAX_THREADS = 4  # painting holds the GIL for its Python part: more threads stop paying


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


def thread_count(strips: int) -> int:
    return max(1, min(MAX_THREADS, os.cpu_count() or 1, strips))


def write_png(
    snapshot: BoardSnapshot,
    path: str | Path,
    progress: Callable[[int, int], bool] | None = None,
) -> Path:
    """Write ``snapshot`` to ``path`` whole or not at all (see ``BoardSnapshot.write_png``)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise OSError(f"{target}: is a folder, not a file")
    if not target.parent.is_dir():
        problem = "is not a folder" if target.parent.exists() else "folder does not exist"
        raise OSError(f"{target.parent}: {problem}")
    width, height = snapshot.pixel_size
    rows = snapshot.strip_rows()
    starts = range(0, height, rows)
    threads = thread_count(len(starts))
    painters: queue.SimpleQueue[BoardSnapshot] = queue.SimpleQueue()
    painters.put(snapshot)
    for _ in range(threads - 1):
        painters.put(snapshot.twin())
    local = threading.local()
    margin = STRIP_MARGIN

    def encode(y0: int) -> Strip:
        mine = getattr(local, "snapshot", None)
        if mine is None:  # a worker keeps the first painter it takes
            mine = local.snapshot = painters.get_nowait()
        count = min(rows, height - y0)
        image = getattr(local, "image", None)
        if image is None or image.height() != count + 2 * margin:
            image = local.image = QImage(width, count + 2 * margin, QImage.Format.Format_RGB32)
        mine.paint_strip(image, y0 - margin)
        rgb = image.convertToFormat(QImage.Format.Format_RGB888)  # SIMD in Qt
        line = rgb.bytesPerLine()
        view = rgb.constBits()[margin * line : (margin + count) * line]
        return encode_strip(view, width, count, line, last=y0 + count == height)

    with atomic_file(target) as fh:
        writer = PngWriter(fh, width, height)
        pending: deque[Future[Strip]] = deque()
        pool = ThreadPoolExecutor(threads, thread_name_prefix="board-png")
        try:
            for y0 in starts:
                pending.append(pool.submit(encode, y0))
                if len(pending) > threads:  # a strip queued per thread: memory stays flat
                    _write_next(pending, writer, progress)
            while pending:
                _write_next(pending, writer, progress)
            writer.finish()
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True)
    return target


def _write_next(
    pending: deque[Future[Strip]],
    writer: PngWriter,
    progress: Callable[[int, int], bool] | None,
) -> None:
    writer.add(pending.popleft().result())
    if progress is not None and not progress(writer.rows, writer.height):
        raise ExportCancelled
