"""Writes of many rows at once (an import and its undo): one statement, one transaction.

``create`` per row reads each row back and checks its parents one by one, about 1 ms a card,
which is 10 s for a 10,000-row import; these check every row first, then write them all with one
INSERT (or DELETE), so an import lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from app.services.checks import RowError, RowErrors, validated_many
from app.services.kinds import KINDS
from app.services.snapshots import Snapshot, collect_dependents
from models.errors import NotFoundError

if TYPE_CHECKING:
    from sqlmodel import Session

CHUNK = 500  # ids per IN list: well under SQLite's limit on bound parameters


class BulkWrites:
    """PlanService's bulk methods; the service provides ``_tx`` (its transaction)."""

    def _tx(self) -> AbstractContextManager[Session]:  # pragma: no cover - PlanService's
        raise NotImplementedError

    def create_many(self, kind: str, rows: Sequence[Mapping[str, Any]]) -> list[int]:
        """Insert many entities of one kind (an import) and return their ids in row order.

        Each row is validated as ``create`` validates it (``kr_ids`` included) before anything
        is written; if any row is bad, RowErrors names every bad row and nothing is written.
        """
        k = KINDS[kind]
        with self._tx() as s:
            values, links, errors = validated_many(s, k, rows)
            if errors:
                raise RowErrors(errors)
            if not values:
                return []
            t = k.table
            stmt = sa.insert(t).returning(t.c.id, sort_by_parameter_order=True)
            ids = list(s.execute(stmt, values).scalars())
            if k.link is not None:
                pairs = zip(ids, links, strict=True)
                link_rows = [{k.link_column: i, "kr_id": kr} for i, krs in pairs for kr in krs]
                if link_rows:
                    s.execute(sa.insert(k.link), link_rows)
            return ids

    def check_many(self, kind: str, rows: Sequence[Mapping[str, Any]]) -> list[RowError]:
        """What ``create_many`` would refuse, without writing anything (an import's preview)."""
        with self._tx() as s:
            return validated_many(s, KINDS[kind], rows)[2]

    def delete_many(self, kind: str, idents: Sequence[int]) -> Snapshot:
        """Delete many entities and what depends on them in one transaction (undo of an
        import); one snapshot restores them all. ``delete`` per row takes 1 ms a row."""
        k = KINDS[kind]
        t = k.table
        ids = list(dict.fromkeys(idents))
        chunks = list(_chunks(ids))
        rows: list[tuple[str, dict[str, Any]]] = []
        with self._tx() as s:
            for chunk in chunks:
                found = set(s.execute(sa.select(t.c.id).where(t.c.id.in_(chunk))).scalars())
                missing = [i for i in chunk if i not in found]
                if missing:
                    raise NotFoundError(kind, missing[0])
            for chunk in chunks:
                rows += collect_dependents(s, t, chunk)
                s.execute(sa.delete(t).where(t.c.id.in_(chunk)))
        return Snapshot(rows=tuple(rows))


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
