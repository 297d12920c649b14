"""The board as an image: size from the layout, header, lights, Chinese text, strips, files."""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pytest
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from models.lights import Light
from tests.ui.board.helpers import pixels
from ui.board import render
from ui.board.board_model import CardFilter
from ui.board.render import BoardSnapshot, build_scene, copy_of_view, snapshot_font
from ui.board.render_png import ExportCancelled
from ui.board.view import COLUMN_HEADER_HEIGHT, LANE_HEADER_WIDTH
from ui.lights import COLOURS, UNSET

DEC = dt.date(2025, 12, 1)


def rgb(colour: QColor) -> int:
    return colour.rgb() & 0xFFFFFF


def test_size_follows_the_layout_and_the_scale(data) -> None:
    scene = build_scene(data, focus=DEC)
    g = scene.model.geometry
    columns = scene.model.columns
    assert [c.bucket.level.value for c in columns] == ["quarter", "month"] + ["week"] * 5
    snap = BoardSnapshot(scene)
    assert snap.width == LANE_HEADER_WIDTH + 7 * 200
    assert snap.height == snap.band_height + COLUMN_HEADER_HEIGHT + g.height
    image = snap.image()
    assert (image.width(), image.height()) == snap.pixel_size == (snap.width, snap.height)
    double = BoardSnapshot(scene, 2)
    assert double.pixel_size == (2 * snap.width, 2 * snap.height)
    whole = BoardSnapshot(build_scene(data))
    weeks = len(data.quarter.weeks())  # W40 .. W01: 14
    assert whole.width == LANE_HEADER_WIDTH + (1 + 3 + weeks) * 200


def test_lane_dots_and_legend_show_the_four_light_colours(data, evaluation) -> None:
    scene = build_scene(data, focus=DEC, evaluation=evaluation)
    snap = BoardSnapshot(scene)
    px = pixels(snap.image())
    g = scene.model.geometry
    seen = {}
    for i, spec in enumerate(scene.model.lanes):
        # the light dot of a KR lane: 10 px wide at x 10, 12 px below the lane's top
        y = snap.board_top + int(g.lane_y[i]) + 17
        seen[spec.code] = int(px[y, 15])
        assert seen[spec.code] == rgb(COLOURS[spec.light]), spec.code
    assert set(seen.values()) == {rgb(c) for c in COLOURS.values()}
    band = px[: snap.band_height]
    for colour in COLOURS.values():
        assert (band == rgb(colour)).any()  # the legend
    assert (band == rgb(UNSET.darker(130))).any()  # "Not set": an outlined circle


def test_header_names_plan_quarter_focus_lanes_as_of_and_count(data) -> None:
    snap = BoardSnapshot(build_scene(data, focus=DEC))
    assert snap.facts() == [
        "2025 Q4 (2025-10-01 – 2025-12-31)",
        "Focus: Dec 2025",
        "Lanes by KR",
        "As of 2025-12-03",
        f"{len(data.cards)} cards",
    ]
    lines = BoardSnapshot(build_scene(data, lane_mode="line")).facts()
    assert lines[1:3] == ["Whole quarter", "Lanes by line"]


def test_the_window_view_is_copied_filter_focus_and_all(window) -> None:
    board = window.board
    kr1 = window.svc.kr_codes(window.plan_id)["KR1"]
    board.filter_bar.set_kr(kr1)
    board.set_focus(DEC)
    copy = copy_of_view(board.scene)
    assert copy is not board.scene
    assert copy.model.focus == DEC and copy.model.filter.kr_id == kr1
    assert copy.model.visible_count() == board.scene.model.visible_count() < len(copy.model.cards)
    assert copy.model.geometry.height == board.scene.model.geometry.height
    facts = BoardSnapshot(copy).facts()
    assert "Filter: KR1" in facts
    assert f"{board.scene.model.visible_count()} of {len(copy.model.cards)} cards" in facts


def test_a_filter_leaves_cards_out_of_the_image(data) -> None:
    everything = BoardSnapshot(build_scene(data, focus=DEC))
    done = BoardSnapshot(build_scene(data, focus=DEC, card_filter=CardFilter(status="done")))
    assert done.height < everything.height


