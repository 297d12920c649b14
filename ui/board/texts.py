"""User-facing words of the board (translated through Qt), kept in one place so the cards, the
headers, the dialog and the undo entries name things the same way."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from models.calendar import Bucket, Level
from models.enums import Status


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Board", text, None, n)


def status_name(status: str) -> str:
    # One translation looked up, not three: every card painted asks for its status's name.
    if status == Status.TODO.value:
        return tr("To do")
    if status == Status.DOING.value:
        return tr("Doing")
    if status == Status.DONE.value:
        return tr("Done")
    return status


def level_name(level: str) -> str:
    names = {
        Level.QUARTER.value: tr("Quarter"),
        Level.MONTH.value: tr("Month"),
        Level.WEEK.value: tr("Week"),
    }
    return names.get(level, level)


def month_name(day: dt.date) -> str:
    """Short month name in the user's language: Dec, 12月."""
    return QLocale().standaloneMonthName(day.month, QLocale.FormatType.ShortFormat)


def short_date(day: dt.date | None) -> str:
    return f"{day.month:02d}-{day.day:02d}" if day is not None else ""


def bucket_name(bucket: Bucket) -> str:
    """How a column is named in messages and undo entries: W50, Dec, 2025 Q4."""
    if bucket.level is Level.WEEK:
        return bucket.label
    if bucket.level is Level.MONTH:
        return month_name(bucket.start)
    quarter = (bucket.start.month - 1) // 3 + 1
    return f"{bucket.start.year} Q{quarter}"


def week_range(bucket: Bucket) -> str:
    return f"{short_date(bucket.start)} – {short_date(bucket.end)}"


def move_name(count: int, bucket: Bucket) -> str:
    if count == 1:
        return tr("Move card to %1").replace("%1", bucket_name(bucket))
    return tr("Move %n cards to %1", n=count).replace("%1", bucket_name(bucket))


def status_command_name(count: int, status: str) -> str:
    name = status_name(status)
    if count == 1:
        return tr("Mark card %1").replace("%1", name)
    return tr("Mark %n cards %1", n=count).replace("%1", name)


def delete_name(count: int) -> str:
    return tr("Delete card") if count == 1 else tr("Delete %n cards", n=count)
