"""How a figure reader selects the rows of the units it is asked for (issue 12: no IN list of every unit id).

`cchc.figures.figures_read` hands every reader a `UnitIds` list (defined here, re-exported there); a reader
filters its rows with `units_q`: by the units' subtree path when the caller gave one (`UnitIds.subtree`), else
by the ids, bound as one array from `MANY_IDS` of them (Django prepares each value of an IN list in Python,
seconds at 10,000 units).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection, models
from django.db.models.expressions import RawSQL


class UnitIds(list):
    """The unit ids `figures_read` passes to every reader: a list, which also knows each unit's kind when the
    caller had the units at hand (`kinds`, {id: kind}; None when unknown), so a reader needing kinds does not
    query them again."""

    kinds: dict[int, str] | None = None
    # A path prefix (`Unit.path`, "/1/") when the ids are (nearly) every unit under it (`figures_read(subtree=)`):
    # readers then select their rows by that subtree (`units_q`) instead of an IN list of every id, and
    # `figures_read` keeps the ids asked only. None: the ids are the filter.
    subtree: str | None = None


def units_q(unit_ids: Iterable[int], through: str = "report__unit") -> models.Q:
    """The filter a reader puts on its rows for the units (`through`: the path to the unit, e.g. "report__unit"):
    their subtree's path where `figures_read` was given one (a join on the indexed path instead of binding
    thousands of ids), else the ids."""
    subtree = getattr(unit_ids, "subtree", None)
    if subtree:
        return models.Q(**{f"{through}__path__startswith": subtree})
    ids = [int(pk) for pk in unit_ids]
    if len(ids) >= MANY_IDS:
        return models.Q(**{f"{through}_id__in": ids_bound_once(ids)})
    return models.Q(**{f"{through}_id__in": ids})


MANY_IDS = 200  # from this many ids, one bound array beats Django preparing and binding each id


def ids_bound_once(ids: list[int]) -> RawSQL:
    """`IN (SELECT …)` over the ids bound as one parameter (a JSON array on SQLite, an array on PostgreSQL):
    Django prepares every value of an IN list in Python, which cost seconds at 10,000 units."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
