"""Django admin of procedures: every changelist opens, search ignores diacritics, history is kept, locks hold."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from cchc.admin import LockAwareAdmin
from cchc.choices import UnitKind
from procedures import services
from procedures.choices import Channel, DecisionKind, DossierStatus, ProcedureLevel
from procedures.models import (
    Decision,
    DossierRecord,
    InternalWorkflow,
    LedgerRow,
    Procedure,
    ProcedureFigures,
)

MODELS = ["decision", "procedure", "internalworkflow", "procedurefigures", "ledgerrow", "dossierrecord"]


def at(year, month, day, hour=9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


@pytest.fixture
def registers(unit_a, unit_b, report_a):
    """A row of every model of the app, named so that searches can tell them apart."""
    workflows = services.decision_upsert(
        number="45/QĐ-UBND",
        issued_on=dt.date(2020, 3, 5),
        issuer=unit_a,
        kind=DecisionKind.WORKFLOWS,
        title="Phê duyệt quy trình nội bộ lĩnh vực hộ tịch",
    )
    other = services.decision_upsert(
        number="7/QĐ-STP",
        issued_on=dt.date(2020, 1, 15),
        issuer=unit_b,
        kind=DecisionKind.PUBLISH,
        title="Công bố thủ tục lĩnh vực chứng thực",
    )
    association = services.procedure_upsert(
        code="2.000003",
        name="Thành lập hội cấp tỉnh",
        field="Tổ chức phi chính phủ",
        level=ProcedureLevel.PROVINCE,
        unit_kind=UnitKind.DEPARTMENT,
        statutory_days=Decimal("30"),
        current_days=Decimal("25"),
        published_by=other,
    )
    birth = services.procedure_upsert(
        code="1.000001",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        level=ProcedureLevel.COMMUNE,
        unit_kind=UnitKind.COMMUNE,
    )
    services.workflows_set(decision=workflows, names=["Quy trình đăng ký khai sinh"])
    services.procedure_figures_save(report=report_a, values={"procedures_in_force": 12})
    services.ledger_rows_save(
        report=report_a,
        delete_ids=[],
        rows=[
            {
                "reception_point": "Trung tâm Phục vụ hành chính công",
                "received_total": 10,
                "resolved_total": 7,
                "pending_total": 3,
            }
        ],
    )
    for code, unit, proc in [("A-001", unit_a, birth), ("B-001", unit_b, association)]:
        DossierRecord.objects.create(
            code=code,
            procedure=proc,
            unit=unit,
            reception_point="Bộ phận một cửa",
            channel=Channel.ONLINE,
            received_at=at(2020, 2, 3),
            due_at=at(2020, 2, 10),
            completed_at=at(2020, 2, 5),
            status=DossierStatus.RESOLVED,
        )
    return {"workflows": workflows, "other": other, "association": association, "birth": birth}


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def changelist(admin_client, model, **params):
    response = admin_client.get(reverse(f"admin:procedures_{model}_changelist"), params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def shown(response) -> set[str]:
    return {str(obj) for obj in response.context["cl"].result_list}


def test_every_model_of_procedures_is_registered_with_history_and_figures_obey_the_lock():
    for model in (Decision, Procedure, InternalWorkflow, ProcedureFigures, LedgerRow):
        model_admin = admin.site._registry[model]
        assert hasattr(model_admin, "history_view"), model.__name__
    for model in (ProcedureFigures, LedgerRow):
        assert isinstance(admin.site._registry[model], LockAwareAdmin), model.__name__
    assert admin.site.is_registered(DossierRecord)


@pytest.mark.parametrize("model", MODELS)
def test_changelists_open_for_the_admin(admin_client, registers, model):
    response = changelist(admin_client, model)

    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", MODELS)
def test_change_pages_open_for_the_admin(admin_client, registers, model):
    from django.apps import apps

    obj = apps.get_model("procedures", model).objects.first()

    response = admin_client.get(reverse(f"admin:procedures_{model}_change", args=[obj.pk]))

    assert response.status_code == 200


def test_decision_page_shows_its_workflows_inline(admin_client, registers):
    response = admin_client.get(reverse("admin:procedures_decision_change", args=[registers["workflows"].pk]))

    assert "Quy trình đăng ký khai sinh" in response.content.decode()


@pytest.mark.parametrize(
    ("model", "term", "expected"),
    [
        ("procedure", "thanh lap hoi", {"2.000003 — Thành lập hội cấp tỉnh"}),
        ("procedure", "DANG KY", {"1.000001 — Đăng ký khai sinh"}),
        ("procedure", "Đăng ký", {"1.000001 — Đăng ký khai sinh"}),
        ("procedure", "ho tich", {"1.000001 — Đăng ký khai sinh"}),
        ("procedure", "1.000001", {"1.000001 — Đăng ký khai sinh"}),
        ("decision", "so noi vu", {"Quyết định 45/QĐ-UBND ngày 05/03/2020"}),
        ("decision", "45/QĐ", {"Quyết định 45/QĐ-UBND ngày 05/03/2020"}),
        ("decision", "chứng thực", {"Quyết định 7/QĐ-STP ngày 15/01/2020"}),
        ("internalworkflow", "đăng ký khai sinh", {"Quy trình đăng ký khai sinh"}),  # names have no folded key
        ("dossierrecord", "so tu phap", {"B-001"}),
        ("dossierrecord", "thanh lap hoi", {"B-001"}),
        ("dossierrecord", "Bộ phận một cửa", {"A-001", "B-001"}),
        ("ledgerrow", "so noi vu", {"Sở Nội vụ — Quý I/2020 — Trung tâm Phục vụ hành chính công"}),
        ("ledgerrow", "hành chính công", {"Sở Nội vụ — Quý I/2020 — Trung tâm Phục vụ hành chính công"}),
        ("ledgerrow", "so tu phap", set()),
        ("procedurefigures", "so noi vu", {"Sở Nội vụ — Quý I/2020"}),
    ],
)
def test_admin_search_ignores_diacritics(admin_client, registers, model, term, expected):
    assert shown(changelist(admin_client, model, q=term)) == expected


def test_autocomplete_finds_procedures_without_diacritics(admin_client, registers):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "thanh lap",
            "app_label": "procedures",
            "model_name": "internalworkflow",
            "field_name": "procedure",
        },
    )

    assert response.status_code == 200
    assert [item["text"] for item in json.loads(response.content)["results"]] == ["2.000003 — Thành lập hội cấp tỉnh"]


def test_procedure_edit_in_admin_is_kept_in_its_history(admin_client, registers):
    procedure = registers["birth"]
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])

    response = admin_client.post(
        url,
        {
            "code": procedure.code,
            "name": "Đăng ký khai sinh (sửa đổi)",
            "field": "Hộ tịch",
            "level": procedure.level,
            "unit_kind": procedure.unit_kind,
            "statutory_days": "3",
            "current_days": "2",
            "online_level": "full",
            "status": "amended",
            "published_by": "",
            "abolished_by": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    procedure.refresh_from_db()
    assert procedure.name_search == "1.000001 dang ky khai sinh (sua doi) ho tich"
    latest = procedure.history.latest()
    assert latest.name == "Đăng ký khai sinh (sửa đổi)" and latest.history_user.username == "admin"
    history = admin_client.get(reverse("admin:procedures_procedure_history", args=[procedure.pk]))
    assert history.status_code == 200


def test_decision_added_with_workflows_inline(admin_client, unit_a):
    response = admin_client.post(
        reverse("admin:procedures_decision_add"),
        {
            "number": "60/QĐ-UBND",
            "issued_on": "01/04/2020",
            "issuer": unit_a.pk,
            "kind": "workflows",
            "title": "Phê duyệt quy trình",
            "workflows-TOTAL_FORMS": "2",
            "workflows-INITIAL_FORMS": "0",
            "workflows-MIN_NUM_FORMS": "0",
            "workflows-MAX_NUM_FORMS": "1000",
            "workflows-0-name": "Quy trình một",
            "workflows-0-procedure": "",
            "workflows-1-name": "Quy trình hai",
            "workflows-1-procedure": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    decision = Decision.objects.get(number="60/QĐ-UBND")
    assert sorted(decision.workflows.values_list("name", flat=True)) == ["Quy trình hai", "Quy trình một"]
    assert InternalWorkflow.history.filter(decision_id=decision.pk).count() == 2


def test_superuser_edit_of_a_ledger_row_of_an_approved_report_is_an_override(
    admin_client, registers, approved_report_a
):
    row = LedgerRow.objects.get(report=approved_report_a)
    data = {
        field: ""
        for field in (
            "carried_over",
            "received_new",
            "new_in_person",
            "new_online",
            "new_postal",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending_within",
            "pending_overdue",
            "returned_withdrawn",
            "other_outcomes",
            "new_online_partial",
            "new_online_full",
        )
    }
    data.update(
        report=approved_report_a.pk,
        reception_point=row.reception_point,
        received_total=11,
        resolved_total=8,
        pending_total=3,
        other_outcomes_note="",
        source=row.source,
    )

    response = admin_client.post(reverse("admin:procedures_ledgerrow_change", args=[row.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert (row.received_total, row.resolved_total) == (11, 8)
    latest = row.history.latest()
    assert "ghi đè khóa" in latest.history_change_reason
