"""seeds/outreach.py: the register's outlets and the Q1-2020 counts of the article, idempotently."""

from cchc import services
from cchc.choices import Role, UnitKind
from conftest import make_user
from outreach.indicators import INDICATORS
from outreach.models import MediaOutlet, OutreachCount
from seeds.outreach import load_outlets, save_q1_2020

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def test_load_outlets_twice_gives_the_same_register(db):
    first = load_outlets()
    assert load_outlets() == first
    assert sorted(MediaOutlet.objects.values_list("name", "kind")) == [
        ("Báo Cao Bằng", "newspaper"),
        ("Đài Phát thanh và Truyền hình tỉnh Cao Bằng", "radio_tv"),
    ]
    assert all(outlet.history.count() == 1 for outlet in MediaOutlet.objects.all())


def test_the_province_q1_2020_counts_are_the_articles(db):
    province = services.unit_upsert(code="CB", name="UBND tỉnh Cao Bằng", kind=UnitKind.PROVINCE)
    period = services.period_upsert(year=2020, quarter=1)
    clerk = make_user("canbo.tinh", province, Role.CLERK)
    report = services.report_get_or_create(unit=province, period=period)
    for _ in range(2):  # a second run changes nothing
        report = services.report_update(report=report, user=clerk, expected_version=report.version, apply=save_q1_2020)
    assert sorted(OutreachCount.objects.values_list("outlet__name", "kind", "count")) == [
        ("Báo Cao Bằng", "news_or_article", 12),
        ("Đài Phát thanh và Truyền hình tỉnh Cao Bằng", "news", 72),
        ("Đài Phát thanh và Truyền hình tỉnh Cao Bằng", "reportage", 12),
    ]
    assert all(row.history.count() == 1 for row in OutreachCount.objects.all())
    value = {code: BY_CODE[code].compute([province.pk], period)[province.pk].value for code in BY_CODE}
    assert value == {
        "tt.news_articles": 84,
        "tt.reportages": 12,
        "tt.columns": 0,
        "tt.events": 0,
        "tt.items_total": 96,
        "tt.outlets_active": 2,
    }
