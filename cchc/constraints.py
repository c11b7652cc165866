"""Validating a report part's check constraints in Python, without a query per constraint (issue 12).

Django validates each `CheckConstraint` of a model with one query (`SELECT 1 WHERE COALESCE(<condition>,
TRUE)`, inside a savepoint): a ledger row has fourteen, so a form of the report page cost ~42 queries a row
before it was saved, and a section of many rows cost hundreds. The conditions of our constraints are plain
`Q` trees of field lookups (`isnull`, `exact`, `lt`, `lte`, `gt`, `gte`) between a field and a value or another
field (`F`); `check_in_python` evaluates such a tree with SQL's three-valued logic (a comparison with NULL is
unknown; an unknown condition passes, as COALESCE(…, TRUE) makes it), and answers None for anything else —
a join, a function, a text comparison whose order depends on the database's collation — which the database
then checks as before. The database's CHECK constraints still guard every write.
"""

from __future__ import annotations

import operator
from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import F, Q

_COMPARE = {"exact": operator.eq, "lt": operator.lt, "lte": operator.le, "gt": operator.gt, "gte": operator.ge}


class _Unsupported(Exception):
    """The condition holds something only the database can evaluate."""


class _Excluded(Exception):
    """The condition reads a field left out of the validation: Django skips such a constraint."""


def _all(results: list[bool | None]) -> bool | None:
    return False if False in results else (None if None in results else True)


def _any(results: list[bool | None]) -> bool | None:
    return True if True in results else (None if None in results else False)


def _operand(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, F):
        if value.name not in values:
            raise _Excluded
        return values[value.name]
    if hasattr(value, "resolve_expression"):
        raise _Unsupported
    return value


def _lookup(lookup: str, rhs: Any, values: dict[str, Any]) -> bool | None:
    name, _, op = lookup.rpartition("__")
    if op not in _COMPARE and op != "isnull":
        name, op = lookup, "exact"
    if "__" in name:
        raise _Unsupported  # a join or a transform
    if name not in values:
        raise _Excluded
    lhs = values[name]
    if op == "isnull":
        return (lhs is None) == bool(rhs)
    rhs = _operand(rhs, values)
    if op == "exact" and rhs is None:
        return lhs is None  # Django turns `field=None` into IS NULL
    if lhs is None or rhs is None:
        return None  # SQL: a comparison with NULL is unknown
    if op != "exact" and (isinstance(lhs, str) or isinstance(rhs, str)):
        raise _Unsupported  # text order is the database's collation
    return _COMPARE[op](lhs, rhs)


def _evaluate(node: Any, values: dict[str, Any]) -> bool | None:
    if isinstance(node, Q):
        results = [_evaluate(child, values) for child in node.children]
        result = _all(results) if node.connector == Q.AND else _any(results)
        return (None if result is None else not result) if node.negated else result
    if isinstance(node, tuple) and len(node) == 2 and isinstance(node[0], str):
        return _lookup(node[0], node[1], values)
    raise _Unsupported


def check_in_python(
    constraint: models.CheckConstraint, model: type[models.Model], instance: models.Model, exclude: set[str]
) -> bool | None:
    """True when the instance satisfies the constraint (or the constraint reads an excluded field, which
    Django skips too), False when it does not, None when only the database can tell. The values are those
    Django's own check reads (`Model._get_field_expression_map`): each field by name, and `pk`."""
    values: dict[str, Any] = {}
    for field in model._meta.local_concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if field.generated or hasattr(value, "resolve_expression"):
            return None
        values[field.name] = value
    if "pk" not in exclude:
        values["pk"] = instance.pk
    try:
        return _evaluate(constraint.condition, values) is not False
    except _Excluded:
        return True
    except _Unsupported:
        return None


def constraints_validate(instance: models.Model, exclude: Collection[str] | None = None) -> None:
    """`Model.validate_constraints`, with check constraints evaluated in Python where `check_in_python` can;
    the same errors, in the same shape."""
    exclude = set(exclude or ())
    using = router.db_for_write(type(instance), instance=instance)
    errors: dict[str, list[ValidationError]] = {}
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            try:
                passed = (
                    check_in_python(constraint, model_class, instance, exclude)
                    if isinstance(constraint, models.CheckConstraint)
                    else None
                )
                if passed is None:
                    constraint.validate(model_class, instance, exclude=exclude, using=using)  # type: ignore[attr-defined]
                elif not passed:
                    raise ValidationError(
                        constraint.get_violation_error_message(), code=constraint.violation_error_code
                    )
            except ValidationError as exc:
                fields: tuple[str, ...] = tuple(getattr(constraint, "fields", ()))
                if getattr(exc, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(exc)
                else:
                    errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
