"""A read that fails while the window is being built: one clear message, nothing left behind.

The open check (integrity_check, or quick_check for big plans) is made to miss the damage, as
quick_check misses an index that disagrees with its table, so the failure happens mid-build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import sqlite_file
from app.db import BadFileError, open_database
from app.instance_lock import acquire

PAGE = 4096


def test_a_read_failing_mid_build_is_reported_and_leaves_no_half_window(
    qtbot, tmp_path, monkeypatch
) -> None:
    from app.main import create_main_window

    path = tmp_path / "plan.db"
    open_database(f"sqlite:///{path}").close()
    data = bytearray(path.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE : (middle + 1) * PAGE] = b"\xa5" * PAGE
    path.write_bytes(bytes(data))
    monkeypatch.setattr(sqlite_file, "_integrity_problem", lambda _conn, _size: None)

    with pytest.raises(BadFileError, match="the file is damaged") as err:
        create_main_window(str(path))
    assert err.value.path == path  # the recovery dialog offers this plan's backups
    assert str(err.value).startswith(f"{path}: ")
    qtbot.wait(100)  # the event loop runs on: nothing half-built is left for it to touch
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
    assert Path(path).read_bytes() == bytes(data)  # nothing was written
    lock = acquire(path)  # and the plan is not held
    assert lock is not None
    lock.release()
