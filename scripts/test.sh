#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite headless (Qt's offscreen platform is set
# by tests/conftest.py). The suite includes ruff and the import-linter layer contracts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
