"""Writing a board snapshot as a PNG file: one thread paints, others compress.

Painting a strip is Python calling QPainter call after call, so it holds the GIL most of the
time: two threads painting at once fight over it and finish later than one does. So the
caller's thread paints every strip, top to bottom, and hands each painted strip to encoder
threads that convert it to RGB rows and deflate them (Qt and zlib-ng release the GIL) while
the next strip is painted; the caller writes the strips in order. The wall time is
about the painting's or the encoding's, whichever is longer, not their sum. The bytes depend
only on the pixels and the strip heights, never on which thread finished first.

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

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter

from app.file_output import atomic_file, output_target
from ui.board.png_stream import PngWriter, Strip, encode_strip, scanlines

if TYPE_CHECKING:
    from ui.board.render import BoardSnapshot

STRIP_MARGIN = 8  # device rows painted above and below a strip and dropped
MAX_ENCODERS = 2  # encoding takes a little less than painting: two never hold the painter up


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


def encoder_count(strips: int) -> int:
    return max(1, min(MAX_ENCODERS, os.cpu_count() or 1, strips))


def write_png(
    snapshot: BoardSnapshot,
    path: str | Path,
    progress: Callable[[int, int], bool] | None = None,
) -> Path:
    """Write ``snapshot`` to ``path`` whole or not at all (see ``BoardSnapshot.write_png``)."""
    target = output_target(path)
    width, height = snapshot.pixel_size
    spans = snapshot.strips()
    margin = STRIP_MARGIN
    encoders = encoder_count(len(spans))
    # Painted strips waiting for an encoder: one per encoder and one being painted. A buffer
    # goes back to ``free`` as soon as its rows are converted, so memory stays flat.
    free: queue.SimpleQueue[QImage] = queue.SimpleQueue()
    buffer_rows = max(rows for _, rows in spans) + 2 * margin
    for _ in range(min(encoders + 1, len(spans))):
        free.put(QImage(width, buffer_rows, QImage.Format.Format_RGB32))

    local = threading.local()
    stride = 1 + 3 * width  # a scanline: its filter byte (left 0), then its pixels

    def encode(image: QImage, y0: int, rows: int) -> Strip:
        try:
            lines = getattr(local, "lines", None)
            if lines is None:  # one buffer per encoder, strip after strip
                lines = local.lines = memoryview(scanlines(width, buffer_rows))
            view = QImage(lines[1:], width, rows, stride, QImage.Format.Format_RGB888)
            converter = QPainter(view)  # RGB32 to RGB888, straight into the scanlines
            converter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            converter.drawImage(QPoint(0, 0), image, QRect(0, margin, width, rows))
            converter.end()
            del view
        finally:
            free.put(image)  # back to the painter, whatever happened
        return encode_strip(lines[: rows * stride], rows, last=y0 + rows == height)

    with atomic_file(target) as fh:
        writer = PngWriter(fh, width, height)
        pending: deque[Future[Strip]] = deque()
        pool = ThreadPoolExecutor(encoders, thread_name_prefix="board-png")
        try:
            for y0, rows in spans:
                while pending and pending[0].done():  # write what is ready, in order
                    _write_next(pending, writer, progress)
                image = free.get()  # waits while every buffer is being encoded
                snapshot.paint_strip(image, y0 - margin, written=(y0, y0 + rows))
                pending.append(pool.submit(encode, image, y0, rows))
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
