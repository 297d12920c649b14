"""Writing a board snapshot as a PNG file: one thread paints, others compress.

Painting a strip is Python calling QPainter call after call, so it holds the GIL most of the
time: two threads painting at once fight over it and finish later than one does. So the
caller's thread paints every strip, top to bottom, and hands each painted strip to encoder
threads that convert it to RGB rows and deflate them (Qt and zlib-ng release the GIL) while
the next strip is painted; the caller writes the strips in order. The wall time is
about the painting's or the encoding's, whichever is longer, not their sum. The bytes depend
only on the pixels and the strip heights, never on which thread finished first.

Where a second process can paint (``okr-planner export-png``: ``app.png_helper``), it paints
and encodes strips from the bottom up and sends them compressed, while this process paints and
encodes from the top down on its own thread, both cores busy, until they meet; any strip the
helper has not sent (it died, hung or is slow) is painted here.

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
from typing import TYPE_CHECKING, BinaryIO, Protocol

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage, QPainter

from app.file_output import atomic_file, output_target
from ui.board.png_stream import PngWriter, Strip, encode_strip, scanlines, write_record

if TYPE_CHECKING:
    from ui.board.render import BoardSnapshot

STRIP_MARGIN = 8  # device rows painted above and below a strip and dropped
MAX_ENCODERS = 2  # encoding takes a little less than painting: two never hold the painter up


class ExportCancelled(Exception):
    """The user cancelled the export; nothing was written."""


def encoder_count(strips: int) -> int:
    return max(1, min(MAX_ENCODERS, os.cpu_count() or 1, strips))


class StripHelper(Protocol):
    """Another process painting strips from the bottom up (``app.png_helper``)."""

    def strip(self, index: int) -> Strip | None:
        """The ``index``-th strip if the helper has sent it by now, else None (never waits)."""
        ...


def write_png(
    snapshot: BoardSnapshot,
    path: str | Path,
    progress: Callable[[int, int], bool] | None = None,
    helper: StripHelper | None = None,
) -> Path:
    """Write ``snapshot`` to ``path`` whole or not at all (see ``BoardSnapshot.write_png``).

    With a ``helper`` painting from the bottom up in another process, this one paints from
    the top down and takes the helper's strips as it reaches them (``_write_shared``)."""
    target = output_target(path)
    spans = snapshot.strips()
    if helper is not None and len(spans) > 1:
        return _write_shared(snapshot, target, spans, helper, progress)
    width, height = snapshot.pixel_size
    margin = STRIP_MARGIN
    encoders = encoder_count(len(spans))
    # Painted strips waiting for an encoder: one per encoder and one being painted. A buffer
    # goes back to ``free`` as soon as its rows are converted, so memory stays flat.
    free: queue.SimpleQueue[QImage] = queue.SimpleQueue()
    buffer_rows = max(rows for _, rows in spans) + 2 * margin
    for _ in range(min(encoders + 1, len(spans))):
        free.put(QImage(width, buffer_rows, QImage.Format.Format_RGB32))

    local = threading.local()

    def encode(image: QImage, y0: int, rows: int) -> Strip:
        try:
            lines = getattr(local, "lines", None)
            if lines is None:  # one buffer per encoder, strip after strip
                lines = local.lines = memoryview(scanlines(width, buffer_rows))
            _to_scanlines(image, lines, rows)
        finally:
            free.put(image)  # back to the painter, whatever happened
        return encode_strip(lines[: rows * (1 + 3 * width)], rows, last=y0 + rows == height)

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


def _to_scanlines(image: QImage, lines: memoryview, rows: int) -> None:
    """Rows ``STRIP_MARGIN`` .. + ``rows`` of the RGB32 ``image`` into ``lines`` as RGB PNG
    scanlines, leaving each row's filter byte (0) as it is."""
    width = image.width()
    view = QImage(lines[1:], width, rows, 1 + 3 * width, QImage.Format.Format_RGB888)
    converter = QPainter(view)  # RGB32 to RGB888, straight into the scanlines
    converter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    converter.drawImage(QPoint(0, 0), image, QRect(0, STRIP_MARGIN, width, rows))
    converter.end()


class _StripPainter:
    """Paints and encodes strips one after the other on the calling thread: with two
    processes painting, both cores are busy already, and encoder threads would only take
    turns with the painting for the GIL."""

    def __init__(self, snapshot: BoardSnapshot, spans: list[tuple[int, int]]) -> None:
        self.snapshot = snapshot
        width, self.height = snapshot.pixel_size
        self.stride = 1 + 3 * width
        buffer_rows = max(rows for _, rows in spans) + 2 * STRIP_MARGIN
        self.image = QImage(width, buffer_rows, QImage.Format.Format_RGB32)
        self.lines = memoryview(scanlines(width, buffer_rows))

    def strip(self, y0: int, rows: int) -> Strip:
        self.snapshot.paint_strip(self.image, y0 - STRIP_MARGIN, written=(y0, y0 + rows))
        _to_scanlines(self.image, self.lines, rows)
        return encode_strip(self.lines[: rows * self.stride], rows, last=y0 + rows == self.height)


def paint_share(snapshot: BoardSnapshot, out: BinaryIO) -> None:
    """In a helper process: paint and encode the strips from the last one up, sending each
    down ``out`` as it is done (``png_stream.write_record``), until all are sent or the parent,
    which paints from the top down, has met it and stops it."""
    spans = snapshot.strips()
    painter = _StripPainter(snapshot, spans)
    for index in reversed(range(len(spans))):
        write_record(out, index, painter.strip(*spans[index]))


def _write_shared(
    snapshot: BoardSnapshot,
    target: Path,
    spans: list[tuple[int, int]],
    helper: StripHelper,
    progress: Callable[[int, int], bool] | None,
) -> Path:
    """Paint from the top down, taking each strip the helper (painting from the bottom up) has
    sent by then: the two meet wherever their speeds make them meet, with at most a strip
    painted twice, and nothing is ever waited for. A strip of another layout (rows or width
    that do not match) is not believed but painted here."""
    width, height = snapshot.pixel_size
    painter = _StripPainter(snapshot, spans)
    with atomic_file(target) as fh:
        writer = PngWriter(fh, width, height)
        for index, (y0, rows) in enumerate(spans):
            sent = helper.strip(index)
            fits = sent is not None and sent.rows == rows and sent.length == rows * painter.stride
            writer.add(sent if fits else painter.strip(y0, rows))
            if progress is not None and not progress(writer.rows, writer.height):
                raise ExportCancelled
        writer.finish()
    return target


def _write_next(
    pending: deque[Future[Strip]],
    writer: PngWriter,
    progress: Callable[[int, int], bool] | None,
) -> None:
    writer.add(pending.popleft().result())
    if progress is not None and not progress(writer.rows, writer.height):
        raise ExportCancelled
