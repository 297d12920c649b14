"""``python -m app`` runs the same command line as the ``okr-planner`` script."""

from __future__ import annotations

from app.cli import main

raise SystemExit(main())
