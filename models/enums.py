"""The short strings a plan stores for a card's status, a metric's direction and a rule's kind.

Stored as plain strings (no database enum type, so SQLite and PostgreSQL schemas stay the same)
and checked by the service before a write (models.validation).
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class Direction(StrEnum):
    """Whether a metric improves upwards (coverage) or downwards (error rate)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class RuleKind(StrEnum):
    """The warning-rule kinds of the reference plan's 预警机制 (三.3)."""

    GAIN_BELOW = "gain_below"  # weekly gain below X points for N consecutive weeks
    MILESTONE_BY_DATE = "milestone_by_date"  # a work package or deliverable not done by a date
    DOWNGRADE_BY_DATE = "downgrade_by_date"  # a condition not met by a date: target to floor
    FIRST_WEEK_BELOW = "first_week_below"  # value below a threshold after an experiment's week one
