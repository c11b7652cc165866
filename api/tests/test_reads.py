"""The read endpoints: scope by token and subtree, filters, stable pages, conditional GET, tokens' life."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from api.models import ApiClient
from api.services import api_client_renew_token, api_client_revoke
from cchc import services as core
from cchc.choices import UnitKind


@pytest.fixture
def reader(cast, province, make_token, http):
    _client, token = make_token(province, read=True)
    return http.with_token(token)


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["results"]]


def test_a_token_reads_units_of_its_subtree_only(province, unit_a, unit_b, unit_c, make_token, http):
    _client, token = make_token(unit_a)

    response = http.with_token(token).get("/api/v1/units/")

    assert response.status_code == 200
    assert codes(response) == ["T-A"]
    assert http.get(f"/api/v1/units/{unit_c.code}/").status_code == 403
    assert http.get("/api/v1/units/KHONG-CO/").status_code == 404


def test_units_filter_by_subtree_kind_and_validity_with_successors(reader, province, unit_a, unit_b):
    merged = core.unit_upsert(
        code="T-OLD", name="Sở cũ", kind=UnitKind.DEPARTMENT, parent=province, valid_to=dt.date(2019, 12, 31)
    )
    merged.successor = unit_a
    merged.save()

    every = reader.get("/api/v1/units/", {"subtree": "T"})
    active = reader.get("/api/v1/units/", {"active_on": "2020-03-31", "kind": "department"})

    assert codes(every) == ["T", "T-A", "T-B", "T-OLD"]
    old = next(u for u in every.json()["results"] if u["code"] == "T-OLD")
    assert (old["parent"], old["valid_to"], old["successor"], old["depth"]) == ("T", "2019-12-31", "T-A", 1)
    assert codes(active) == ["T-A", "T-B"]
    assert reader.get("/api/v1/units/", {"active_on": "31/03/2020"}).status_code == 400


def test_pages_are_stable_and_bounded(reader, province):
    for n in range(5):
        core.unit_upsert(code=f"T-X{n}", name=f"Xã {n}", kind=UnitKind.COMMUNE, parent=province)

    first = reader.get("/api/v1/units/", {"page_size": 3})
    second = reader.get("/api/v1/units/", {"page_size": 3, "page": 2})

    assert first.json()["count"] == 8
    assert codes(first) + codes(second) + codes(reader.get("/api/v1/units/", {"page_size": 3, "page": 3})) == sorted(
        ["T", "T-A", "T-B", "T-X0", "T-X1", "T-X2", "T-X3", "T-X4"]
    )


def test_conditional_get_answers_304_until_the_data_changes(reader, unit_a):
    first = reader.get("/api/v1/units/")
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    assert first["Last-Modified"]
    assert {"Authorization", "Cookie"} <= {v.strip() for v in first["Vary"].split(",")}

    again = reader.get("/api/v1/units/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    unit_a.name = "Sở Nội vụ (mới)"
    unit_a.save()
    changed = reader.get("/api/v1/units/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_periods_are_listed_with_iso_dates(reader, period):
    response = reader.get("/api/v1/periods/")

    item = response.json()["results"][0]
    assert item["code"] == "2020-Q1"
    assert (item["start_date"], item["end_date"]) == ("2020-01-01", "2020-03-31")


def test_the_figure_catalogue_lists_declared_figures_and_indicators(reader):
    response = reader.get("/api/v1/figures/")

    by_key = {(item["kind"], item["code"]): item for item in response.json()}
    carried = by_key[("figure", "tthc.carried_over")]
    received = by_key[("figure", "tthc.received_new")]
    on_time = by_key[("indicator", "tthc.on_time_rate")]
    assert (carried["semantics"], carried["unit_of_measure"], carried["area"]) == ("opening", "hồ sơ", 3)
    assert "channel" in [b["dimension"] for b in received["breakdowns"]]
    channel = next(b for b in received["breakdowns"] if b["dimension"] == "channel")
    assert "online" in [m["code"] for m in channel["members"]]
    assert (on_time["semantics"], on_time["area"]) == ("ratio", 3)
    assert on_time["numerator"] and on_time["denominator"]
    only_area_3 = reader.get("/api/v1/figures/", {"area": 3}).json()
    assert only_area_3 and all(item["area"] == 3 for item in only_area_3)
    assert reader.get("/api/v1/figures/", {"area": 9}).status_code == 400


def test_reports_and_submissions_of_a_quarter_in_a_scope(reader, cast, report_a, report_b):
    report = core.report_submit(report=_filled(report_a, cast), user=cast["clerk_a"], at=None)

    listed = reader.get("/api/v1/reports/", {"period": "2020-Q1", "scope": "T-A"})
    submissions = reader.get("/api/v1/submissions/", {"period": "2020-Q1"})
    detail = reader.get(f"/api/v1/reports/{report.pk}/")

    assert [(r["unit"], r["status"]) for r in listed.json()["results"]] == [("T-A", "submitted")]
    body = submissions.json()
    assert (body["scope"], body["summary"]["expected"], body["summary"]["submitted"]) == ("T", 2, 1)
    assert detail.status_code == 200
    assert (detail.json()["status"], detail.json()["period"]) == ("submitted", "2020-Q1")
    assert {"figures", "ledger", "indicators"} <= set(detail.json())


def _filled(report, cast):
    from conftest import fill_narrative

    return fill_narrative(report, cast["clerk_a"])


def test_anonymous_calls_get_401_with_the_scheme(http, period):
    response = http.get("/api/v1/periods/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("state", ["wrong", "revoked", "expired", "renewed"])
def test_a_token_stops_working_when_revoked_expired_or_replaced(province, period, make_token, http, state):
    client, token = make_token(province)
    if state == "wrong":
        token = token[:-2] + "xx"
    elif state == "revoked":
        api_client_revoke(client=client)
    elif state == "expired":
        ApiClient.objects.filter(pk=client.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    else:
        api_client_renew_token(client=client)

    response = http.with_token(token).get("/api/v1/periods/")

    assert response.status_code == 401


def test_the_token_is_stored_only_as_a_digest(province, make_token):
    client, token = make_token(province)

    stored = ApiClient.objects.filter(pk=client.pk).values().get()
    assert token not in str(stored)
    assert len(client.token_hash) == 64
    assert not client.user.has_usable_password()


def test_throttling_counts_per_client(province, period, make_token, http, monkeypatch):
    from api.throttling import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"api_read": "2/minute", "api_push": "1/minute"})
    _a, token_a = make_token(province, name="A")
    _b, token_b = make_token(province, name="B")

    answers = [http.with_token(token_a).get("/api/v1/periods/").status_code for _ in range(3)]
    other = http.with_token(token_b).get("/api/v1/periods/").status_code

    assert answers == [200, 200, 429]
    assert other == 200


def test_list_queries_do_not_grow_with_the_rows(reader, province, period, django_assert_max_num_queries):
    for n in range(30):
        unit = core.unit_upsert(code=f"T-Q{n:02d}", name=f"Xã {n}", kind=UnitKind.COMMUNE, parent=province)
        core.report_get_or_create(unit=unit, period=period)

    # auth (client), count, page, Last-Modified; the same for reports.
    with django_assert_max_num_queries(6):
        units = reader.get("/api/v1/units/")
    with django_assert_max_num_queries(7):
        reports = reader.get("/api/v1/reports/", {"period": "2020-Q1"})

    assert units.json()["count"] == 33  # the province, T-A, T-B and the 30 communes
    assert reports.json()["count"] == 30
