"""Load the Cao Bằng reference data and demo accounts through the services (idempotent)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cchc import services
from cchc.choices import ReportStatus, UnitKind
from cchc.models import Period, Report, Unit

from . import cao_bang as cb


def load_units() -> dict[str, Unit]:
    """The province, its departments and service centre, then the districts (the order of the report)."""
    units: dict[str, Unit] = {}
    order = iter(range(10, 10_000, 10))
    province = services.unit_upsert(
        code=cb.PROVINCE[0], name=cb.PROVINCE[1], kind=UnitKind.PROVINCE, sort_order=next(order)
    )
    units[province.code] = province
    for code, name in cb.DEPARTMENTS:
        units[code] = services.unit_upsert(
            code=code, name=name, kind=UnitKind.DEPARTMENT, parent=province, sort_order=next(order)
        )
    code, name, parent_code = cb.SERVICE_CENTRE
    units[code] = services.unit_upsert(
        code=code, name=name, kind=UnitKind.SERVICE_CENTRE, parent=units[parent_code], sort_order=next(order)
    )
    for code, name in cb.DISTRICTS_KEPT:
        units[code] = services.unit_upsert(
            code=code, name=name, kind=UnitKind.DISTRICT, parent=province, valid_to=cb.DISTRICT_LEVEL_END,
            sort_order=next(order),
        )
    day_before = cb.MERGER_DAY - dt.timedelta(days=1)
    for (new_code, new_name), old_units in cb.DISTRICTS_MERGED:
        new = services.unit_upsert(
            code=new_code, name=new_name, kind=UnitKind.DISTRICT, parent=province, valid_from=cb.MERGER_DAY,
            valid_to=cb.DISTRICT_LEVEL_END, sort_order=next(order),
        )
        units[new_code] = new
        for code, name in old_units:
            units[code] = services.unit_upsert(
                code=code, name=name, kind=UnitKind.DISTRICT, parent=province, valid_to=day_before, successor=new,
                sort_order=next(order),
            )
    return units


def load_periods() -> list[Period]:
    periods = [
        services.period_upsert(year=year, quarter=quarter)
        for year in range(cb.FIRST_YEAR, cb.LAST_YEAR + 1)
        for quarter in (1, 2, 3, 4)
    ]
    today = timezone.localdate()
    for period in periods:
        if period.start_date <= today:
            services.period_reports_ensure(period=period)
    return periods


def load_accounts(units: dict[str, Unit]) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for username, (last, first), unit_code, role in cb.DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"last_name": last, "first_name": first}
        )
        if created:  # never reset a password someone changed: the second run must change nothing
            user.set_password(cb.DEMO_PASSWORD)
            if role is None:
                user.is_superuser = user.is_staff = True
            user.save()
        if role is not None:
            services.membership_grant(user=user, unit=units[unit_code], role=role)
        users[username] = user
    return users


def load_q1_2020_narrative(units: dict[str, Unit], users: dict) -> Report:
    """The province's Q1-2020 report as published: narrative entered, submitted 16/03, approved 17/03."""
    period = Period.objects.get(year=2020, quarter=1)
    report = services.report_get_or_create(unit=units[cb.PROVINCE[0]], period=period)
    if report.status != ReportStatus.DRAFT:
        return report
    clerk, manager = users["canbo.tinh"], users["quanly.snv"]

    def apply(locked: Report) -> None:
        locked.shortcomings = cb.Q1_2020_SHORTCOMINGS
        locked.causes = cb.Q1_2020_CAUSES
        locked.next_tasks = cb.Q1_2020_TASKS

    report = services.report_update(report=report, user=clerk, expected_version=report.version, apply=apply)
    tz = timezone.get_current_timezone()
    report = services.report_submit(report=report, user=clerk, at=timezone.make_aware(cb.Q1_2020_SUBMITTED_AT, tz))
    return services.report_approve(report=report, user=manager, at=timezone.make_aware(cb.Q1_2020_APPROVED_AT, tz))


@transaction.atomic
def load_all() -> dict:
    units = load_units()
    periods = load_periods()
    users = load_accounts(units)
    load_q1_2020_narrative(units, users)
    return {"units": len(units), "periods": len(periods), "users": len(users)}
