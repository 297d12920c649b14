"""The streaming PNG writer: valid files from strips, checksums, whole-or-nothing files."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from app.file_output import atomic_file
from ui.board import png_stream
from ui.board.png_stream import PngWriter, adler32_combine, encode_strip, scanlines


@pytest.fixture(params=["installed", "stdlib"])
def backend(request, monkeypatch) -> str:
    """Whatever deflate is installed (zlib-ng), and the standard zlib it falls back to."""
    if request.param == "stdlib":
        monkeypatch.setattr(png_stream, "deflater", lambda: (zlib, 1))
    return request.param


@given(st.binary(max_size=3000), st.binary(max_size=3000))
def test_adler32_of_two_runs_combines_like_zlib(first: bytes, second: bytes) -> None:
    combined = adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second))
    assert combined == zlib.adler32(first + second)


def lines_of(pixels: np.ndarray) -> bytearray:
    """``pixels`` (rows x width x 3 RGB) as PNG scanlines, each after its filter byte."""
    rows, width, _ = pixels.shape
    buffer = scanlines(width, rows)
    table = np.frombuffer(buffer, np.uint8).reshape(rows, 1 + 3 * width)
    table[:, 1:] = pixels.reshape(rows, 3 * width)
    return buffer


def write(pixels: np.ndarray, strip_rows: list[int]) -> bytes:
    """``pixels`` (rows x width x 3 RGB) written in strips of the given heights."""
    height, width, _ = pixels.shape
    out = io.BytesIO()
    writer = PngWriter(out, width, height)
    y = 0
    for rows in strip_rows:
        lines = lines_of(pixels[y : y + rows])
        writer.add(encode_strip(lines, rows, last=y + rows == height))
        y += rows
    writer.finish()
    return out.getvalue()


def chunks(blob: bytes) -> list[tuple[bytes, bytes]]:
    out, at = [], 8
    while at < len(blob):
        (length,) = struct.unpack(">I", blob[at : at + 4])
        kind, data = blob[at + 4 : at + 8], blob[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", blob[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + data)
        out.append((kind, data))
        at += 12 + length
    return out


@pytest.mark.parametrize("strips", [[37], [10, 10, 10, 7], [1, 35, 1]])
def test_strips_join_into_one_valid_png(qapp, backend, strips: list[int]) -> None:
    rng = np.random.default_rng(5)
    pixels = rng.integers(0, 256, size=(37, 23, 3), dtype=np.uint8)
    pixels[5:20] = 255  # runs as well as noise
    blob = write(pixels, strips)
    parts = chunks(blob)
    assert parts[0][0] == b"IHDR" and parts[-1][0] == b"IEND"
    stream = b"".join(d for k, d in parts if k == b"IDAT")
    raw = zlib.decompress(stream)  # one zlib stream, its Adler-32 checked
    lines = np.frombuffer(raw, np.uint8).reshape(37, 1 + 23 * 3)
    assert set(lines[:, 0]) == {0}  # rows stored as they are
    image = QImage.fromData(blob, "PNG").convertToFormat(QImage.Format.Format_RGB888)
    assert (image.width(), image.height()) == (23, 37)
    back = np.frombuffer(image.constBits(), np.uint8).reshape(37, image.bytesPerLine())
    assert np.array_equal(back[:, : 23 * 3].reshape(37, 23, 3), pixels)


def test_the_same_pixels_in_the_same_strips_give_the_same_bytes(backend) -> None:
    pixels = np.full((40, 16, 3), 200, np.uint8)
    assert write(pixels, [16, 16, 8]) == write(pixels.copy(), [16, 16, 8])


def test_rows_must_add_up_to_the_height() -> None:
    strip = encode_strip(scanlines(2, 4), 4, last=False)
    writer = PngWriter(io.BytesIO(), 2, 6)
    writer.add(strip)
    with pytest.raises(ValueError, match="4 of 6 rows"):
        writer.finish()
    with pytest.raises(ValueError, match="does not fit"):
        writer.add(strip)
    with pytest.raises(ValueError, match="cannot be"):
        PngWriter(io.BytesIO(), 0, 6)


def test_atomic_file_replaces_only_when_complete(tmp_path) -> None:
    target = tmp_path / "b.png"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as fh:
        fh.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["b.png"]
    with atomic_file(target) as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["b.png"]


def test_strip_records_come_back_as_sent_and_a_cut_one_is_refused() -> None:
    """Strips sent from a helper process down a pipe: the records give back the same strips,
    in order; one cut short (a helper killed half-way) ends the stream with ValueError after
    the good ones."""
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (12, 5, 3), dtype=np.uint8)
    strips = [
        encode_strip(lines_of(pixels[:7]), 7, last=False),
        encode_strip(lines_of(pixels[7:]), 5, last=True),
    ]
    pipe = io.BytesIO()
    png_stream.write_record(pipe, 1, strips[0])
    png_stream.write_record(pipe, 3, strips[1])
    sent = pipe.getvalue()
    assert list(png_stream.read_records(io.BytesIO(sent))) == [(1, strips[0]), (3, strips[1])]

    for cut in (len(sent) - 1, len(sent) - len(strips[1].data) - 3):
        records = png_stream.read_records(io.BytesIO(sent[:cut]))
        assert next(records) == (1, strips[0])
        with pytest.raises(ValueError, match="cut short"):
            next(records)
    assert list(png_stream.read_records(io.BytesIO(b""))) == []
