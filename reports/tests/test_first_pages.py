"""Scorecard pages a manager meets first (issue 17): the latest quarter with approved figures by default,
indicator names in the user's language, ranks said to be within the same unit kind; targets in admin as
people read them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc import services
from reports import services as report_services
from reports.tests.test_views import approve, enter_ledger

GRID, OVERVIEW, UNIT = "scorecard_grid", "scorecard_overview", "scorecard_unit"


@pytest.fixture
def approved_2020_q1(cast, report_a):
    """Q1-2020 approved for unit A; Q2-2020 (the "current" quarter below) exists, with nothing entered."""
    enter_ledger(report_a, 99, 1)
    approve(report_a, cast["clerk_a"], cast["manager"])
    services.period_upsert(year=2020, quarter=2)
    return report_a


@pytest.mark.parametrize("name", [OVERVIEW, GRID])
def test_overview_and_grid_open_on_the_latest_quarter_with_approved_figures(
    client, cast, approved_2020_q1, name, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2020, 5, 10))
    client.force_login(cast["manager"])
    page = client.get(reverse(name)).content.decode()
    assert "Quý I/2020" in page.split("</h1>")[0]
    assert "99%" in page or "99,00%" in page


def test_without_approved_figures_the_current_quarter_opens(client, cast, report_a, monkeypatch):
    services.period_upsert(year=2020, quarter=2)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2020, 5, 10))
    client.force_login(cast["manager"])
    page = client.get(reverse(GRID)).content.decode()
    assert "Quý II/2020" in page.split("</h1>")[0]


def test_grid_and_unit_page_say_ranks_are_within_the_same_unit_kind(client, cast, approved_2020_q1, unit_a):
    client.force_login(cast["manager"])
    grid = client.get(reverse(GRID), {"period": "2020-Q1"}).content.decode()
    assert "xếp hạng trong cùng loại đơn vị" in grid
    unit = client.get(reverse(UNIT, args=[unit_a.pk]), {"period": "2020-Q1"}).content.decode()
    assert "Xếp hạng trong cùng loại đơn vị" in unit


def test_english_mode_names_indicators_in_english(client, cast, approved_2020_q1):
    client.force_login(cast["manager"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse(GRID), {"period": "2020-Q1"}).content.decode()
    assert ">On-time rate</a>" in page
    assert "Tỷ lệ giải quyết đúng hạn" not in page


def test_admin_shows_targets_as_people_read_them(client, cast, db):
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2026, value=Decimal("0.98"))
    report_services.target_upsert(indicator="tthc.dossiers_received", year=2026, value=Decimal("2084"))
    client.force_login(cast["admin"])
    page = client.get(reverse("admin:reports_target_changelist")).content.decode()
    assert "98%" in page and "2.084" in page
    assert "0,9800" not in page and "2.026" not in page and ">2026<" in page


def test_admin_shows_legend_thresholds_as_percents(client, cast, db):
    report_services.legend_upsert(
        indicator="tthc.on_time_rate", mode="relative", green_from=Decimal("1"), yellow_from=Decimal("0.95")
    )
    client.force_login(cast["admin"])
    page = client.get(reverse("admin:reports_legend_changelist")).content.decode()
    assert ">100%<" in page and ">95%<" in page and "0,9500" not in page


def test_admin_names_indicators_in_english_in_english_mode(client, cast, db):
    report_services.target_upsert(indicator="tthc.on_time_rate", year=2026, value=Decimal("0.98"))
    client.force_login(cast["admin"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    changelist = client.get(reverse("admin:reports_target_changelist")).content.decode()
    assert "On-time rate" in changelist and "Tỷ lệ giải quyết đúng hạn" not in changelist
    add = client.get(reverse("admin:reports_target_add")).content.decode()
    assert "tthc.on_time_rate — On-time rate" in add
