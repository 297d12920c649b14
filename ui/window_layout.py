"""How the main window shares its width between the goal tree, the board and the side pane.

The board scrolls, so it can give up width; the goal tree and the KR panel cannot without
clipping their text. The default shares leave the KR panel about 360 px at 1280 px, the width
it is designed for, and a saved splitter state is used only if it was saved for the same panes.
"""

from __future__ import annotations

import struct

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QSplitter

# Percent of the window's width: goal tree, board, side pane (KR panel).
DEFAULT_SHARES = (22, 50, 28)
DEFAULT_WINDOW_SIZE = QSize(1280, 800)
_SPLITTER_MARKER = 0xFF  # what QSplitter.saveState() writes first


def default_sizes(width: int, shares: tuple[int, ...] = DEFAULT_SHARES) -> list[int]:
    """Pane widths for a splitter ``width`` wide, in the proportions of ``shares``."""
    total = sum(shares)
    sizes = [width * share // total for share in shares]
    sizes[len(sizes) // 2] += width - sum(sizes)  # rounding goes to the board, which scrolls
    return sizes


def set_stretch(splitter: QSplitter) -> None:
    """A resized window grows or shrinks each pane in the default proportions."""
    for index, share in enumerate(DEFAULT_SHARES[: splitter.count()]):
        splitter.setStretchFactor(index, share)


def apply_default_sizes(splitter: QSplitter, width: int) -> None:
    """The default shares of ``width``, kept when the window is resized."""
    set_stretch(splitter)
    handles = splitter.handleWidth() * max(0, splitter.count() - 1)
    splitter.setSizes(default_sizes(max(0, width - handles), DEFAULT_SHARES[: splitter.count()]))


def saved_pane_count(state: object) -> int | None:
    """How many panes a saved splitter state describes; None if it is not one.

    Reads the header QSplitter.saveState() writes (big-endian int32 marker, int32 version,
    uint32 count, as QDataStream writes them) with struct: no QDataStream at start-up.
    """
    if not isinstance(state, QByteArray) or state.size() < 12:
        return None
    marker, _version, count = struct.unpack(">iiI", state.data()[:12])
    return count if marker == _SPLITTER_MARKER else None


def restore_splitter(splitter: QSplitter, state: object, width: int) -> bool:
    """Restore a state saved for this splitter's panes; otherwise (none saved, an older layout
    with another number of panes, garbage) apply the default shares. True if restored."""
    set_stretch(splitter)
    if saved_pane_count(state) == splitter.count() and splitter.restoreState(state):  # type: ignore[arg-type]
        return True
    apply_default_sizes(splitter, width)
    return False
