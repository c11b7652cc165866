from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Indicator registry, targets, legends, scoring rubric and the scorecard builder."""

    name = "reports"
    verbose_name = _("Tổng hợp, chấm điểm")

    def ready(self):
        from django.db.models.signals import pre_save

        from . import signals
        from .models import IndicatorDefinition
        from .standard_indicators import ensure_standard_indicators, loaded_replaces_standard

        signals.connect()  # every write to a scorecard input bumps the cached scorecards' data version

        # After every migrate (and every test flush): the standard indicators exist, admins' edits stay.
        post_migrate.connect(ensure_standard_indicators, sender=self, dispatch_uid="reports_standard_indicators")
        pre_save.connect(loaded_replaces_standard, sender=IndicatorDefinition, dispatch_uid="reports_loaded_indicators")
