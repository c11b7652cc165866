"""The approval lock on every write path to a report part (issue 16, defect 1), on SQLite and PostgreSQL.

Each path is tried on a ledger row of an approved report: the write is refused and the row is as it
was. Paths that skip Python (raw SQL as a bulk import would write it) are refused by the database
triggers; the ORM paths by the model or the guarded QuerySet with a readable message. Under the
superuser override every path goes through.
"""

import logging

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse

from cchc import lockdb
from cchc.exceptions import ReportLockedError
from cchc.locks import lock_override
from cchc.models import Report
from procedures.models import LedgerRow

TABLE = LedgerRow._meta.db_table


def _row(report, point="Bộ phận một cửa", received=10):
    return LedgerRow(
        report=report, reception_point=point, received_total=received, resolved_total=received, pending_total=0
    )


@pytest.fixture
def locked_row(report_a, cast):
    """A ledger row written while the report was a draft; then the report is submitted and approved."""
    from cchc import services
    from conftest import fill_narrative

    row = _row(report_a)
    row.save()
    report = fill_narrative(Report.objects.get(pk=report_a.pk), cast["clerk_a"])
    report = services.report_submit(report=report, user=cast["clerk_a"], at=None)
    services.report_approve(report=report, user=cast["manager"])
    return LedgerRow.objects.get(pk=row.pk)


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _raw_bulk_insert(row):
    """Two rows in one INSERT … SELECT, copied from `row` with other reception points: SQL as a bulk
    import would write it, every column of the table (whatever later migrations add) filled."""
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, TABLE) if c.name != "id"]
    picked = {label: ", ".join(f"'{label}'" if c == "reception_point" else c for c in columns) for label in "AB"}
    _raw(
        f"INSERT INTO {TABLE} ({', '.join(columns)}) SELECT {picked['A']} FROM {TABLE} WHERE id = %s"
        f" UNION ALL SELECT {picked['B']} FROM {TABLE} WHERE id = %s",
        [row.pk, row.pk],
    )


def _refused(error) -> bool:
    """Refused by the lock: the model's message, or the trigger's (not any database error)."""
    return isinstance(error, ReportLockedError) or lockdb.MESSAGE in str(error)


PATHS = {
    "save": lambda row: (setattr(row, "received_total", 99), row.save()),
    "delete": lambda row: row.delete(),
    "create": lambda row: _row(row.report, point="Điểm mới").save(),
    "queryset.update": lambda row: LedgerRow.objects.filter(pk=row.pk).update(received_total=99),
    "queryset.delete": lambda row: LedgerRow.objects.filter(pk=row.pk).delete(),
    "related manager delete": lambda row: row.report.procedures_ledgerrow_set.all().delete(),
    "bulk_create": lambda row: LedgerRow.objects.bulk_create([_row(row.report, point="Điểm mới")]),
    "bulk_update": lambda row: (
        setattr(row, "received_total", 99),
        LedgerRow.objects.bulk_update([row], ["received_total"]),
    ),
    "report cascade delete": lambda row: Report.objects.filter(pk=row.report_id).delete(),
    "raw update": lambda row: _raw(f"UPDATE {TABLE} SET received_total = 99 WHERE id = %s", [row.pk]),
    "raw delete": lambda row: _raw(f"DELETE FROM {TABLE} WHERE report_id = %s", [row.report_id]),
    "raw bulk insert": lambda row: _raw_bulk_insert(row),
}


def _snapshot(report_id):
    return sorted(LedgerRow.objects.filter(report_id=report_id).values_list("reception_point", "received_total"))


@pytest.mark.parametrize("path", PATHS)
def test_every_write_path_is_refused_on_an_approved_report(locked_row, path):
    before = _snapshot(locked_row.report_id)
    with pytest.raises((ReportLockedError, IntegrityError, DatabaseError)) as refused, transaction.atomic():
        PATHS[path](locked_row)
    assert _refused(refused.value), refused.value
    assert _snapshot(locked_row.report_id) == before
    assert Report.objects.filter(pk=locked_row.report_id).exists()


@pytest.mark.parametrize("path", ["raw update", "raw delete", "raw bulk insert"])
def test_the_database_refuses_when_the_period_is_closed(report_a, path):
    row = _row(report_a)
    row.save()
    report_a.period.is_open = False
    report_a.period.save()
    with pytest.raises((IntegrityError, DatabaseError)) as refused, transaction.atomic():
        PATHS[path](LedgerRow.objects.get(pk=row.pk))
    assert lockdb.MESSAGE in str(refused.value)


