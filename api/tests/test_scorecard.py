"""The seeded Q1-2020 scorecard of the province through the API: plain numbers with their counts."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from api.services import api_client_create
from cchc.models import Unit
from seeds import reports as report_seed


@pytest.fixture
def seeded(demo_data):
    report_seed.load_examples()
    return Unit.objects.get(code="CB"), Unit.objects.get(code="CB-TTPVHCC"), Unit.objects.get(code="CB-H-HOAAN")


def test_the_2020_q1_scorecard_of_the_province_reads_as_plain_numbers(seeded, http):
    province, centre, _hoa_an = seeded
    _client, token = api_client_create(name="Bảng điều khiển tỉnh", unit=province)

    response = http.with_token(token).get("/api/v1/scorecard/", {"period": "2020-Q1", "scope": "CB"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["period"], body["scope"]) == ("2020-Q1", "CB")
    total = body["total"]["cells"]["tthc.on_time_rate"]
    assert (total["numerator"], total["denominator"]) == (11881, 12836)
    assert total["value"] == pytest.approx(11881 / 12836)
    assert round(total["value"], 4) == 0.9256
    row = next(r for r in body["rows"] if r["code"] == centre.code)
    cell = row["cells"]["tthc.on_time_rate"]
    assert (cell["numerator"], cell["denominator"]) == (1604, 1614)
    assert round(cell["value"], 4) == 0.9938
    assert isinstance(cell["value"], float)
    assert {"band", "target", "points", "max_points"} <= set(cell)
    assert "rank" in row and "points" in row
    column = next(c for c in body["columns"] if c["code"] == "tthc.on_time_rate")
    assert column["is_rate"] is True
    catalogue = {(item["kind"], item["code"]): item for item in http.get("/api/v1/figures/").json()}
    commented = catalogue[("figure", "figure.qppl_drafts_commented")]  # an admin's catalogue figure
    assert (commented["semantics"], commented["unit_of_measure"]) == ("flow", "dự thảo")
    assert catalogue[("indicator", "figure.qppl_drafts_commented")]["numerator"] == "figure.qppl_drafts_commented"


def test_a_token_for_hoa_an_cannot_read_or_push_the_service_centres_data(seeded, http):
    _province, centre, hoa_an = seeded
    _client, token = api_client_create(name="Một cửa Hòa An", unit=hoa_an, can_read=True, can_push_dossiers=True)
    http.with_token(token)

    scorecard = http.get("/api/v1/scorecard/", {"period": "2020-Q1", "scope": centre.code})
    units = http.get("/api/v1/units/")
    reports = http.get("/api/v1/reports/", {"period": "2020-Q1", "scope": centre.code})
    own = http.get("/api/v1/scorecard/", {"period": "2020-Q1"})
    centre_report = centre.reports.get(period__year=2020, period__quarter=1)
    detail = http.get(f"/api/v1/reports/{centre_report.pk}/")
    push = http.post(
        "/api/v1/dossiers/",
        {
            "records": [
                {
                    "ma_ho_so": "HA-1",
                    "ma_thu_tuc": "KHONG-QUAN-TRONG",
                    "ma_don_vi": centre.code,
                    "noi_tiep_nhan": "Trung tâm",
                    "kenh": "truc_tiep",
                    "ngay_tiep_nhan": "2020-02-03",
                    "ngay_hen_tra": "2020-02-05",
                    "ngay_hoan_thanh": "2020-02-04",
                    "trang_thai": "da_giai_quyet",
                }
            ]
        },
        format="json",
    )

    assert scorecard.status_code == 403
    assert reports.status_code == 403
    assert detail.status_code == 403
    assert {u["code"] for u in units.json()["results"]} == {
        u.code for u in Unit.objects.filter(path__startswith=hoa_an.path)
    }
    assert own.status_code == 200
    assert [r["code"] for r in own.json()["rows"]] and centre.code not in [r["code"] for r in own.json()["rows"]]
    assert own.json()["scope"] == hoa_an.code
    assert push.status_code == 400
    errors = push.json()["errors"]
    assert any(
        e["index"] == 0 and e["message"] == f"Mã đơn vị: bạn không được nhập hồ sơ của đơn vị «{centre.code}»."
        for e in errors
    )
    assert not centre.dossiers.exists()


def test_a_published_scorecard_reads_as_published_and_only_in_scope(seeded, http):
    from reports.periods import PeriodSpan
    from reports.publishing.services import publication_publish

    province, _centre, hoa_an = seeded
    admin = get_user_model().objects.get(username="admin")
    published = publication_publish(user=admin, span=PeriodSpan.parse("2020-Q1"), scope_unit=province)
    _client, token = api_client_create(name="Cổng thông tin tỉnh", unit=province)
    _other, hoa_an_token = api_client_create(name="Hòa An đọc", unit=hoa_an)

    listed = http.with_token(token).get("/api/v1/publications/", {"period": "2020-Q1", "scope": "CB"})
    detail = http.get(f"/api/v1/publications/{published.pk}/")
    outside = http.with_token(hoa_an_token).get(f"/api/v1/publications/{published.pk}/")
    outside_list = http.get("/api/v1/publications/")

    assert [(p["id"], p["revision"], p["checksum"]) for p in listed.json()["results"]] == [
        (published.pk, 1, published.checksum)
    ]
    total = detail.json()["scorecard"]["total"]["cells"]["tthc.on_time_rate"]
    assert (total["numerator"], total["denominator"]) == (11881, 12836)
    assert detail.json()["scorecard"]["scope"] == "CB"
    assert outside.status_code == 403
    assert outside_list.json()["results"] == []
