"""What a user meets first (issue 17): "Báo cáo của tôi" on the recent quarters with history quarters marked as
history, not overdue; Django admin with plain years, no internal path, the full name in the greeting; lists with
translated pagination."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc import services
from cchc.models import Period, Report
from conftest import make_user


def table_of(page: str) -> str:
    return page.split("<table", 1)[1].split("</table>", 1)[0]


@pytest.fixture
def history(unit_a, cast):
    """Quarters 2019-Q1 … 2020-Q4, the portal going live on 01/09/2020: quarters due before are history."""
    live = dt.date(2020, 9, 1)
    for year in (2019, 2020):
        for quarter in (1, 2, 3, 4):
            period = services.period_upsert(year=year, quarter=quarter, history_before=live)
            services.report_get_or_create(unit=unit_a, period=period)
    return live


def test_period_upsert_marks_quarters_due_before_go_live_as_history(history):
    flags = dict(Period.objects.values_list("pk", "is_history"))
    history_codes = sorted(p.code for p in Period.objects.all() if flags[p.pk])
    assert history_codes == ["2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"]
    # an existing quarter is returned unchanged: the flag is the admin's afterwards
    again = services.period_upsert(year=2020, quarter=3, history_before=dt.date(2030, 1, 1))
    assert again.is_history is False


def test_a_history_period_is_never_overdue(history, unit_a):
    report = Report.objects.get(unit=unit_a, period__year=2019, period__quarter=1)
    assert report.days_late(today=dt.date(2026, 11, 30)) == 0
    current = Report.objects.get(unit=unit_a, period__year=2020, period__quarter=3)
    assert current.days_late(today=dt.date(2026, 11, 30)) > 2000


def test_my_reports_opens_on_recent_quarters_with_older_ones_folded(client, cast, history, monkeypatch):
    # Today is 05/12/2020: Q4-2020, before its deadline.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2020, 12, 5))
    client.force_login(cast["clerk_a"])
    full = client.get(reverse("report_mine")).content.decode()
    page = table_of(full)
    for label in ("Quý IV/2020", "Quý III/2020", "Quý II/2020", "Quý I/2020"):
        assert label in page
    assert "Quý IV/2019" not in page
    assert "Xem các kỳ cũ hơn (4 báo cáo)" in full
    # the history quarters in the recent window are history, not "Quá hạn"
    assert page.count("Kỳ lịch sử (nhập bù)") == 2  # Q1 and Q2-2020
    assert page.count("Quá hạn, chưa gửi") == 1  # Q3-2020: due 20/09, after go-live

    older = client.get(reverse("report_mine"), {"older": "1"}).content.decode()
    assert "Chỉ xem các kỳ gần đây" in older
    older = table_of(older)
    assert "Quý I/2019" in older and "Quý IV/2019" in older
    assert "Quá hạn, chưa gửi" in older and older.count("Kỳ lịch sử (nhập bù)") == 6


def test_lists_paginate_in_vietnamese_and_stack_on_phones(client, cast, history):
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("report_mine"), {"older": "1", "per_page": 3}).content.decode()
    pagination = page.split('aria-label="Phân trang"', 1)[1].split("</nav>", 1)[0]
    assert "Trang sau" in pagination and "next »" not in pagination and "next <" not in pagination
    assert 'data-label="Kỳ"' in page and "table-stack" in page
    second = client.get(reverse("report_mine"), {"older": "1", "per_page": 3, "page": 2}).content.decode()
    assert "Trang trước" in second


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast["admin"])
    return client


def test_admin_shows_years_without_thousands_separator(admin_client, history):
    page = admin_client.get(reverse("admin:cchc_period_changelist")).content.decode()
    assert ">2020<" in page and "2.020" not in page


def test_admin_unit_form_does_not_expose_the_materialised_path(admin_client, unit_a):
    page = admin_client.get(reverse("admin:cchc_unit_change", args=[unit_a.pk])).content.decode()
    assert unit_a.path not in page
    assert 'name="path"' not in page


def test_admin_greets_by_full_name_in_vietnamese_order(client, db):
    user = make_user("vien", is_staff=True, is_superuser=True, last_name="Nguyễn Văn", first_name="Viên")
    client.force_login(user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<strong>Nguyễn Văn Viên</strong>" in page


def test_the_demo_marks_quarters_due_before_it_was_loaded_as_history_and_keeps_them_open(db, monkeypatch):
    from seeds.load import load_periods

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2026, 11, 30))
    load_periods()

    history = Period.objects.filter(is_history=True)
    assert history.count() == 31  # 2019-Q1 … 2026-Q3
    assert not Period.objects.get(year=2026, quarter=4).is_history
    assert all(history.values_list("is_open", flat=True))  # history, not closed: the demo stays editable
