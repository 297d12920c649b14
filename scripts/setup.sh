#!/usr/bin/env bash
# Set up what a fresh Debian/Ubuntu machine lacks for OKR Planner, then the Python venv.
# Idempotent and quick when everything is already there. Used by run.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Qt's runtime libraries (xcb for a real window, EGL/GL/fontconfig for offscreen too) and a CJK
# font so Chinese text never renders as empty boxes.
SYSTEM_PACKAGES=(
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
  fonts-noto-cjk
)

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "setup: installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # Names differ between releases (libglib2.0-0 became libglib2.0-0t64): skip unknown ones.
    available=()
    for pkg in "${missing[@]}"; do
      if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg");
      else echo "setup: no package $pkg on this system, skipped"; fi
    done
    if ((${#available[@]})); then
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${available[@]}" >/dev/null
    fi
  fi
else
  echo "setup: not a Debian/Ubuntu system; install Qt 6's runtime libraries and a CJK font yourself"
fi

# A Python >= 3.11 for the venv.
PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PYTHON="$candidate"
    break
  fi
done
if [ -z "$PYTHON" ]; then
  echo "setup: OKR Planner needs Python 3.11 or newer (python3 is $(python3 --version 2>&1))" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON"
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    command -v apt-get >/dev/null 2>&1 && ${SUDO:-} apt-get install -y -qq python3-venv >/dev/null
    rm -rf .venv
    "$PYTHON" -m venv .venv
  fi
fi

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=.venv/.okr-planner-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
