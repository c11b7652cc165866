"""The API reads months (issue 11): a month's scorecard, its reports and submissions, a run of months; a bad
period is a 400 naming the field."""

from __future__ import annotations

import datetime as dt

from cchc import services
from cchc.choices import UnitKind
from cchc.models import MonthlySection
from cchc.months import month_period_upsert
from conftest import submit
from procedures import services as procedure_services


def _august_of(unit):
    MonthlySection.objects.create(
        section_key="procedures", unit_kind=UnitKind.DEPARTMENT, valid_from=dt.date(2022, 1, 1)
    )
    report = services.report_get_or_create(unit=unit, period=month_period_upsert(year=2022, month=8))
    row = {
        "reception_point": "Bộ phận một cửa",
        "carried_over": 0,
        "received_new": 200,
        "new_online": 0,
        "new_in_person": 200,
        "received_total": 200,
        "resolved_total": 160,
        "resolved_early": 50,
        "resolved_on_time": 90,
        "resolved_late": 20,
        "returned_withdrawn": 0,
        "pending_total": 40,
        "pending_in_time": 40,
        "pending_overdue": 0,
    }
    procedure_services.ledger_rows_save(report=report, rows=[row], delete_ids=[])
    submit(report)
    return report


def test_the_scorecard_of_a_month_and_of_a_run_of_months(cast, province, unit_a, make_token, http):
    _august_of(unit_a)
    _client, token = make_token(province)
    client = http.with_token(token)

    for code in ("2022-08", "2022-07-01..2022-08-31"):
        body = client.get("/api/v1/scorecard/", {"period": code, "scope": province.code}).json()
        row = next(r for r in body["rows"] if r["code"] == unit_a.code)
        cell = row["cells"]["tthc.on_time_rate"]
        assert (cell["numerator"], cell["denominator"]) == (140, 160), code
        resolved = row["cells"]["tthc.resolved_rate"]
        assert (resolved["numerator"], resolved["denominator"]) == (160, 200), code


def test_the_reports_and_submissions_of_a_month(cast, province, unit_a, make_token, http):
    report = _august_of(unit_a)
    _client, token = make_token(province)
    client = http.with_token(token)

    listed = client.get("/api/v1/reports/", {"period": "2022-08"}).json()
    assert [r["id"] for r in listed["results"]] == [report.pk]
    submissions = client.get("/api/v1/submissions/", {"period": "2022-08", "scope": province.code})
    assert submissions.status_code == 200
    assert submissions.json()["period"] == "2022-08"


def test_a_span_is_not_a_report_period_and_a_bad_code_names_the_field(cast, province, unit_a, make_token, http):
    _august_of(unit_a)
    _client, token = make_token(province)
    client = http.with_token(token)

    refused = client.get("/api/v1/reports/", {"period": "2022-H1"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert refused.status_code == 400
    assert "2022-08" in refused.json()["period"][0]
    bad = client.get("/api/v1/scorecard/", {"period": "2022-13", "scope": province.code})
    assert bad.status_code == 400
    assert "period" in bad.json()
