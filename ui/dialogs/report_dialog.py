"""File > Weekly report: the 周报 of a chosen week, shown rendered, saved as a Markdown file.

The report itself is built headless by ``app.report`` (the CLI's ``report`` writes the same
text); this dialog only picks the week, shows the Markdown and saves or copies it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.file_output import write_atomic
from app.report import current_week, weekly_report
from models.lights import Light
from ui.edit_context import EditContext
from ui.lights import UNSET, light_colour

SETTINGS_FOLDER = "report_dialog/folder"
# The report marks lights and card status with emoji, which read well wherever the boss opens
# the Markdown; a desktop without a colour-emoji font would show empty boxes, so the view
# shows them as coloured dots and plain check boxes instead (the saved text keeps the emoji).
_DOTS = {
    "🟢": light_colour(Light.GREEN),
    "🟡": light_colour(Light.YELLOW),
    "🟠": light_colour(Light.YELLOW_RED),
    "🔴": light_colour(Light.RED),
    "⚪": UNSET,
}
_MARKS = {"✅": "☑", "⬜": "☐", "🔄": "◐"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportDialog", text)


class ReportDialog(QDialog):
    """Pick a week of the quarter, read its report, save it to a .md file."""

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.markdown = ""
        self.setObjectName("reportDialog")
        self.setWindowTitle(_tr("Weekly report"))
        self.resize(860, 720)

        self.week_box = QComboBox(self)
        self.week_box.setObjectName("reportWeek")
        quarter = edit.svc.quarter(edit.plan_id)
        this_week = current_week(edit.svc, edit.plan_id)
        self.mondays = [wk.start for wk in quarter.weeks()]
        for monday in self.mondays:
            year, number, _ = monday.isocalendar()
            sunday = monday + dt.timedelta(days=6)
            label = f"{year}-W{number:02d}  ({monday:%m-%d} – {sunday:%m-%d})"
            if monday == this_week:
                label += "  · " + _tr("this week")
            self.week_box.addItem(label)
        if this_week in self.mondays:
            self.week_box.setCurrentIndex(self.mondays.index(this_week))
        self.week_box.currentIndexChanged.connect(self.refresh)

        self.view = QTextBrowser(self)
        self.view.setObjectName("reportView")
        self.view.setOpenExternalLinks(False)
        self.status = QLabel(self)
        self.status.setObjectName("reportStatus")

        save = QPushButton(_tr("&Save as Markdown…"), self)
        save.setObjectName("reportSave")
        save.clicked.connect(lambda: self.save())
        copy = QPushButton(_tr("&Copy Markdown"), self)
        copy.setObjectName("reportCopy")
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Week:"), self))
        top.addWidget(self.week_box, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(save)
        bottom.addWidget(copy)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.refresh()

    @property
    def week(self) -> dt.date:
        return self.mondays[self.week_box.currentIndex()]

    def select_week(self, monday: dt.date) -> None:
        self.week_box.setCurrentIndex(self.mondays.index(monday))

    def refresh(self) -> None:
        self.markdown = weekly_report(self.edit.svc, self.edit.plan_id, self.week)
        self.view.setMarkdown(self.markdown)
        _paint_marks(self.view.document())
        self.status.clear()

    def default_name(self) -> str:
        year, number, _ = self.week.isocalendar()
        return f"周报-{year}-W{number:02d}.md"

    def save(self, path: str | None = None) -> Path | None:
        """Write the report (whole or not at all); asks for the file unless given one."""
        if path is None:
            folder = str(QSettings().value(SETTINGS_FOLDER, "") or Path.home())
            path, _ = QFileDialog.getSaveFileName(
                self,
                _tr("Save weekly report"),
                str(Path(folder) / self.default_name()),
                _tr("Markdown files (*.md)"),
            )
            if not path:
                return None
        try:
            target = write_atomic(path, self.markdown.encode("utf-8"))
        except OSError as exc:
            self.status.setText(_tr("Not saved: %1").replace("%1", exc.strerror or str(exc)))
            return None
        QSettings().setValue(SETTINGS_FOLDER, str(target.parent))
        self.status.setText(_tr("Saved to %1").replace("%1", str(target)))
        return target

    def copy(self) -> None:
        QApplication.clipboard().setText(self.markdown)
        self.status.setText(_tr("Markdown copied to the clipboard"))


def _paint_marks(document: QTextDocument) -> None:
    """Swap the report's emoji for glyphs every font has: coloured dots, check boxes."""
    for emoji, replacement in [*((e, "●") for e in _DOTS), *_MARKS.items()]:
        cursor = document.find(emoji)
        while not cursor.isNull():
            fmt = QTextCharFormat(cursor.charFormat())
            if emoji in _DOTS:
                fmt.setForeground(_DOTS[emoji])
            cursor.insertText(replacement, fmt)
            cursor = document.find(emoji, cursor.position())
