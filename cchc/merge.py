"""Three-way merge of values: what I changed since the version I started from, on top of what is there now.

Pure functions, no Django: the report page uses them when a save arrives on an older version
(cchc/pagemerge.py), and an upload of a workbook exported from an older version can use them the same way.

- `base`: the values as they were when the user started (the version they loaded);
- `theirs`: the values as they are now (others saved in between);
- `mine`: the values the user sends.

A key absent from `mine` is one the user did not send: it is left as `theirs`. A key absent from `theirs`
but present in `base` was removed by them. `MISSING` stands for "absent" in a `Conflict`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()
# A row-level conflict (deleted on one side, changed on the other) has this as its field.
ROW = None


@dataclass(frozen=True)
class Conflict:
    """One value changed on both sides to different values: the user chooses.

    For rows, `key` is `(row_id, field)`, or `(row_id, ROW)` when one side deleted the row and the other
    changed it (then `theirs` or `mine` is `MISSING`).
    """

    key: Any  # a field name; for rows a tuple (row_id, field)
    base: Any
    theirs: Any
    mine: Any


def _equal(key, a, b) -> bool:
    return a == b


def three_way(
    base: Mapping, theirs: Mapping, mine: Mapping, *, same: Callable[[Any, Any, Any], bool] = _equal
) -> tuple[dict, list[Conflict]]:
    """Merge `mine` into `theirs` against `base`, key by key.

    Changed only by me → mine; changed only by them, or by nobody → theirs; changed by both to the same
    value → that value; changed by both to different values → a `Conflict`, and `merged` keeps theirs
    for that key (nothing of mine is applied until the user chooses). `same(key, a, b)` compares two
    values of a key (default `==`; the report page compares as the form field would).
    """
    merged: dict = {key: value for key, value in theirs.items()}
    conflicts: list[Conflict] = []
    for key, value in mine.items():
        old = base.get(key, MISSING)
        now = theirs.get(key, MISSING)
        if _same(same, key, old, value):
            continue  # not changed by me: theirs stands
        if _same(same, key, old, now) or _same(same, key, now, value):
            merged[key] = value  # changed only by me (or both alike)
            continue
        conflicts.append(Conflict(key=key, base=old, theirs=now, mine=value))
    return merged, conflicts


def _same(same, key, a, b) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return same(key, a, b)


def _row_changed(same, base_row: Mapping, row: Mapping) -> bool:
    return any(not _same(same, key, base_row.get(key, MISSING), value) for key, value in row.items())


def three_way_rows(
    base: Mapping[Any, Mapping],
    theirs: Mapping[Any, Mapping],
    mine: Mapping[Any, Mapping | None],
    *,
    same: Callable[[Any, Any, Any], bool] = _equal,
) -> tuple[dict, list[Conflict]]:
    """The same rule for repeating rows, each keyed by its id.

    `mine` maps a row id to its values, or to None when the user deleted the row; rows the user did not
    send are left as they are now. Rows the user added (no id yet) are the caller's: they are simply
    added. Rows added by them are kept. A row deleted by me is deleted unless they changed it (then a
    row conflict; the row stays until the user chooses); a row changed by me that they deleted is a row
    conflict too (it stays deleted until the user chooses). Fields of a row changed by both are merged
    with `three_way`, conflicts keyed `(row_id, field)`. Returns the merged rows (id → values), in the
    order of `theirs`.
    """
    merged: dict = {row_id: dict(values) for row_id, values in theirs.items()}
    conflicts: list[Conflict] = []
    for row_id, values in mine.items():
        base_row = base.get(row_id)
        if base_row is None:
            continue  # not a row of the version the user started from: not theirs to change
        their_row = theirs.get(row_id)
        if values is None:  # deleted by me
            if their_row is None:
                continue
            if _row_changed(same, base_row, their_row):
                conflicts.append(Conflict(key=(row_id, ROW), base=base_row, theirs=their_row, mine=MISSING))
            else:
                del merged[row_id]
            continue
        if their_row is None:  # deleted by them
            if _row_changed(same, base_row, values):
                conflicts.append(Conflict(key=(row_id, ROW), base=base_row, theirs=MISSING, mine=values))
            continue
        row, row_conflicts = three_way(base_row, their_row, values, same=lambda key, a, b: same(key, a, b))
        merged[row_id] = row
        conflicts += [Conflict(key=(row_id, c.key), base=c.base, theirs=c.theirs, mine=c.mine) for c in row_conflicts]
    return merged, conflicts
