"""Load matplotlib on first use and make Chinese labels render.

Matplotlib's default font (DejaVu Sans) has no CJK glyphs, so 覆盖率 would come out as empty
boxes. Since matplotlib 3.6 the ``font.family`` list is a per-glyph fallback chain (a generic
name like "sans-serif" there stands for one font only, the first one found): DejaVu Sans stays
first (Latin text and digits look as usual) and the first CJK font found installed fills in the
rest. With none installed the charts still draw; the CJK text is then boxes, and the README's
troubleshooting section says which package to install.
"""

from __future__ import annotations

import logging
import time
import warnings
from typing import Any

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Heiti SC",
    "Noto Sans CJK JP",
    "Arial Unicode MS",
)
log = logging.getLogger(__name__)
_state: dict[str, Any] = {}


def load() -> str | None:
    """Import matplotlib once, configure the fonts; returns the CJK font used (or None)."""
    if "cjk" in _state:
        return _state["cjk"]  # type: ignore[no-any-return]
    started = time.perf_counter()
    import matplotlib
    from matplotlib import artist

    _skip_setter_docs(artist)  # before the modules that define the artists are imported
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    cjk = next((name for name in CJK_FONTS if name in installed), None)
    rc = matplotlib.rcParams
    # Every text looks each family up (matplotlib rebuilds a key from rcParams per lookup), so
    # the list is kept short: DejaVu Sans ships with matplotlib, and the generic "sans-serif"
    # after it would only name DejaVu Sans again.
    rc["font.family"] = ["DejaVu Sans", cjk] if cjk else ["DejaVu Sans", "sans-serif"]
    rc["axes.unicode_minus"] = True
    rc["svg.fonttype"] = "none"
    if cjk is None:
        log.warning("No CJK font found; Chinese chart labels will show as boxes")
    # A chart squeezed to nothing for a moment (a panel being laid out) is redrawn anyway.
    warnings.filterwarnings("ignore", message="constrained_layout not applied")
    _state["cjk"] = cjk
    _state["load_seconds"] = time.perf_counter() - started
    return cjk


def _skip_setter_docs(artist: Any) -> None:
    """Matplotlib writes every Artist subclass's settable properties into the docstring of its
    ``set()`` while the classes are being defined, for interactive ``help()``: about 0.1 s,
    a fifth of the first chart's wait here. The app never shows those docstrings, so the list
    is left empty; what ``set()`` does is untouched."""
    if callable(getattr(artist, "kwdoc", None)):
        artist.kwdoc = lambda _artist: ""


def load_seconds() -> float | None:
    """How long the first ``load`` took (import and font set-up), for the measurements."""
    return _state.get("load_seconds")
