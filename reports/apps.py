from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Indicator registry, targets, legends, scoring rubric and the scorecard builder."""

    name = "reports"
    verbose_name = _("Tổng hợp, chấm điểm")
