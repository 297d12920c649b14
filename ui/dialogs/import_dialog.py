"""File > Import action table: paste (or open) a Markdown table, see what it creates, import.

The preview is live: every pause in typing reads the table again through
``app.import_markdown.preview_import`` (which writes nothing) and shows either the cards that
will be created or every problem with its line number. Import is enabled only for a clean
table, and pushes one ``ImportCards`` command, so a whole import is one undo step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.commands import ImportCards
from app.import_markdown import ImportPreview, preview_import
from models.calendar import Level, period_label
from models.markdown_table import ActionRow, TableProblem
from ui.edit_context import EditContext

_Index = QModelIndex | QPersistentModelIndex
PREVIEW_DELAY_MS = 250  # one read per pause in typing, not per key
_PLAIN_DATE = re.compile(r"[\d\s./年月日-]*")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


def _headers() -> tuple[str, ...]:
    return (
        _tr("Line"),
        _tr("Period"),
        _tr("Action"),
        _tr("KRs"),
        _tr("Owner"),
        _tr("Due"),
        _tr("Done criteria"),
    )


class ImportPreviewModel(QAbstractTableModel):
    """The cards an import would create, one row per table row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []

    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ActionRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_headers())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(self._rows[index.row()], index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_headers())
        ):
            return _headers()[section]
        return None

    @staticmethod
    def _text(row: ActionRow, column: int) -> str:
        if column == 0:
            return str(row.line)
        if column == 1:
            level = {
                Level.QUARTER: _tr("Quarter"),
                Level.MONTH: _tr("Month"),
                Level.WEEK: _tr("Week"),
            }[row.level]
            return f"{level} {period_label(row.level, row.period_start, row.period_end)}"
        if column == 2:
            return row.title
        if column == 3:
            return "/".join(row.kr_codes)
        if column == 4:
            return row.owner_role
        if column == 5:
            if row.due is None:
                return row.due_text
            shown = row.due.isoformat()
            plain = _PLAIN_DATE.fullmatch(row.due_text.strip())  # 12-31: the date says it all
            return shown if plain else f"{shown} ({row.due_text})"
        return row.done_criteria


class ImportDialog(QDialog):
    """Paste or open a Markdown action table; preview; import as one undo step."""

    def __init__(self, edit: EditContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.preview: ImportPreview = ImportPreview((), (), ())
        self.setObjectName("importDialog")
        self.setWindowTitle(_tr("Import action table"))
        self.resize(1000, 640)

        intro = QLabel(
            _tr(
                "Paste a Markdown action table below, or open a file. Columns: 层级 / 行动事项 / "
                "所属 KR / 责任角色 / 截止时间 / 完成标准 (or Level / Action / KR / Owner / Due "
                "/ Done criteria), in any order. Each row becomes a card; nothing is written "
                "until you press Import."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("importText")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlaceholderText(
            "| 层级 | 行动事项 | 所属 KR | 责任角色 | 截止时间 | 完成标准 |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| 周度(W49) | … | KR1 | … | 本周五 | … |"
        )
        open_button = QPushButton(_tr("&Open file…"), self)
        open_button.setObjectName("importOpenButton")
        open_button.clicked.connect(self.open_file)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.model = ImportPreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.problems.itemActivated.connect(self._go_to_problem)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.problems)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            _tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(intro, 1)
        row.addWidget(open_button, 0, Qt.AlignmentFlag.AlignTop)
        top_layout.addLayout(row)
        top_layout.addWidget(self.editor)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.pages)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([280, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.editor.textChanged.connect(self._timer.start)
        self.refresh_preview()

    # ----- input -------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Put a table in the editor and preview it at once (Open file, tests)."""
        self.editor.setPlainText(text)
        self._timer.stop()
        self.refresh_preview()

    def open_file(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                _tr("Open action table"),
                "",
                _tr("Markdown files (*.md *.markdown *.txt);;All files (*)"),
            )
            if not path:
                return False
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            self._show_file_problem(path, _tr("it is not UTF-8 text; save it as UTF-8"))
            return False
        except OSError as exc:
            self._show_file_problem(path, exc.strerror or str(exc))
            return False
        self.set_text(text)
        return True

    # ----- preview -----------------------------------------------------------------------
    def refresh_preview(self) -> None:
        text = self.editor.toPlainText()
        if not text.strip():
            self._show(ImportPreview((), (), ()), _tr("Paste a table to see what it creates."))
            return
        self._show(preview_import(self.edit.svc, self.edit.plan_id, text))

    def _show(self, preview: ImportPreview, message: str | None = None) -> None:
        self.preview = preview
        self.model.set_rows(preview.rows)
        self.problems.clear()
        for problem in preview.problems:
            self.problems.addItem(self._problem_text(problem))
            self.problems.item(self.problems.count() - 1).setData(
                Qt.ItemDataRole.UserRole, problem.line
            )
        self.pages.setCurrentWidget(self.problems if preview.problems else self.table)
        if message is None:
            message = self._summary_text(preview)
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #b3261e;" if preview.problems else "")
        self.import_button.setEnabled(preview.ok and self.edit.can_edit)
        if preview.rows:
            self.table.resizeColumnsToContents()

    def _summary_text(self, preview: ImportPreview) -> str:
        if preview.problems:
            count = len(preview.problems)
            return (
                _tr("1 problem: fix it in the text above; nothing is imported until then.")
                if count == 1
                else _tr(
                    "%1 problems: fix them in the text above; nothing is imported until then."
                ).replace("%1", str(count))
            )
        per_kr = " · ".join(f"{code}: {n}" for code, n in preview.per_kr().items())
        total = len(preview.rows)
        text = (
            _tr("1 card will be created")
            if total == 1
            else _tr("%1 cards will be created").replace("%1", str(total))
        )
        text += f" ({per_kr})"
        if not self.edit.can_edit:
            text += " — " + _tr("this window is read-only, so nothing can be imported")
        return text

    @staticmethod
    def _problem_text(problem: TableProblem) -> str:
        cell = problem.cell if len(problem.cell) <= 60 else problem.cell[:57] + "…"
        return (
            _tr("Line %1, column %2 (“%3”): %4")
            .replace("%1", str(problem.line))
            .replace("%2", problem.column)
            .replace("%3", cell)
            .replace("%4", problem.message)
        )

    def _show_file_problem(self, path: str, reason: str) -> None:
        message = _tr("%1 cannot be read: %2").replace("%1", path).replace("%2", reason)
        self._show(ImportPreview((), (), ()), message)

    def _go_to_problem(self, item: Any) -> None:
        """Activating a problem puts the cursor on its line in the editor."""
        line = item.data(Qt.ItemDataRole.UserRole)
        block = self.editor.document().findBlockByNumber(max(0, int(line) - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    # ----- import ------------------------------------------------------------------------
    def do_import(self) -> bool:
        """Read the table again (the plan may have changed) and import it as one undo step."""
        self._timer.stop()
        self.refresh_preview()
        if not self.preview.ok or not self.edit.can_edit:
            return False
        total = len(self.preview.rows)
        name = (
            _tr("Import 1 card") if total == 1 else _tr("Import %1 cards").replace("%1", str(total))
        )
        if not self.edit.push(ImportCards(list(self.preview.cards), name=name)):
            return False
        self.accept()
        return True
