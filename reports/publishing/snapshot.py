"""The scorecard as frozen JSON and back, and the checksum of a publication.

Every field of the builder's dataclasses is written (so fields the builder adds later are kept too):
Decimals as strings (exact: Decimal("0.99380421313506815365551425") comes back equal), everything else as
JSON's own types. Reading back builds the same dataclasses, so the published page lays a snapshot out
with the very templates of the live grid.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from decimal import Decimal

from ..builder import Cell, Column, Row, Scorecard
from ..periods import PeriodSpan

FORMAT = 1


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)  # lazy translations, enums


def _fields(obj) -> dict:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _row(row: Row) -> dict:
    out = {f.name: _plain(getattr(row, f.name)) for f in dataclasses.fields(row) if f.name not in ("cells",)}
    out["cells"] = {code: _fields(cell) for code, cell in row.cells.items()}
    out["points_by_area"] = {str(area): _plain(points) for area, points in row.points_by_area.items()}
    return out


def scorecard_to_json(card: Scorecard) -> dict:
    """The whole scorecard as plain JSON data (no Decimal, no lazy string)."""
    return {
        "format": FORMAT,
        "span": card.span.code,
        "columns": [_fields(c) for c in card.columns],
        "rows": [_row(r) for r in card.rows],
        "total": _row(card.total),
        "approved": card.approved,
        "provisional": card.provisional,
        "missing_periods": [str(p) for p in card.missing_periods],
    }


def _typed(cls, data: dict) -> dict:
    """The fields `cls` has, from `data`: Decimal fields back to Decimal, unknown keys dropped."""
    out = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if value is not None and "Decimal" in str(f.type) and isinstance(value, str):
            value = Decimal(value)
        out[f.name] = value
    return out


def _column(data: dict) -> Column:
    values = _typed(Column, data)
    for f in dataclasses.fields(Column):  # a field the builder added after publishing: not known then
        values.setdefault(f.name, None)
    return Column(**values)


def _row_from(data: dict) -> Row:
    values = _typed(Row, {k: v for k, v in data.items() if k not in ("cells", "points_by_area")})
    values["cells"] = {code: Cell(**_typed(Cell, cell)) for code, cell in data.get("cells", {}).items()}
    values["points_by_area"] = {int(a): Decimal(p) for a, p in data.get("points_by_area", {}).items() if p is not None}
    return Row(**values)


def scorecard_from_json(data: dict) -> Scorecard:
    """The Scorecard a snapshot froze, as the builder's dataclasses."""
    return Scorecard(
        span=PeriodSpan.parse(data["span"], months=True),
        columns=[_column(c) for c in data["columns"]],
        rows=[_row_from(r) for r in data["rows"]],
        total=_row_from(data["total"]),
        approved=data["approved"],
        provisional=data["provisional"],
        missing_periods=list(data["missing_periods"]),
    )


def canonical(data: dict) -> bytes:
    """The snapshot's bytes for hashing: sorted keys, no spaces, UTF-8 (the same JSON always hashes alike)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def checksum(snapshot: dict, file_digests: dict[str, str]) -> str:
    """SHA-256 over the canonical snapshot and each file's SHA-256, by file kind."""
    digest = hashlib.sha256(canonical(snapshot))
    for kind in sorted(file_digests):
        digest.update(f"\n{kind}:{file_digests[kind]}".encode())
    return digest.hexdigest()
