"""Start-up reads and paints the plan with SQLAlchemy Core alone: SQLModel and pydantic (a
third of a second to import) load right after the first paint, before the user's first edit."""

from __future__ import annotations

from pathlib import Path

from app.cli import main as cli_main
from tests.helpers import run_window_script

PROBE = """
import time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

HEAVY = ("sqlmodel", "pydantic", "sqlalchemy.orm", "matplotlib", "alembic")
seen = []

class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append(sorted(m for m in HEAVY if m in sys.modules))
        return False

def wait_for(condition):
    deadline = time.monotonic() + 20
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)

board = window.findChild(QAbstractScrollArea, "board").viewport()
probe = Probe()
board.installEventFilter(probe)
window.show()
wait_for(lambda: seen)
print("at first paint:", ",".join(seen[0]) or "none")
print("tree rows:", window.tree_model.rowCount())
wait_for(lambda: "sqlmodel" in sys.modules)
print("after first paint:", "sqlmodel" in sys.modules)
"""


def saved_sample(folder: Path) -> Path:
    """The sample plan, already saved: creating a plan file runs its migrations (Alembic and
    SQLModel) first; opening an up-to-date one is what start-up is about."""
    path = folder / "plan.db"
    assert cli_main(["demo", "--db", str(path)]) == 0
    return path


def test_the_board_is_painted_before_sqlmodel_loads_and_the_first_edit_is_saved(
    tmp_path,
) -> None:
    out = run_window_script(
        PROBE
        + """
from app.commands import UpdateEntity
from ui.undo import push_command
card = window.svc.cards(window.plan_id)[0]
command = UpdateEntity("card", card.id, {"title": "改过的标题"}, name="rename")
print("pushed:", push_command(window.undo_stack, command, window.svc, window.bus))
print("saved:", window.svc.get("card", card.id).title)
window.close()
""",
        saved_sample(tmp_path),
    )
    lines = out.splitlines()
    assert "at first paint: none" in lines
    assert "tree rows: 1" in lines  # the sample plan's objective, read before the paint
    assert "after first paint: True" in lines
    assert lines[-2:] == ["pushed: True", "saved: 改过的标题"]


def test_a_write_before_the_first_paint_loads_sqlmodel_itself(tmp_path) -> None:
    """Whatever runs first, a write does not depend on the after-paint loading."""
    out = run_window_script(
        """
print("before:", "sqlmodel" in sys.modules)
card = window.svc.cards(window.plan_id)[0]
window.svc.update("card", card.id, title="先写后画")
print("saved:", window.svc.get("card", card.id).title)
window.close()
""",
        saved_sample(tmp_path),
    )
    assert out.splitlines()[-2:] == ["before: False", "saved: 先写后画"]
