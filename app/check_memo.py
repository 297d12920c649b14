"""Plan files known to be sound: checked on open, closed cleanly by us, not touched since.

Opening a plan runs SQLite's integrity check (app.sqlite_file), which reads every page: under a
millisecond for the sample plan, about 10 ms for a 10,000-card plan. A file that passed it and
that we then closed cleanly (SQLite wrote it, the WAL was checkpointed into it) is the file we
left; if its size, modification time and inode are still what we noted at that close, no other
program has written it since and the next open skips the check. Any change (a copy, a sync
tool, an editor, a half-written download, a restored backup) runs the check again, and so does
a WAL file left beside it (a crash). The memo is a small JSON file in the user's data folder;
when it cannot be read or written the checks simply run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MEMO_NAME = "checked-plans.json"
KEEP = 32  # files remembered, most recently closed first


def _memo_file() -> Path:
    """Beside the default plan, in the user's data folder (app.db.default_db_path)."""
    from app.db import default_db_path  # app.db imports this module: imported when used

    return default_db_path().parent / MEMO_NAME


def _stamp(path: Path) -> list[int] | None:
    """What identifies this version of the file; None when it is not settled (a WAL remains)."""
    try:
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _read() -> dict[str, list[int]]:
    try:
        data = json.loads(_memo_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(path: Path) -> str:
    return str(path.resolve())


def unchanged_since_checked(path: Path) -> bool:
    """Whether ``path`` is exactly the file we last closed after it had passed its check."""
    stamp = _stamp(path)
    return stamp is not None and _read().get(_key(path)) == stamp


def remember_checked(path: Path) -> None:
    """Note ``path`` as sound as it is now (after a clean close of a checked file)."""
    stamp = _stamp(path)
    if stamp is None:
        return
    memo = {k: v for k, v in _read().items() if k != _key(path)}
    entries = [(_key(path), stamp), *list(memo.items())[: KEEP - 1]]
    _write(dict(entries))


def forget_checked(path: Path) -> None:
    """Drop ``path`` from the memo (it failed a check, or is being replaced)."""
    memo = _read()
    if memo.pop(_key(path), None) is not None:
        _write(memo)


def _write(memo: dict[str, list[int]]) -> None:
    from app.file_output import write_atomic

    target = _memo_file()
    try:
        os.makedirs(target.parent, exist_ok=True)
        write_atomic(target, json.dumps(memo, indent=0).encode("utf-8"))
    except OSError:
        pass  # the next open runs its check: slower, never less safe
