"""Check constraints evaluated in Python (cchc/constraints.py) agree with the database's own check, for every
check constraint of every report part, on values around their limits (NULLs included)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from cchc.constraints import check_in_python
from cchc.models import ReportPart
from procedures.models import LedgerRow

PARTS = [m for m in apps.get_models() if issubclass(m, ReportPart)]
CHECKS = [(m, c) for m in PARTS for c in m._meta.constraints if isinstance(c, models.CheckConstraint)]


def sample(field, rng: random.Random):
    if field.null and rng.random() < 0.25:
        return None
    if isinstance(field, models.DecimalField):
        return Decimal(rng.randint(0, 12))
    if isinstance(field, models.IntegerField):
        return rng.randint(0, 12)
    if isinstance(field, models.DateField):
        return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 12))
    if isinstance(field, models.BooleanField):
        return rng.random() < 0.5
    if field.choices:
        return rng.choice([value for value, _label in field.choices])
    return None


def by_database(model, constraint, instance) -> bool:
    try:
        constraint.validate(model, instance)
    except ValidationError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "constraint"), CHECKS, ids=[c.name for _m, c in CHECKS])
def test_python_and_database_agree(model, constraint):
    rng = random.Random(constraint.name)
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key and not f.is_relation]
    evaluated = 0
    for _ in range(60):
        instance = model(**{f.attname: sample(f, rng) for f in fields})
        python = check_in_python(constraint, model, instance, set())
        if python is None:
            continue  # left to the database
        evaluated += 1
        assert python == by_database(model, constraint, instance), (constraint.name, vars(instance))
    assert evaluated, constraint.name  # every check of our report parts is evaluated in Python


def test_ledger_parts_above_their_totals_are_refused_without_a_query(django_assert_num_queries, db):
    row = LedgerRow(reception_point="A", received_total=5, received_new=9, resolved_total=0, pending_total=5)
    with django_assert_num_queries(0), pytest.raises(ValidationError) as refused:
        row.validate_constraints(exclude={"report"})
    assert "Số thành phần không được lớn hơn tổng." in refused.value.messages


def test_an_excluded_field_skips_the_constraint_as_django_does():
    constraint = next(c for c in LedgerRow._meta.constraints if c.name == "ledgerrow_received_new_le_received_total")
    row = LedgerRow(received_total=5, received_new=9)
    assert check_in_python(constraint, LedgerRow, row, set()) is False
    assert check_in_python(constraint, LedgerRow, row, {"received_total"}) is True
