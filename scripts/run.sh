#!/usr/bin/env bash
# Set up (first time only) and open OKR Planner. With no plan yet, it starts on the sample Q4 plan.
# Extra arguments go to okr-planner, e.g. scripts/run.sh --db ~/plans/team.db
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/okr-planner "$@"
