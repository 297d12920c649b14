"""Alembic migrations of the plan schema; run programmatically, no alembic.ini needed."""
