"""Django admin of the indicator definitions (`reports/indicator_models.py`): indicators as formulas over the
declared figures. Imported by `reports.admin`, which registers the rest of the reports app's admin."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IndicatorDefinition


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(SimpleHistoryAdmin):
    """Indicators as formulas over declared figures: an admin adds one with no code; the formula is checked."""

    list_display = ("code", "name", "area", "numerator", "denominator", "standard", "active")
    list_filter = ("area", "standard", "active")
    search_fields = ("code", "name", "name_en")
    readonly_fields = ("standard",)
    fields = (
        "code",
        "name",
        "name_en",
        "area",
        "unit_of_measure",
        "numerator",
        "numerator_label",
        "denominator",
        "denominator_label",
        "decimals",
        "direction",
        "target_source",
        "active",
        "standard",
    )

    def render_change_form(self, request, context, *args, **kwargs):
        from cchc.figures import Semantics, figures_all

        context["figure_codes"] = sorted(
            (key, figure.label, figure.unit_of_measure, Semantics(figure.semantics).label)
            for figure in figures_all().values()
            for key in figure.all_keys()
        )
        return super().render_change_form(request, context, *args, **kwargs)
