"""The UI language: which one, loading its translations, and the View > Language menu.

English is the source language; the Chinese translation ships as
resources/i18n/okr_planner_zh_CN.qm (built by scripts/update_translations.py). The choice is
made once at start-up, because Qt's translated texts are set when each widget is built:
``OKR_PLANNER_LANG`` (zh_CN, en) wins, then the saved setting ``ui/language``, then the system
locale (a Chinese system gets Chinese). Qt's own translation (qtbase) comes along so standard
buttons and dialogs speak the same language.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

ENV_LANGUAGE = "OKR_PLANNER_LANG"
SETTINGS_LANGUAGE = "ui/language"
ENGLISH = "en"
CHINESE = "zh_CN"
# Each language named in itself, as language menus do, so a user who cannot read the current
# language still finds their own: deliberately not translated.
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Language", text)


def normalise(code: object) -> str | None:
    """zh, zh_CN, zh-Hans, zh_CN.UTF-8 -> zh_CN; en, en_US, C -> en; anything else -> None."""
    if not isinstance(code, str) or not code.strip():
        return None
    text = code.strip().split(".")[0].replace("-", "_").lower()
    if text.startswith("zh"):
        return CHINESE
    if text.startswith("en") or text in ("c", "posix"):
        return ENGLISH
    return None


def chosen_language() -> str:
    """The language to start in: environment, then the saved setting, then the system."""
    language = normalise(os.environ.get(ENV_LANGUAGE))
    if language is None:
        language = normalise(QSettings().value(SETTINGS_LANGUAGE))
    if language is not None:
        return language
    return CHINESE if QLocale.system().name().lower().startswith("zh") else ENGLISH


def _load_ours(translator: QTranslator, language: str) -> bool:
    qm = resources.files("resources").joinpath("i18n", f"okr_planner_{language}.qm")
    if isinstance(qm, Path):
        return qm.is_file() and translator.load(str(qm))
    try:  # packaged in a zip: load from memory, and keep the bytes alive with the translator
        data = qm.read_bytes()
    except OSError:
        return False
    translator._okr_data = data  # type: ignore[attr-defined]
    return translator.load(data)


def install_translations(language: str) -> list[QTranslator]:
    """Install our and Qt's translators for ``language`` on the running application.

    Returns the installed translators (empty for English) so a caller can remove them again.
    A missing .qm leaves the UI in English rather than failing to start.
    """
    app = QCoreApplication.instance()
    if app is None or language == ENGLISH:
        if app is not None and QLocale.system().language() == QLocale.Language.Chinese:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Territory.UnitedStates))
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if _load_ours(ours, language):
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    if installed:  # dates, month names and numbers in the same language as the words
        QLocale.setDefault(QLocale(language))
    return installed


def remove_translations(translators: list[QTranslator]) -> None:
    app = QCoreApplication.instance()
    for translator in translators:
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()


def add_language_menu(menu: QMenu, parent: QWidget) -> QMenu:
    """View > Language: English / 简体中文, saved for the next start (texts are built once)."""
    sub = menu.addMenu(_tr("Lan&guage"))
    sub.setObjectName("languageMenu")
    group = QActionGroup(sub)
    current = chosen_language()
    for code, name in LANGUAGE_NAMES.items():
        action = QAction(name, sub, checkable=True)
        action.setData(code)
        action.setChecked(code == current)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(parent, c))
        group.addAction(action)
        sub.addAction(action)
    return sub


def choose_language(parent: QWidget | None, language: str) -> str:
    """Save the choice and tell the user when it takes effect; returns what was said."""
    QSettings().setValue(SETTINGS_LANGUAGE, language)
    message = _tr("OKR Planner will use %1 the next time it starts.").replace(
        "%1", LANGUAGE_NAMES.get(language, language)
    )
    forced = normalise(os.environ.get(ENV_LANGUAGE))
    if forced is not None and forced != language:
        message += "\n\n" + _tr(
            "The environment variable %1 is set and still wins over this choice."
        ).replace("%1", f"{ENV_LANGUAGE}={os.environ.get(ENV_LANGUAGE)}")
    if parent is not None:
        QMessageBox.information(parent, _tr("Language"), message)
    return message
