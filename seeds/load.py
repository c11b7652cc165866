"""Load the Cao Bằng reference data and demo accounts through the services (idempotent)."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cchc import services
from cchc.choices import ReportStatus, UnitKind
from cchc.models import FigureDefinition, Period, Report, Unit
from personnel import services as personnel_services
from personnel.models import LegalBasis
from procedures import services as procedure_services

from . import article as article_seed
from . import cao_bang as cb
from . import figures
from . import iso as iso_seed
from . import outreach as outreach_seed
from . import procedures as procedures_seed
from . import reports as reports_seed


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
            code=code,
            name=name,
            kind=UnitKind.DISTRICT,
            parent=province,
            valid_to=cb.DISTRICT_LEVEL_END,
            sort_order=next(order),
        )
    for (new_code, new_name), old_units in cb.DISTRICTS_MERGED:
        new = services.unit_upsert(
            code=new_code,
            name=new_name,
            kind=UnitKind.DISTRICT,
            parent=province,
            valid_from=cb.MERGER_DAY,
            valid_to=cb.DISTRICT_LEVEL_END,
            sort_order=next(order),
        )
        units[new_code] = new
        merged = []
        for code, name in old_units:
            # Created once as they were before 2020; the merger below ends them (never undone on a re-run).
            sort_order = next(order)  # taken on every run, so the orders of later units never shift
            merged.append(
                Unit.objects.filter(code=code).first()
                or services.unit_upsert(
                    code=code,
                    name=name,
                    kind=UnitKind.DISTRICT,
                    parent=province,
                    sort_order=sort_order,
                )
            )
            units[code] = merged[-1]
        if personnel_services.merger_for(into=new, effective_on=cb.MERGER_DAY) is None:
            personnel_services.merger_apply(
                merged=merged, into=new, effective_on=cb.MERGER_DAY, resolution=cb.MERGER_RESOLUTION
            )
            for unit in merged:
                unit.refresh_from_db()
    return units


def load_periods() -> list[Period]:
    """The demo's quarters. The demo goes live the day it is first loaded: the quarters whose deadline had
    already passed are history periods (entered from the paper record, open for the demo, never overdue)."""
    today = timezone.localdate()
    periods = [
        services.period_upsert(year=year, quarter=quarter, history_before=today)
        for year in range(cb.FIRST_YEAR, cb.LAST_YEAR + 1)
        for quarter in (1, 2, 3, 4)
    ]
    for period in periods:
        if period.start_date <= today:
            services.period_reports_ensure(period=period)
    return periods


def load_accounts(units: dict[str, Unit], passwords: dict[str, str] | None = None) -> dict[str, object]:
    """The demo accounts. With `passwords` (a dict to fill), each account created gets a random password,
    recorded there for the caller to print, instead of the README's shared one (seed_demo on DEBUG=0)."""
    User = get_user_model()
    users = {}
    for username, (last, first), unit_code, role in cb.DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"last_name": last, "first_name": first})
        if created:  # never reset a password someone changed: the second run must change nothing
            if passwords is None:
                user.set_password(cb.DEMO_PASSWORD)
            else:
                passwords[username] = secrets.token_urlsafe(12)
                user.set_password(passwords[username])
            if role is None:
                user.is_superuser = user.is_staff = True
            user.save()
        if role is not None:
            services.membership_grant(user=user, unit=units[unit_code], role=role)
        users[username] = user
    return users


def _q1_2020_figures(unit_code: str):
    """The Q1-2020 figures of one unit, as an `apply` for report_update (the services the forms use)."""

    def apply(report: Report) -> None:
        if unit_code == cb.PROVINCE[0]:
            report.shortcomings = cb.Q1_2020_SHORTCOMINGS
            report.causes = cb.Q1_2020_CAUSES
            report.next_tasks = cb.Q1_2020_TASKS
            procedure_services.procedure_figures_save(report=report, values=cb.Q1_2020_PROVINCE_PROCEDURES)
            personnel_services.personnel_figures_save(report=report, values=cb.Q1_2020_PROVINCE_PERSONNEL)
            personnel_services.ratings_save(report=report, rows=[cb.Q1_2020_RATING_2019], delete_ids=[])
            bases = {b.number: b for b in LegalBasis.objects.all()}
            downsizing = dict(cb.Q1_2020_DOWNSIZING)
            downsizing["legal_bases"] = [bases[number] for number in downsizing["legal_bases"]]
            personnel_services.downsizing_save(report=report, rows=[downsizing], delete_ids=[])
            iso_seed.save_q1_2020(report)
            outreach_seed.save_q1_2020(report)
            article_seed.save_q1_2020(report)
            catalogue = {d.code: d for d in FigureDefinition.objects.all()}
            services.figure_values_save(
                report=report,
                entries=[
                    (catalogue[code], value, as_of) for code, (value, as_of) in figures.Q1_2020_PROVINCE_VALUES.items()
                ],
            )
        rows = [
            {
                "reception_point": point,
                "received_total": received,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": on_time + late,
                "pending_total": pending,
            }
            for code, point, received, on_time, late, pending in cb.Q1_2020_LEDGERS
            if code == unit_code
        ]
        procedure_services.ledger_rows_save(report=report, rows=rows, delete_ids=[])

    return apply


def load_q1_2020(units: dict[str, Unit], users: dict) -> list[Report]:
    """The Q1-2020 reports as published: figures entered, submitted 16/03/2020, approved 17/03/2020."""
    period = Period.objects.get(year=2020, quarter=1)
    tz = timezone.get_current_timezone()
    manager = users["quanly.snv"]
    reports = []
    for unit_code, clerk_name in ((cb.PROVINCE[0], "canbo.tinh"), (cb.SERVICE_CENTRE[0], "canbo.tthcc")):
        report = services.report_get_or_create(unit=units[unit_code], period=period)
        if report.status == ReportStatus.DRAFT:
            clerk = users[clerk_name]
            report = services.report_update(
                report=report, user=clerk, expected_version=report.version, apply=_q1_2020_figures(unit_code)
            )
            report = services.report_submit(
                report=report, user=clerk, at=timezone.make_aware(cb.Q1_2020_SUBMITTED_AT, tz)
            )
            report = services.report_approve(
                report=report, user=manager, at=timezone.make_aware(cb.Q1_2020_APPROVED_AT, tz)
            )
        reports.append(report)
    return reports


def load_catalogue() -> dict[str, FigureDefinition]:
    return {
        code: services.figure_definition_upsert(
            code=code,
            name=name,
            name_en=name_en,
            area=area,
            unit_of_measure=uom,
            value_type=kind,
            measure=measure,
            display_order=order,
            unit_kinds=[UnitKind.PROVINCE.value] if code in figures.PROVINCE_ONLY else [],
        )
        for code, name, name_en, area, uom, kind, measure, order in figures.CATALOGUE
    }


def load_legal_bases() -> None:
    for number, name in cb.LEGAL_BASES:
        personnel_services.legal_basis_upsert(number=number, name=name)


@transaction.atomic
def load_all(passwords: dict[str, str] | None = None) -> dict:
    load_legal_bases()
    load_catalogue()
    procedures_seed.load_procedures()
    outreach_seed.load_outlets()
    units = load_units()
    periods = load_periods()
    users = load_accounts(units, passwords)
    load_q1_2020(units, users)
    reports_seed.load_examples()
    return {"units": len(units), "periods": len(periods), "users": len(users)}
