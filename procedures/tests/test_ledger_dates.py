"""The due day in the portal's time zone (UTC+7), not UTC: SQLite's native date() with the zone's fixed offset and
Django's `__date` (PostgreSQL, zones with summer time) split early / on time / late alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from procedures import ledger_dates, selectors
from procedures.choices import Channel, DossierStatus, ProcedureLevel
from procedures.models import DossierRecord
from procedures.services import procedure_upsert


def local(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def test_the_offset_is_fixed_only_for_zones_without_summer_time():
    assert ledger_dates.fixed_offset("Asia/Ho_Chi_Minh") == 7 * 3600
    assert ledger_dates.fixed_offset("UTC") == 0
    assert ledger_dates.fixed_offset("Europe/Paris") is None


@pytest.mark.parametrize("native", [True, False])
def test_early_on_time_and_late_compare_local_days(unit_a, period, monkeypatch, native):
    if not native:  # Django's lookup, as on PostgreSQL
        monkeypatch.setattr(ledger_dates, "fixed_offset", lambda name: None)
    procedure = procedure_upsert(
        code="1.000001", name="Thủ tục", field="Tư pháp", level=ProcedureLevel.PROVINCE, unit_kind="department"
    )
    due = local(2020, 1, 10, 23, 59, 59)  # 16:59:59 UTC
    cases = {
        "on time, 03:00 local (the 9th in UTC)": local(2020, 1, 10, 3),
        "late, 06:00 local on the 11th (the 10th in UTC, the due's UTC day)": local(2020, 1, 11, 6),
        "early, 23:00 local on the 9th (16:00 UTC)": local(2020, 1, 9, 23),
    }
    for index, completed in enumerate(cases.values()):
        DossierRecord.objects.create(
            code=f"D-{index}",
            procedure=procedure,
            unit=unit_a,
            reception_point="Một cửa",
            channel=Channel.ONLINE,
            received_at=local(2020, 1, 6, 8),
            due_at=due,
            completed_at=completed,
            status=DossierStatus.RESOLVED,
        )

    ledger = selectors.ledgers_from_records(unit_ids=[unit_a.pk], period=period)[(unit_a.pk, "Một cửa")]

    assert (ledger["resolved_early"], ledger["resolved_on_time"], ledger["resolved_late"]) == (1, 1, 1)