def test_chinese_text_has_glyphs(qapp) -> None:
    """Without a Chinese font every character is the same empty box."""
    font = snapshot_font()

    def draw(text: str) -> bytes:
        image = QImage(48, 32, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(font)
        painter.drawText(4, 24, text)
        painter.end()
        return bytes(image.constBits())

    blank = QImage(48, 32, QImage.Format.Format_RGB32)
    blank.fill(QColor("white"))
    assert draw("画") != draw("像") != bytes(blank.constBits())
    assert QFontMetricsF(font).horizontalAdvance("画像") > 0


@pytest.mark.parametrize("scale", [1, 2])
def test_the_png_has_every_pixel_of_the_image(
    data, evaluation, tmp_path, monkeypatch, scale
) -> None:
    """Painted in strips (small ones here), written as one PNG that reads back identical."""
    monkeypatch.setattr(render, "STRIP_PIXELS", 97 * 1000 * scale)
    snap = BoardSnapshot(build_scene(data, focus=DEC, evaluation=evaluation), scale)
    assert snap.strip_rows() < snap.height // 5  # several strips, cards cut across them
    target = snap.write_png(tmp_path / "board.png")
    written = QImage(str(target))
    assert (written.width(), written.height()) == snap.pixel_size
    assert np.array_equal(pixels(written), pixels(snap.image()))


def test_same_board_same_bytes(data, evaluation, tmp_path) -> None:
    def export(name: str) -> str:
        snap = BoardSnapshot(build_scene(data, evaluation=evaluation), 2)
        return hashlib.sha256(snap.write_png(tmp_path / name).read_bytes()).hexdigest()

    assert export("a.png") == export("b.png")


def test_png_holds_only_image_chunks(data, tmp_path) -> None:
    """No time stamp, text or software chunk that would make two exports differ."""
    blob = BoardSnapshot(build_scene(data, focus=DEC)).write_png(tmp_path / "b.png").read_bytes()
    kinds, at = [], 8
    while at < len(blob):
        length = int.from_bytes(blob[at : at + 4], "big")
        kinds.append(blob[at + 4 : at + 8])
        at += 12 + length
    assert set(kinds) == {b"IHDR", b"IDAT", b"IEND"}
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"


def test_cancel_leaves_no_file_and_keeps_the_old_one(data, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(render, "STRIP_PIXELS", 200 * 1000)
    snap = BoardSnapshot(build_scene(data))
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "board.png"
    calls = []

    def cancel_on_second(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 2

    with pytest.raises(ExportCancelled):
        snap.write_png(target, cancel_on_second)
    assert not target.exists() and list(folder.iterdir()) == []
    target.write_bytes(b"previous export")
    with pytest.raises(ExportCancelled):
        snap.write_png(target, lambda done, total: False)
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in folder.iterdir()] == ["board.png"]
    assert calls[0][1] == snap.pixel_size[1]


def test_progress_counts_rows_up_to_the_whole_image(data, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(render, "STRIP_PIXELS", 500 * 1000)
    snap = BoardSnapshot(build_scene(data))
    seen: list[int] = []
    snap.write_png(tmp_path / "b.png", lambda done, total: seen.append(done) or True)
    assert seen == sorted(seen) and seen[-1] == snap.pixel_size[1] and len(seen) > 1


def test_a_missing_folder_is_an_error_naming_it(data, tmp_path) -> None:
    snap = BoardSnapshot(build_scene(data, focus=DEC))
    with pytest.raises(OSError, match="folder does not exist"):
        snap.write_png(tmp_path / "nope" / "b.png")
    with pytest.raises(OSError, match="is a folder"):
        snap.write_png(tmp_path)


def test_a_light_set_on_a_card_colours_its_stripe(data) -> None:
    card = next(c for c in data.cards if c.level == "month" and c.period_start == DEC)
    lit = [c if c.id != card.id else _with(c, light=Light.RED.value) for c in data.cards]
    scene = build_scene(_replace_cards(data, lit), focus=DEC)
    snap = BoardSnapshot(scene)
    p = scene.placement(card.id)
    x, y, _w, h = scene.model.geometry.scene_rect(p)
    px = pixels(snap.image())
    stripe = px[snap.board_top + int(y + h / 2), LANE_HEADER_WIDTH + int(x) + 2]
    assert stripe == rgb(COLOURS[Light.RED])


def _with(record, **changes):
    from dataclasses import replace

    return replace(record, **changes)


def _replace_cards(data, cards):
    from dataclasses import replace

    return replace(data, cards=tuple(cards))
