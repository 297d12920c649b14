"""How lights look: colours, names and a painted dot, shared by the tree, board and panel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from models.lights import Light

COLOURS = {
    Light.GREEN: QColor("#2f9e5b"),
    Light.YELLOW: QColor("#e3b505"),
    Light.YELLOW_RED: QColor("#ef7d1a"),
    Light.RED: QColor("#d93636"),
}
UNSET = QColor("#a8adb4")


def light_name(light: Light | None) -> str:
    """The user-facing name of a light (绿 / 黄 / 黄偏红 / 红 in the Chinese translation)."""
    # Only the one name asked for is translated: the goal tree asks once per row it paints.
    tr = QCoreApplication.translate
    if light == Light.GREEN:  # a plain "green" names it too, as a dictionary key did
        return tr("lights", "Green")
    if light == Light.YELLOW:
        return tr("lights", "Yellow")
    if light == Light.YELLOW_RED:
        return tr("lights", "Yellow leaning red")
    if light == Light.RED:
        return tr("lights", "Red")
    if light is None:
        return tr("lights", "Not set")
    raise KeyError(light)


def light_colour(light: Light | None) -> QColor:
    return COLOURS.get(light, UNSET) if light is not None else UNSET


_icons: dict[Light | None, QIcon] = {}


def light_icon(light: Light | None, size: int = 14) -> QIcon:
    """A filled circle in the light's colour (an outlined grey one when no light is set)."""
    if light not in _icons:
        pix, painter = icon_canvas(size, size)
        paint_light_dot(painter, light, QRectF(2, 2, size - 4, size - 4))
        painter.end()
        _icons[light] = QIcon(pix)
    return _icons[light]


def icon_canvas(width: int, height: int) -> tuple[QPixmap, QPainter]:
    """A transparent pixmap drawn at 2x (sharp on high-DPI screens) and a painter on it."""
    pix = QPixmap(width * 2, height * 2)
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pix, painter


def paint_light_dot(painter: QPainter, light: Light | None, rect: QRectF) -> None:
    """The light's dot: filled in its colour with a darker rim, or a grey ring when unset."""
    colour = light_colour(light)
    painter.setPen(colour.darker(130))
    painter.setBrush(colour if light is not None else Qt.BrushStyle.NoBrush)
    painter.drawEllipse(rect)
