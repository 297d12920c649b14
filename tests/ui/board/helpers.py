"""Board test helpers: sample-plan dates and drops with real QMimeData."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage

MIME = "application/x-okr-card-ids"
W48 = dt.date(2025, 11, 24)
W49, W50, W51, W52 = (dt.date(2025, 12, d) for d in (1, 8, 15, 22))
DEC = dt.date(2025, 12, 1)
NOV = dt.date(2025, 11, 1)


def card_mime(*ids: int) -> QMimeData:
    """What a drag from the board carries: our MIME type with a JSON list of card ids."""
    mime = QMimeData()
    mime.setData(MIME, json.dumps(list(ids)).encode("utf-8"))
    return mime


def drop(scene, ids, lane_key, level, start, modifiers=Qt.KeyboardModifier.NoModifier) -> bool:
    """Drop cards on a cell through the scene's drop entry point (what dropEvent calls)."""
    return scene.drop_mime(card_mime(*ids), scene.cell_center(lane_key, level, start), modifiers)


def pixels(image: QImage) -> np.ndarray:
    """0xRRGGBB per pixel, rows x columns."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
    return raw[:, : image.width()] & 0xFFFFFF
