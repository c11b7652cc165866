"""A share reads as the percentage rounded once from its exact value, as a person rounding by hand would."""

from decimal import Decimal

from django.utils import translation

from reports.templatetags.reports_tags import as_percent


def test_a_share_just_below_half_a_hundredth_rounds_down():
    with translation.override("vi"):
        # 79,23495 % is nearer 79,23 than 79,24; rounding to 6 places first gave 79,24.
        assert as_percent(Decimal("0.7923495")) == "79,23%"
        assert as_percent(0.7923495) == "79,23%"


def test_the_source_articles_on_time_rate_still_reads_as_published():
    with translation.override("vi"):
        assert as_percent(Decimal(1604) / Decimal(1614)) == "99,38%"
        assert as_percent(Decimal(11881) / Decimal(12836)) == "92,56%"
