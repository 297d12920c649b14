"""Domain errors: each names what was wrong, where, and what is allowed."""

from __future__ import annotations


class PlanError(Exception):
    """Base of every error the domain and service layers raise on purpose."""


class ValidationError(PlanError):
    """A value a user or an import tried to save is not acceptable.

    ``entity`` and ``field`` say where (``"metric"``, ``"floor"``), ``message`` says what is
    allowed, so a dialog can point at the field and a CLI can print one clear line.
    """

    def __init__(self, entity: str, field: str, message: str) -> None:
        super().__init__(f"{entity}.{field}: {message}")
        self.entity = entity
        self.field = field
        self.message = message


class NotFoundError(PlanError):
    """An id that does not (or no longer) exist."""

    def __init__(self, entity: str, ident: object) -> None:
        super().__init__(f"{entity} {ident} does not exist")
        self.entity = entity
        self.ident = ident
