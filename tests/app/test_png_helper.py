"""``export-png`` with a helper process painting strips from the bottom up (``app.png_helper``).

Each case runs the command in a fresh process, as a user does: the helper is forked only
where no Qt is loaded yet, which the test process (with its QApplication) is not.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import png_helper
from app.cli import main

ROOT = Path(__file__).parents[2]

SCRIPT = """
import errno, os, sys, time
from app import png_helper
from ui.board import png_stream
from app.cli import main

sent = []
strip_of = png_helper.PaintHelper.strip

def strip(self, index):
    got = strip_of(self, index)
    if got is not None:
        sent.append(index)
    return got

png_helper.PaintHelper.strip = strip
record = png_stream.write_record
add = png_stream.PngWriter.add

def slow_add(self, strip):  # the parent writes slowly: the helper sends strips for sure
    time.sleep(0.25)
    add(self, strip)

png_stream.PngWriter.add = slow_add
{patch}
code = main(["export-png", "--db", sys.argv[1], "--out", sys.argv[2], "--scale", "2"])
print("FROM HELPER", len(sent))
try:
    os.waitpid(-1, os.WNOHANG)
    print("CHILD LEFT")
except ChildProcessError:
    print("NO CHILD")
sys.exit(code)
"""

PATCHES = {
    "none": "",
    # The helper sends one strip, then dies.
    "dies": (
        "def dying(out, index, strip):\n"
        "    record(out, index, strip)\n"
        "    os._exit(3)\n"
        "png_stream.write_record = dying\n"
    ),
    # The helper sends strips of another layout (one row too many): not believed.
    "wrong": (
        "def wrong(out, index, strip):\n"
        "    record(out, index, strip._replace(rows=strip.rows + 1))\n"
        "png_stream.write_record = wrong\n"
    ),
    # The helper hangs after one strip: never waited for.
    "hangs": (
        "def hanging(out, index, strip):\n"
        "    record(out, index, strip)\n"
        "    time.sleep(600)\n"
        "png_stream.write_record = hanging\n"
    ),
    # The disk fills up in the parent while the helper is at work.
    "disk full": (
        "def full(self, strip):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "png_stream.PngWriter.add = full\n"
    ),
}


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("helper") / "plan.db"
    assert main(["demo", "--db", str(path)]) == 0
    return path


def run(plan: Path, out: Path, patch: str = "none", *, processes: str | None = None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    env.pop(png_helper.PROCESSES_ENV, None)
    if processes is not None:
        env[png_helper.PROCESSES_ENV] = processes
    code = SCRIPT.replace("{patch}", PATCHES[patch])
    return subprocess.run(
        [sys.executable, "-c", code, str(plan), str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
    )


def helped(result: subprocess.CompletedProcess[str]) -> int:
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("FROM HELPER"))
    return int(line.split()[-1])


@pytest.fixture(scope="module")
def alone(plan, tmp_path_factory) -> bytes:
    """The image painted in one process: what every other way must give, byte for byte."""
    out = tmp_path_factory.mktemp("alone") / "board.png"
    result = run(plan, out, processes="1")
    assert result.returncode == 0, result.stderr
    assert helped(result) == 0
    return out.read_bytes()


multi_core = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="the helper is forked on Linux with two or more cores",
)


@multi_core
@pytest.mark.parametrize("patch", ["none", "dies", "hangs", "wrong"])
def test_the_file_is_the_same_whatever_the_helper_does(plan, alone, tmp_path, patch) -> None:
    """A helper that paints strips from the bottom up, one that dies or hangs after a strip
    and one that paints another layout all end in the same file as painting alone; the helper
    is always reaped."""
    out = tmp_path / "board.png"
    result = run(plan, out, patch)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().startswith("Board written to")
    assert out.read_bytes() == alone
    assert "NO CHILD" in result.stdout
    if patch in ("dies", "hangs"):
        assert helped(result) == 1  # the last strip, then nothing
    else:  # the helper sent strips (believed or, "wrong", painted again here)
        assert helped(result) >= 1


@multi_core
def test_a_failed_write_stops_the_helper_and_leaves_no_file(plan, tmp_path) -> None:
    out = tmp_path / "board.png"
    result = run(plan, out, "disk full")
    assert result.returncode == 1
    assert "cannot be written" in result.stderr and "No space left" in result.stderr
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name != "board.png"]  # no temporary left
    assert "NO CHILD" in result.stdout


def test_no_helper_where_qt_is_loaded(qapp) -> None:
    """This test process has Qt loaded (a fork would inherit its threads and windows): the
    export paints in-process (OKR_PLANNER_EXPORT_PROCESSES=1 does the same: ``alone``)."""
    assert not png_helper.can_fork()
    assert png_helper.start_helper(lambda _pipe: None) is None
