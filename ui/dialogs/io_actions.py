"""The File menu's import, report and export actions, kept out of the main window.

The main window creates one ``IOActions`` while building its File menu; everything else (the
dialogs, file choosers, writing files) lives here and in the dialogs it opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.dialogs.png_export import BoardPngExport
from ui.read_only_banner import mark_edit_action

if TYPE_CHECKING:  # imported when first used: start-up needs only the actions
    from ui.dialogs.import_dialog import ImportDialog
    from ui.dialogs.report_dialog import ReportDialog

SETTINGS_FOLDER = "export/folder"


def _tr(text: str) -> str:
    return QCoreApplication.translate("IOActions", text)


class IOActions(QObject):
    """Import action table…, Weekly report…, Export actions as Markdown / CSV…"""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.edit = window.edit_context  # type: ignore[attr-defined]
        self.import_dialog: ImportDialog | None = None
        self.report_dialog: ReportDialog | None = None

        self.import_action = mark_edit_action(QAction(_tr("&Import action table…"), window))
        self.import_action.setObjectName("importActionTable")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip(
            _tr("Paste a Markdown action table and add its rows as cards")
        )
        self.import_action.triggered.connect(self.open_import)
        self.report_action = QAction(_tr("Weekly &report…"), window)
        self.report_action.setObjectName("weeklyReport")
        self.report_action.setStatusTip(_tr("The 周报 of a week, to read and save as Markdown"))
        self.report_action.triggered.connect(self.open_report)
        self.export_md_action = QAction(_tr("Export actions as &Markdown…"), window)
        self.export_md_action.setObjectName("exportActionsMarkdown")
        self.export_md_action.triggered.connect(lambda: self.export("md"))
        self.export_csv_action = QAction(_tr("Export actions as &CSV…"), window)
        self.export_csv_action.setObjectName("exportActionsCsv")
        self.export_csv_action.setStatusTip(_tr("A CSV file that Excel opens with Chinese intact"))
        self.export_csv_action.triggered.connect(lambda: self.export("csv"))
        self.png_export = BoardPngExport(window)  # Export board as PNG… (Ctrl+E)

        # At the top of the File menu, above what the window put there (backups, Quit).
        before = menu.actions()[0] if menu.actions() else None
        for action in (
            self.import_action,
            None,
            self.report_action,
            self.export_md_action,
            self.export_csv_action,
            self.png_export.action,
            None,
        ):
            if action is None:
                action = QAction(window)
                action.setSeparator(True)
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)

    def open_import(self) -> ImportDialog:
        from ui.dialogs.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self.edit, self.window)
        self.import_dialog.open()
        return self.import_dialog

    def open_report(self) -> ReportDialog:
        from ui.dialogs.report_dialog import ReportDialog

        self.report_dialog = ReportDialog(self.edit, self.window)
        self.report_dialog.open()
        return self.report_dialog

    def export(self, kind: str, path: str | None = None) -> Path | None:
        """Write the actions as Markdown (``md``) or CSV (``csv``); asks for the file if needed."""
        from PySide6.QtWidgets import QFileDialog

        from app.export_table import export_csv, export_markdown
        from app.file_output import write_atomic
        from ui.dialogs.common import warn_not_written

        if path is None:
            folder = Path(str(QSettings().value(SETTINGS_FOLDER, "") or Path.home()))
            plan = self.edit.svc.get("plan", self.edit.plan_id)
            suggested = folder / f"{plan.name}-actions.{kind}"
            filters = _tr("Markdown files (*.md)") if kind == "md" else _tr("CSV files (*.csv)")
            path, _ = QFileDialog.getSaveFileName(
                self.window, _tr("Export actions"), str(suggested), filters
            )
            if not path:
                return None
        svc, plan_id = self.edit.svc, self.edit.plan_id
        data = (
            export_markdown(svc, plan_id).encode("utf-8")
            if kind == "md"
            else export_csv(svc, plan_id)
        )
        try:
            target = write_atomic(path, data)
        except OSError as exc:
            warn_not_written(self.window, path, exc)
            return None
        QSettings().setValue(SETTINGS_FOLDER, str(target.parent))
        self.window.statusBar().showMessage(
            _tr("Actions exported to %1").replace("%1", str(target)), 8000
        )
        return target
