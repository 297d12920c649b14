"""GUI entry: creates the QApplication, engine, service, undo stack and main window."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from app.db import DatabaseError, OpenedDatabase, open_database, resolve_db_url
from app.gui_safety import open_window_with_recovery, read_only_reason, wire_window
from app.services.plan_service import PlanService
from app.sqlite_file import bad_file
from ui.first_paint import after_first_paint
from ui.language import chosen_language, install_translations
from ui.main_window import MainWindow
from ui.undo import PlanBus

ORGANIZATION = "OKR Planner"
APPLICATION = "okr-planner"


@dataclass
class AppContext:
    """What one open plan needs; passed down explicitly (no global window object)."""

    db: OpenedDatabase
    service: PlanService
    undo_stack: QUndoStack
    bus: PlanBus


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        _apply_look(app)
        # Before any widget exists: texts are translated when each widget is built.
        install_translations(chosen_language())  # the translators are children of app
    return app  # type: ignore[return-value]


def _apply_look(app: QApplication) -> None:
    """Style sheet and window icon from resources/ (read once at start-up; both are tiny)."""
    from importlib import resources

    from PySide6.QtGui import QIcon, QPixmap

    base = resources.files("resources")
    app.setStyleSheet(base.joinpath("style.qss").read_text(encoding="utf-8"))
    pixmap = QPixmap()
    if pixmap.loadFromData(base.joinpath("icons", "okr-planner.svg").read_bytes()):
        app.setWindowIcon(QIcon(pixmap))


def create_main_window(db: str | None = None, *, read_only: bool = False) -> MainWindow:
    """Build the window for a database path or URL without running the event loop.

    Raises DatabaseError (with a message naming the file) when the database cannot be opened,
    PlanInUseError when another window edits it (then ``read_only=True`` opens it to look).
    """
    ensure_application()
    opened = open_database(resolve_db_url(db), read_only=read_only, exclusive=not read_only)
    service = PlanService(opened.engine)
    undo_stack = QUndoStack()
    bus = PlanBus()
    if read_only:
        bus.set_read_only(True, read_only_reason(opened.path))
    try:
        window = MainWindow(service, service.first_plan_id(), undo_stack, bus, opened.display_name)
    except SQLAlchemyDatabaseError as exc:  # a read failed while the window was built
        opened.close()
        raise _read_failure(opened, exc) from exc
    undo_stack.setParent(window)
    bus.setParent(window)
    window.context = AppContext(opened, service, undo_stack, bus)  # type: ignore[attr-defined]
    wire_window(window, opened)  # backups on open and close, File > Restore backup
    after_first_paint(window, _load_for_writes)
    return window


def _load_for_writes() -> None:
    """Import what writes need (SQLModel's Session, with pydantic) once the window is painted:
    reading and painting the plan need neither, and the first edit should not wait for them."""
    import sqlmodel  # noqa: F401


def _read_failure(opened: OpenedDatabase, exc: SQLAlchemyDatabaseError) -> DatabaseError:
    """What a failed read while opening means for the user: a damaged file (the window then
    offers a backup) or, for anything else, a plan that cannot be read now, with SQLite's or
    the server's own words."""
    reason = str(exc.orig or exc).splitlines()[0]
    path = opened.path
    if path is not None and ("malformed" in reason or "not a database" in reason):
        return bad_file(path, f"the file is damaged: {reason}")
    return DatabaseError(
        f"{opened.display_name}: cannot be read as a plan database ({reason})", path=path
    )


def run_gui(db: str | None = None) -> int:
    app = ensure_application()
    # A bad file offers a backup, another file or a new plan; a plan open elsewhere, read-only.
    window = open_window_with_recovery(db, create_main_window)
    if window is None:
        return 1
    window.show()
    code = app.exec()
    window.close()  # runs the close hooks (close backup, unlock) if the window is still open
    window.context.db.engine.dispose()  # type: ignore[attr-defined]
    return code
