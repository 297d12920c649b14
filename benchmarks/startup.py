"""Start-up figures: each variant is a fresh process timed from spawn to its first paint.

CLOCK_MONOTONIC is system-wide on Linux, so the child prints time.monotonic() at the first paint
event of the widget that matters and the parent subtracts its own spawn time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

# Modules whose presence at the first paint is reported: the heavy ones the issue names, and the
# parts of the stack's floor (SQLModel, pydantic, the ORM) the app reads and paints without.
WATCHED = ("matplotlib", "alembic", "sqlmodel", "pydantic", "sqlalchemy.orm")

_PAINT_PROBE = f"""
import sys
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"PAINTED {{time.monotonic():.6f}}", flush=True)
            loaded = [m for m in {WATCHED!r} if m in sys.modules]
            print("LOADED " + ",".join(loaded), flush=True)
            QTimer.singleShot(0, QApplication.quit)
            obj.removeEventFilter(self)
        return False

def watch(widget):
    probe = _FirstPaint(widget)
    widget.installEventFilter(probe)
    return probe
"""

BARE = (
    _PAINT_PROBE
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1600, 1000)
p = watch(w); w.show(); app.exec()
"""
)

FLOOR = (
    _PAINT_PROBE
    + """
import sqlmodel
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1600, 1000)
p = watch(w); w.show(); app.exec()
"""
)

APP = (
    _PAINT_PROBE
    + """
import sys
from app.main import create_main_window
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
w = create_main_window(sys.argv[1]); w.resize(1600, 1000)
target = w.findChild(QWidget, "board") or w.findChild(QWidget, "goalTree")
if isinstance(target, QAbstractScrollArea):
    target = target.viewport()
p = watch(target); w.show(); QApplication.instance().exec()
"""
)


def compile_sources() -> None:
    """Byte-compile the app's packages, as installing it does: with PYTHONDONTWRITEBYTECODE set
    (as on this machine) every start-up would otherwise compile each module edited since its
    cached bytecode was written, and time the compiler instead of the app."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *(str(root / p) for p in PACKAGES)],
        check=True,
        capture_output=True,
    )


PACKAGES = ("app", "models", "ui", "resources")


def time_to_paint(script: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Seconds from spawn to the first paint of the probed widget, and the child's output;
    ``env``: the child's environment (the app's gets a HOME of its own)."""
    env = dict(env or os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED "):
            return float(line.split()[1]) - start, out.stdout
    raise RuntimeError(f"no paint seen: {out.stdout}\n{out.stderr}")
