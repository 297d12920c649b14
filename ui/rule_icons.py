"""The light column's icon when the rules computed a light: the manual dot and the computed one.

Two dots side by side, the one set by hand on the left and the rules' on the right (with a
darker rim), so a tree row shows both without another column. The view shows it at
``PAIR_ICON_SIZE``.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QIcon, QPen

from models.lights import Light
from ui.lights import icon_canvas, light_colour, paint_light_dot

PAIR_ICON_SIZE = (28, 14)
_cache: dict[tuple[Light | None, Light | None], QIcon] = {}


def pair_icon(manual: Light | None, computed: Light | None, size: int = 14) -> QIcon:
    """Manual dot left, computed dot right (nothing there when no rule fired): every row of a
    view gets the same icon width, so the dots line up."""
    key = (manual, computed)
    if key not in _cache:
        pix, painter = icon_canvas(size * 2, size)
        paint_light_dot(painter, manual, QRectF(2, 2, size - 4, size - 4))
        if computed is not None:
            ring = light_colour(computed)
            painter.setPen(QPen(ring.darker(150), 1.6))
            painter.setBrush(ring)
            painter.drawEllipse(QRectF(size + 2, 2, size - 4, size - 4))
        painter.end()
        _cache[key] = QIcon(pix)
    return _cache[key]