@pytest.mark.parametrize("path", [p for p in PATHS if p != "report cascade delete"])
def test_the_superuser_override_lets_every_path_through(locked_row, cast, path, caplog):
    before = _snapshot(locked_row.report_id)
    with caplog.at_level(logging.WARNING, logger="cchc.locks"), lock_override(user=cast["admin"], reason="sửa sai"):
        PATHS[path](LedgerRow.objects.get(pk=locked_row.pk))
    assert _snapshot(locked_row.report_id) != before
    if not path.startswith("raw"):
        assert "Lock override by admin" in caplog.text and "sửa sai" in caplog.text


def test_the_override_ends_with_its_block(locked_row, cast):
    with lock_override(user=cast["admin"], reason="một lần"):
        pass
    with pytest.raises((IntegrityError, DatabaseError)) as refused, transaction.atomic():
        PATHS["raw update"](locked_row)
    assert lockdb.MESSAGE in str(refused.value)


def test_every_report_part_table_carries_the_trigger(db):
    assert set(lockdb.part_tables()) <= lockdb.installed(connection)
    assert TABLE in lockdb.part_tables() and len(lockdb.part_tables()) >= 10


def test_a_draft_report_is_still_writable_on_every_path(report_a):
    row = _row(report_a)
    row.save()
    LedgerRow.objects.filter(pk=row.pk).update(received_total=12)
    _raw(f"UPDATE {TABLE} SET resolved_total = 12 WHERE id = %s", [row.pk])
    assert LedgerRow.objects.get(pk=row.pk).resolved_total == 12
    LedgerRow.objects.filter(pk=row.pk).delete()
    assert not LedgerRow.objects.exists()


# --- admin ---------------------------------------------------------------------------------------


def _delete_selected(client, row):
    return client.post(
        reverse("admin:procedures_ledgerrow_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )


def test_staff_bulk_delete_in_admin_leaves_an_approved_row(client, locked_row, cast):
    from django.contrib.auth.models import Permission

    staff = cast["clerk_a"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_ledgerrow"))
    client.force_login(staff)
    response = _delete_selected(client, locked_row)
    assert response.status_code in (302, 403)
    assert LedgerRow.objects.filter(pk=locked_row.pk).exists()


def test_superuser_bulk_delete_in_admin_is_an_override_with_reason_history_and_log(client, locked_row, cast, caplog):
    client.force_login(cast["admin"])
    with caplog.at_level(logging.WARNING, logger="cchc.locks"):
        response = _delete_selected(client, locked_row)
    assert response.status_code == 302
    assert not LedgerRow.objects.filter(pk=locked_row.pk).exists()
    deleted = LedgerRow.history.filter(id=locked_row.pk, history_type="-").get()
    assert "ghi đè khóa" in deleted.history_change_reason and deleted.history_user == cast["admin"]
    assert "Lock override by admin on LedgerRow" in caplog.text


# --- admin, staff who are not superusers (issue 16, defect 11) -------------------------------------


@pytest.fixture
def staff_clerk_a(cast):
    """Clerk A made staff with every admin permission on ledger rows, as a careless operator would."""
    from django.contrib.auth.models import Permission

    staff = cast["clerk_a"]
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(codename__endswith="_ledgerrow"))
    return staff


def _change(client, row, received):
    return client.post(
        reverse("admin:procedures_ledgerrow_change", args=[row.pk]),
        {
            "report": row.report_id,
            "reception_point": row.reception_point,
            "received_total": received,
            "resolved_total": received,
            "pending_total": 0,
            "source": "typed",
            "carry_over_note": "",
        },
    )


def test_staff_cannot_see_or_edit_another_units_draft_in_admin(client, staff_clerk_a, report_b):
    row = _row(report_b)
    row.save()
    client.force_login(staff_clerk_a)
    listing = client.get(reverse("admin:procedures_ledgerrow_changelist")).content.decode()
    assert "Sở Tư pháp" not in listing
    _change(client, row, 77)
    _delete_selected(client, row)
    row.refresh_from_db()
    assert row.received_total == 10


def test_staff_cannot_move_a_row_into_another_units_draft(client, staff_clerk_a, report_a, report_b):
    row = _row(report_a)
    row.save()
    client.force_login(staff_clerk_a)
    response = client.post(
        reverse("admin:procedures_ledgerrow_change", args=[row.pk]),
        {"report": report_b.pk, "reception_point": "X", "received_total": 1, "resolved_total": 1, "pending_total": 0},
    )
    assert response.status_code in (200, 403)
    assert LedgerRow.objects.get(pk=row.pk).report_id == report_a.pk


def test_staff_may_still_edit_their_own_units_draft_in_admin(client, staff_clerk_a, report_a):
    row = _row(report_a)
    row.save()
    client.force_login(staff_clerk_a)
    assert _change(client, row, 12).status_code == 302
    assert LedgerRow.objects.get(pk=row.pk).received_total == 12
