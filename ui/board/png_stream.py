"""A PNG file written strip by strip, its strips compressed independently; no Qt here.

Why not ``QImage.save``: a whole-quarter board of 2,000 cards is 3,750 x 31,000 pixels (460 MB
as one image, 1.5 GB at 10,000 cards), so the export paints and writes a strip at a time and
memory stays flat. Each strip is compressed on its own (a run of raw deflate blocks ending on a
byte boundary, the way pigz splits a stream), so strips are compressed on other threads while
the next is painted, and the bytes depend only on the pixels and the strip heights, never on
which thread finished first. No time or software chunk is written: the same pixels give the
same file.

Rows are stored unfiltered (PNG filter 0): the caller writes the pixels straight into a
``scanlines`` buffer whose filter bytes stay 0, and deflate, whose 32 KB window reaches the
rows above, finds a repeated row as one long match. Filtering each row as its difference from
the one above ("Up") gives files about a sixth smaller but costs a pass over every byte, and
numpy, which takes longer to import than a small board takes to write.

The file itself is written whole or not at all by ``app.file_output.atomic_file``.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO, NamedTuple

SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ADLER_BASE = 65521


def deflater() -> tuple[Any, int]:
    """The deflate module and level to use: zlib-ng at level 2 when installed, else the
    standard zlib at level 1. On 2,000-card boards zlib-ng compresses 3-4x faster and 10%
    smaller; its level 1 is a quarter faster again but 20% larger."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:  # pragma: no cover - zlib-ng is a dependency; a bare build may lack it
        return zlib, 1
    return zlib_ng, 2


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC of type and data."""
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte runs joined, from theirs (zlib's adler32_combine, which
    Python's zlib module does not expose); lets strips be checksummed independently."""
    rem = second_length % _ADLER_BASE
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % _ADLER_BASE
    sum1 += (second & 0xFFFF) + _ADLER_BASE - 1
    sum2 += (first >> 16) + (second >> 16) + _ADLER_BASE - rem
    return (sum1 % _ADLER_BASE) | ((sum2 % _ADLER_BASE) << 16)


def scanlines(width: int, rows: int) -> bytearray:
    """A zeroed buffer for ``rows`` PNG scanlines of ``width`` RGB pixels: row ``k`` is a
    filter byte (0, none) at ``k * (1 + 3 * width)`` followed by its pixels."""
    return bytearray(rows * (1 + 3 * width))


class Strip(NamedTuple):
    """Rows of the image, compressed on their own (any thread); the writer joins them."""

    rows: int
    data: bytes  # raw deflate blocks, ending on a byte boundary (or the stream's end)
    adler: int  # Adler-32 of the strip's scanlines
    length: int  # bytes of scanlines


def encode_strip(lines: bytes | bytearray | memoryview, rows: int, *, last: bool) -> Strip:
    """Compress ``rows`` scanlines (see ``scanlines``); ``last`` ends the deflate stream.

    Thread-safe and GIL-free for the most part (deflate and Adler-32 release it), so strips
    are encoded while others are painted.
    """
    raw = memoryview(lines).cast("B")
    module, level = deflater()
    packer = module.compressobj(level, module.DEFLATED, -15, 9)
    data = packer.compress(raw) + packer.flush(module.Z_FINISH if last else module.Z_SYNC_FLUSH)
    return Strip(rows, data, module.adler32(raw), len(raw))


# A strip sent from one process to another: its index among the image's strips, its rows, the
# Adler-32 and length of its scanlines, and the size of its deflate data, which follows.
_RECORD = struct.Struct(">IIIQI")


def write_record(out: BinaryIO, index: int, strip: Strip) -> None:
    """Send ``strip`` (the ``index``-th of its image) down a pipe or file: a fixed header and
    the compressed bytes, no pickle (the reader trusts nothing but lengths it checks)."""
    out.write(_RECORD.pack(index, strip.rows, strip.adler, strip.length, len(strip.data)))
    out.write(strip.data)
    out.flush()


def read_records(inp: BinaryIO) -> Iterator[tuple[int, Strip]]:
    """The strips ``write_record`` sent, in order, until the end of the stream. ValueError for
    a record cut short (the sender died half-way): what came before it stays good."""
    while True:
        head = inp.read(_RECORD.size)
        if not head:
            return
        if len(head) < _RECORD.size:
            raise ValueError("a strip record was cut short in its header")
        index, rows, adler, length, size = _RECORD.unpack(head)
        data = inp.read(size)
        if len(data) < size:
            raise ValueError(f"strip {index} was cut short ({len(data)} of {size} bytes)")
        yield index, Strip(rows, data, adler, length)


class PngWriter:
    """Writes an opaque RGB PNG of ``width`` x ``height`` from encoded strips, top to bottom."""

    def __init__(self, out: BinaryIO, width: int, height: int) -> None:
        if not (0 < width < 2**31 and 0 < height < 2**31):
            raise ValueError(f"a PNG cannot be {width} x {height} pixels")
        self.out = out
        self.width, self.height = width, height
        self.rows = 0
        self._adler = 1
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
        out.write(SIGNATURE + chunk(b"IHDR", header))

    def add(self, strip: Strip) -> None:
        if strip.rows <= 0 or self.rows + strip.rows > self.height:
            raise ValueError(f"strip of {strip.rows} rows does not fit the image")
        data = strip.data
        if self.rows == 0:
            data = b"\x78\x01" + data  # zlib header: deflate, 32 KB window, fast levels
        self.rows += strip.rows
        self._adler = adler32_combine(self._adler, strip.adler, strip.length)
        if data:
            self.out.write(chunk(b"IDAT", data))

    def finish(self) -> None:
        if self.rows != self.height:
            raise ValueError(f"{self.rows} of {self.height} rows were added")
        self.out.write(chunk(b"IDAT", struct.pack(">I", self._adler)))
        self.out.write(chunk(b"IEND", b""))
