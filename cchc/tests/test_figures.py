"""Additional figures: a catalogue admins extend without code, values per report, checks, indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc import services
from cchc.choices import FigureType, Measure, ReformArea
from cchc.indicators import Rollup, figure_indicators
from cchc.models import FigureDefinition, FigureValue
from conftest import page_form_data


def define(code, value_type=FigureType.INTEGER, area=ReformArea.INSTITUTIONS, **extra):
    return services.figure_definition_upsert(
        code=code, name=extra.pop("name", f"Số liệu {code}"), area=area, value_type=value_type, **extra
    )


def post_report(client, report, **overrides):
    url = reverse("report_detail", args=[report.pk])
    data = page_form_data(client, url, **overrides)
    data["action"] = "save"
    return client.post(url, data)


def test_admin_adds_a_figure_and_the_clerk_fills_it_in_the_next_report(client, cast, report_a):
    client.force_login(cast["admin"])
    response = client.post(
        reverse("admin:cchc_figuredefinition_add"),
        {
            "code": "van_ban_moi",
            "name": "Văn bản mới ban hành",
            "name_en": "New documents",
            "area": "2",
            "unit_of_measure": "văn bản",
            "value_type": "integer",
            "measure": "flow",
            "help_text": "",
            "display_order": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("report_detail", args=[report_a.pk])).content.decode()
    assert "Văn bản mới ban hành" in page
    response = post_report(client, report_a, figures2__f_van_ban_moi="1.234")  # Vietnamese thousands separator
    assert response.status_code == 302
    assert FigureValue.objects.get(report=report_a).value == 1234


@pytest.mark.parametrize(
    "value_type, typed, message",
    [
        (FigureType.INTEGER, "mười", "giá trị không hợp lệ"),
        (FigureType.INTEGER, "-3", "không được nhỏ hơn 0"),
        (FigureType.PERCENT, "120", "không được lớn hơn 100"),
        (FigureType.DOCUMENT_NUMBER, "57-QD", "không đúng định dạng"),
        (FigureType.DATE, "31/02/2020", "giá trị không hợp lệ"),
    ],
)
def test_bad_values_name_the_figure_and_save_nothing(client, cast, report_a, value_type, typed, message):
    define("kiem_tra", value_type=value_type, name="Số liệu kiểm tra")
    client.force_login(cast["clerk_a"])
    response = post_report(client, report_a, figures2__f_kiem_tra=typed, narrative__shortcomings="Không lưu")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số liệu kiểm tra" in page and message in page
    assert not FigureValue.objects.exists()
    report_a.refresh_from_db()
    assert report_a.shortcomings == ""


def test_percent_and_as_of_date_are_kept(client, cast, report_a):
    define("ty_le", value_type=FigureType.PERCENT, area=ReformArea.EGOVERNMENT, measure=Measure.STOCK)
    client.force_login(cast["clerk_a"])
    post_report(client, report_a, figures7__f_ty_le="99,5", figures7__f_ty_le_asof="29/02/2020")
    value = FigureValue.objects.get(report=report_a)
    assert (value.value, value.as_of) == (Decimal("99.5"), dt.date(2020, 2, 29))


def test_emptying_a_value_removes_it(client, cast, report_a):
    define("so_a")
    client.force_login(cast["clerk_a"])
    post_report(client, report_a, figures2__f_so_a="5")
    post_report(client, report_a, figures2__f_so_a="")
    assert not FigureValue.objects.exists()


def test_retired_figure_still_shows_where_it_has_a_value(client, cast, report_a, unit_a):
    define("cu", name="Số liệu đã thôi dùng")
    client.force_login(cast["clerk_a"])
    post_report(client, report_a, figures2__f_cu="7")
    FigureDefinition.objects.filter(code="cu").update(active_to=dt.date(2019, 12, 31))
    assert "Số liệu đã thôi dùng" in client.get(reverse("report_detail", args=[report_a.pk])).content.decode()
    later = services.report_get_or_create(unit=unit_a, period=services.period_upsert(year=2020, quarter=2))
    assert "Số liệu đã thôi dùng" not in client.get(reverse("report_detail", args=[later.pk])).content.decode()


def test_figure_only_for_some_unit_kinds(client, cast, report_a):
    define("chi_huyen", name="Chỉ cấp huyện báo cáo", unit_kinds=["district"])
    client.force_login(cast["clerk_a"])
    assert "Chỉ cấp huyện báo cáo" not in client.get(reverse("report_detail", args=[report_a.pk])).content.decode()


def test_numeric_figures_become_indicators_with_their_rollup(client, cast, report_a, period):
    define("luong", measure=Measure.FLOW)
    define("ton", value_type=FigureType.PERCENT, measure=Measure.STOCK)
    define("chu", value_type=FigureType.TEXT)
    client.force_login(cast["clerk_a"])
    post_report(client, report_a, figures2__f_luong="37", figures2__f_ton="100")
    indicators = {i.code: i for i in figure_indicators()}
    assert set(indicators) == {"figure.luong", "figure.ton"}
    assert indicators["figure.luong"].rollup == Rollup.SUM and indicators["figure.ton"].rollup == Rollup.LATEST
    assert indicators["figure.luong"].compute([report_a.unit_id], period)[report_a.unit_id].value == 37
    assert indicators["figure.ton"].compute([report_a.unit_id], period)[report_a.unit_id].value == 1


def test_figure_value_list_is_scoped_and_exports(client, cast, report_a, report_b):
    define("so_b")
    for report, clerk in ((report_a, "clerk_a"), (report_b, "clerk_b")):
        client.force_login(cast[clerk])
        post_report(client, report, figures2__f_so_b="3")
    client.force_login(cast["clerk_a"])
    page = client.get(reverse("figure_value_list")).content.decode()
    assert report_a.unit.name in page and report_b.unit.name not in page
    exported = client.get(reverse("figure_value_list"), {"_export": "csv"}).content.decode()
    assert "Sở Nội vụ" in exported and "Sở Tư pháp" not in exported
    client.force_login(cast["manager"])
    assert report_b.unit.name in client.get(reverse("figure_value_list")).content.decode()
