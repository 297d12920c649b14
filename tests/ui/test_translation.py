"""The Chinese UI: the window speaks Chinese, the translation is complete and compiled.

The rest of the suite runs in English (tests/conftest.py sets OKR_PLANNER_LANG=en); here the
Chinese translators are installed on the running application for one test at a time and removed
afterwards, so the English tests that follow are unaffected.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from ui.goal_tree_model import Column, Roles
from ui.language import (
    CHINESE,
    ENGLISH,
    ENV_LANGUAGE,
    SETTINGS_LANGUAGE,
    choose_language,
    chosen_language,
    install_translations,
    normalise,
    remove_translations,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "okr_planner_zh_CN.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{\w+\}")
ACCELERATOR = re.compile(r"&(?=[A-Za-z0-9])(?![a-z]+;)")


@pytest.fixture
def chinese(monkeypatch, qapp):
    """The Chinese translation installed as start-up does, for one test."""
    monkeypatch.setenv(ENV_LANGUAGE, "zh_CN")
    locale = QLocale()
    translators = install_translations(chosen_language())
    assert len(translators) == 2, "ours and Qt's own (qtbase) translation"
    yield
    remove_translations(translators)
    QLocale.setDefault(locale)


@pytest.fixture
def settings_language():
    """Leave the saved language as it was."""
    settings = QSettings()
    before = settings.value(SETTINGS_LANGUAGE)
    yield settings
    if before is None:
        settings.remove(SETTINGS_LANGUAGE)
    else:
        settings.setValue(SETTINGS_LANGUAGE, before)


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name") or "", m) for c in root.iter("context") for m in c.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _indexes(model, parent=QModelIndex()):
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _indexes(model, index)


def test_window_menus_tree_and_board_are_chinese(chinese, qtbot, tmp_path) -> None:
    from app.main import create_main_window
    from ui.board.texts import level_name, month_name, status_name

    window = create_main_window(str(tmp_path / "plan.db"))
    qtbot.addWidget(window)
    try:
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        assert window.language_menu.title() == "语言(&G)"
        assert "剩余 4 周" in window.statusBar().currentMessage()

        lights = {
            index.data(): index.siblingAtColumn(Column.LIGHT).data()
            for index in _indexes(window.tree_model)
            if index.data(Roles.KIND) == "kr"
        }
        assert lights["KR1 已上线标签质量提升"] == "黄偏红"
        assert set(lights.values()) == {"绿", "黄", "黄偏红", "红"}
        header = window.tree_model.headerData(Column.NAME, Qt.Orientation.Horizontal)
        assert header == "目标"

        board = window.board
        assert board.findChild(QLineEdit, "filterText").placeholderText() == "搜索卡片"
        combos = {name: board.findChild(QComboBox, name) for name in ("filterLight", "focusMonth")}
        light_items = [combos["filterLight"].itemText(i) for i in range(5)]
        assert light_items == ["全部灯色", "绿", "黄", "黄偏红", "红"]
        assert combos["focusMonth"].itemText(0) == "整个季度"
        assert "聚焦：12月" in [
            combos["focusMonth"].itemText(i) for i in range(combos["focusMonth"].count())
        ]
        # What the column headers and card chips paint.
        assert month_name(dt.date(2025, 12, 1)) == "12月"
        assert (level_name("quarter"), status_name("todo")) == ("季度", "待办")
        card_id = next(iter(board.scene.model.cards))
        assert "截止：" in board.view.card_tooltip(card_id)
    finally:
        window.context.db.engine.dispose()


def test_plural_and_rule_templates_are_translated(chinese) -> None:
    from models.rules import T_PAST_DUE
    from ui.board.texts import delete_name

    assert delete_name(3) == "删除 3 张卡片"
    text = QCoreApplication.translate("Rules", T_PAST_DUE).format(title="周报", due="12-05")
    assert text == "「周报」12-05 到期，尚未完成"


def test_start_up_installs_chinese_from_the_environment() -> None:
    """The real start-up path in a fresh process: ensure_application loads the shipped .qm."""
    code = (
        "from app.main import ensure_application\n"
        "from PySide6.QtCore import QCoreApplication as C\n"
        "ensure_application()\n"
        "print(C.translate('lights', 'Yellow leaning red'), C.translate('QPlatformTheme', 'OK'))\n"
    )
    env = {**_env(), ENV_LANGUAGE: "zh_CN"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["黄偏红", "确定"]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != ENV_LANGUAGE}


def test_language_comes_from_environment_then_setting(monkeypatch, settings_language) -> None:
    monkeypatch.delenv(ENV_LANGUAGE, raising=False)
    settings_language.setValue(SETTINGS_LANGUAGE, "zh_CN")
    assert chosen_language() == CHINESE
    monkeypatch.setenv(ENV_LANGUAGE, "en")
    assert chosen_language() == ENGLISH
    codes = ("zh", "zh-Hans", "zh_CN.UTF-8", "en_US", "C", "fr", "")
    assert [normalise(c) for c in codes] == [CHINESE] * 3 + [ENGLISH] * 2 + [None] * 2


def test_choosing_a_language_saves_it_and_says_when_it_applies(
    monkeypatch, settings_language
) -> None:
    monkeypatch.delenv(ENV_LANGUAGE, raising=False)
    message = choose_language(None, CHINESE)
    assert settings_language.value(SETTINGS_LANGUAGE) == CHINESE
    assert "next time" in message and "简体中文" in message
    monkeypatch.setenv(ENV_LANGUAGE, "en")
    assert "OKR_PLANNER_LANG=en" in choose_language(None, CHINESE)


def test_english_installs_nothing(qapp) -> None:
    assert install_translations(ENGLISH) == []


def test_every_string_is_translated_with_its_placeholders() -> None:
    problems = []
    for context, message in _messages():
        translation = message.find("translation")
        if translation is not None and translation.get("type") in ("vanished", "obsolete"):
            continue
        source = message.findtext("source") or ""
        where = f"[{context}] {source!r}"
        if translation is None or translation.get("type") == "unfinished":
            problems.append(f"unfinished: {where}")
            continue
        for text in _translations(message):
            if not text.strip():
                problems.append(f"empty: {where}")
            missing = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(text))
            if missing:
                problems.append(f"{sorted(missing)} lost: {where} -> {text!r}")
            if ACCELERATOR.search(source) and not ACCELERATOR.search(text):
                problems.append(f"accelerator lost: {where} -> {text!r}")
    assert not problems, "\n".join(problems)


def test_ts_covers_every_string_the_code_translates() -> None:
    """A new tr() string fails here until scripts/update_translations.py adds it to the .ts."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from i18n_scan import scan
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    result = scan(ROOT)
    listed = {
        (context, m.findtext("source") or "", m.findtext("comment") or "")
        for context, m in _messages()
        if (m.find("translation") is None or m.find("translation").get("type") != "vanished")
    }
    missing = sorted(f"[{c}] {s!r}" for c, s, _ in set(result.messages) - listed)
    assert not result.problems, "\n".join(result.problems)
    assert not missing, (
        "Run .venv/bin/python scripts/update_translations.py and translate:\n" + "\n".join(missing)
    )


def test_qm_is_compiled_from_the_current_ts(tmp_path) -> None:
    """lrelease is deterministic: a .qm that differs was not rebuilt after the .ts changed."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(fresh)], check=True, timeout=60)
    assert QM.read_bytes() == fresh.read_bytes(), (
        "resources/i18n/okr_planner_zh_CN.qm is stale: run scripts/update_translations.py"
    )
