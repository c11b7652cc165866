"""Django admin of targets, legends and the scoring rubric (bands inline under their rubric item); the indicator
definitions' admin is `reports/indicator_admin.py`, imported at the end.

The indicator is picked from the registry (`reports.registry.all_indicators()`: every app's indicators and
the catalogue's numeric figures), grouped by reform area, so an admin can only name an indicator that
exists. Every change is kept in the history (django-simple-history); a rubric item's history also records
its bands ("Mức điểm: ≥ 0,98 → 2; ≥ 0,95 → 1"), which have no history of their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cchc.admin import year_column
from cchc.choices import ReformArea
from cchc.text import fold

from . import selectors, services
from .choices import LegendMode
from .models import Legend, RubricBand, RubricItem, Target
from .registry import all_indicators, by_code, display_name
from .scoring import is_rate

NOT_REGISTERED = _("(không còn trong danh mục chỉ tiêu)")


def target_text(value, indicator, *, percent: bool | None = None) -> str:
    """A target or threshold as people read it: a rate (or a share of the target) as a percentage ("98%"),
    anything else as a number ("2.084"), never the stored "0,9800"."""
    if value is None:
        return "—"
    if percent is None:
        percent = indicator is not None and is_rate(indicator)
    text = formats.number_format(Decimal(value * 100 if percent else value).normalize(), use_l10n=True)
    return f"{text}%" if percent else text


# --- forms ------------------------------------------------------------------------------------------------


class IndicatorChoiceForm(forms.ModelForm):
    """The indicator code as a select of the registered indicators (grouped by reform area)."""

    indicator = forms.ChoiceField(label=_("Chỉ tiêu"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.indicator if self.instance.pk else ""
        cast(forms.ChoiceField, self.fields["indicator"]).choices = [
            ("", "---------"),
            *selectors.indicator_choices(current=current),
        ]
        self.fields["indicator"].help_text = _("Chọn trong danh mục chỉ tiêu (các ứng dụng và số liệu bổ sung).")

    def indicator_object(self):
        code = self.cleaned_data.get("indicator")
        return by_code().get(code) if code else None


class TargetForm(IndicatorChoiceForm):
    class Meta:
        model = Target
        fields = ["indicator", "year", "unit_kind", "unit", "value", "source_number", "source_date"]
        localized_fields = ["value"]  # 0,98 in Vietnamese, 0.98 in English

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        indicator = self.indicator_object()
        if indicator is not None:
            try:
                services.target_check(indicator=indicator, value=cleaned.get("value"))
            except ValidationError as exc:
                self.add_error(None, exc)
        if cleaned.get("source_date") and not cleaned.get("source_number"):
            self.add_error("source_number", _("Nhập số văn bản giao chỉ tiêu khi đã nhập ngày văn bản."))
        return cleaned


class LegendForm(IndicatorChoiceForm):
    class Meta:
        model = Legend
        fields = ["indicator", "mode", "green_from", "yellow_from", "green_label", "yellow_label", "red_label"]
        localized_fields = ["green_from", "yellow_from"]

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        indicator = self.indicator_object()
        if indicator is not None:
            try:
                services.legend_check(
                    indicator=indicator,
                    mode=cleaned.get("mode"),
                    green_from=cleaned.get("green_from"),
                    yellow_from=cleaned.get("yellow_from"),
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned


class RubricItemForm(IndicatorChoiceForm):
    class Meta:
        model = RubricItem
        fields = ["name", "indicator", "area", "max_points"]
        localized_fields = ["max_points"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].required = False
        cast(forms.ChoiceField, self.fields["area"]).choices = [
            ("", _("— theo lĩnh vực của chỉ tiêu —")),
            *ReformArea.choices,
        ]
        self.fields["area"].help_text = _("Để trống: lấy lĩnh vực của chỉ tiêu. Điểm được cộng theo lĩnh vực này.")

    def clean_area(self):
        return self.cleaned_data.get("area") or None

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        indicator = self.indicator_object()
        if cleaned.get("area") is None and indicator is not None:
            cleaned["area"] = int(indicator.area)
        return cleaned


class RubricBandForm(forms.ModelForm):
    class Meta:
        model = RubricBand
        fields = ["threshold", "points"]
        localized_fields = ["threshold", "points"]


class RubricBandFormSet(forms.BaseInlineFormSet):
    """The bands together: points within the item's maximum (also while the item is being added), distinct
    thresholds, and stricter thresholds never giving fewer points."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        bands = [
            (form.cleaned_data["threshold"], form.cleaned_data["points"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("threshold") is not None
            and form.cleaned_data.get("points") is not None
        ]
        indicator = by_code().get(self.instance.indicator)
        if indicator is None:
            return  # the item's own form reports the indicator
        services.rubric_bands_check(indicator=indicator, max_points=self.instance.max_points, bands=bands)


# --- shared admin pieces -----------------------------------------------------------------------------------


class IndicatorAreaFilter(admin.SimpleListFilter):
    """Targets and legends by the reform area of their indicator (the area lives in the registry)."""

    title = _("lĩnh vực")
    parameter_name = "area"

    def lookups(self, request, model_admin):
        return [(str(value), label) for value, label in ReformArea.choices]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        codes = [i.code for i in all_indicators() if str(int(i.area)) == self.value()]
        return queryset.filter(indicator__in=codes)


class IndicatorFilter(admin.SimpleListFilter):
    """The indicators that have rows, by name."""

    title = _("chỉ tiêu")
    parameter_name = "indicator"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).order_by().values_list("indicator", flat=True).distinct()
        names = by_code()
        return sorted(
            ((code, display_name(names[code]) if code in names else f"{code} {NOT_REGISTERED}") for code in set(codes)),
            key=lambda item: str(item[1]),
        )

    def queryset(self, request, queryset):
        return queryset.filter(indicator=self.value()) if self.value() else queryset


class IndicatorAdmin(SimpleHistoryAdmin):
    """Shows the indicator's name beside its code (one registry read per page) and finds rows by that name."""

    @admin.display(description=_("tên chỉ tiêu"))
    def indicator_name(self, obj) -> str:
        name = getattr(obj, "_indicator_name", None)
        if name is None:
            indicator = by_code().get(obj.indicator)
            name = display_name(indicator) if indicator else NOT_REGISTERED
        return str(name)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        names = {i.code: display_name(i) for i in all_indicators()}
        changelist.result_list = list(changelist.result_list)
        for obj in changelist.result_list:
            obj._indicator_name = names.get(obj.indicator, NOT_REGISTERED)
        return changelist

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = fold(search_term)
        if term:  # "dung han" finds the on-time rate's rows: the names are matched without diacritics
            codes = [i.code for i in all_indicators() if term in fold(i.name) or term in fold(i.name_en)]
            if codes:
                found = found | queryset.filter(indicator__in=codes)
        return found, duplicates


# --- the four models ---------------------------------------------------------------------------------------


@admin.register(Target)
class TargetAdmin(IndicatorAdmin):
    """Targets per indicator and year, for all units, a unit kind or one unit (the most specific wins)."""

    form = TargetForm
    list_display = (
        "indicator",
        "indicator_name",
        "year_display",
        "scope",
        "value_display",
        "source_number",
        "source_date",
    )
    list_filter = ("year", IndicatorAreaFilter, IndicatorFilter, "unit_kind")
    search_fields = ("indicator", "source_number", "unit__name", "unit__code", "unit__name_search")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
    fieldsets = (
        (None, {"fields": ("indicator", "year", "value")}),
        (
            _("Phạm vi áp dụng"),
            {
                "fields": ("unit_kind", "unit"),
                "description": _(
                    "Để trống cả hai: áp dụng cho mọi đơn vị. Chỉ tiêu riêng của đơn vị được ưu tiên, "
                    "sau đó đến chỉ tiêu của loại đơn vị, cuối cùng là chỉ tiêu chung. Chỉ tiêu năm "
                    "của số cộng dồn (số hồ sơ, số trường hợp…) được chia đều cho các quý."
                ),
            },
        ),
        (_("Văn bản giao chỉ tiêu"), {"fields": ("source_number", "source_date")}),
    )

    year_display = year_column("year", _("năm"))

    @admin.display(description=_("chỉ tiêu giao"), ordering="value")
    def value_display(self, obj: Target) -> str:
        """The target as the scorecard shows it: "98%" for a rate, "2.084" for a count (not "0,9800")."""
        indicator = getattr(obj, "_indicator", None) or by_code().get(obj.indicator)
        return target_text(obj.value, indicator)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        indicators = by_code()
        for obj in changelist.result_list:
            obj._indicator = indicators.get(obj.indicator)
        return changelist

    @admin.display(description=_("phạm vi"))
    def scope(self, obj: Target) -> str:
        if obj.unit is not None:
            return obj.unit.name
        return obj.get_unit_kind_display() or gettext("mọi đơn vị")


@admin.register(Legend)
class LegendAdmin(IndicatorAdmin):
    """Traffic-light bands (green / yellow / red), absolute or relative to the target, in the indicator's
    direction."""

    form = LegendForm
    list_display = (
        "indicator",
        "indicator_name",
        "mode",
        "green_display",
        "yellow_display",
        "green_label",
        "yellow_label",
        "red_label",
    )
    list_filter = ("mode", IndicatorAreaFilter)
    search_fields = ("indicator", "green_label", "yellow_label", "red_label")
    fieldsets = (
        (None, {"fields": ("indicator", "mode")}),
        (
            _("Ngưỡng"),
            {
                "fields": ("green_from", "yellow_from"),
                "description": _(
                    "Chỉ tiêu càng cao càng tốt: giá trị ≥ ngưỡng xanh là xanh, ≥ ngưỡng vàng là vàng, "
                    "còn lại đỏ; càng thấp càng tốt: ≤ thay cho ≥. So với chỉ tiêu: 1 là đạt đúng chỉ "
                    "tiêu (0,95 là đạt 95%). Đơn vị chưa có chỉ tiêu không được tô màu."
                ),
            },
        ),
        (_("Nhãn"), {"fields": ("green_label", "yellow_label", "red_label")}),
    )

    def _threshold(self, obj: Legend, value) -> str:
        indicator = by_code().get(obj.indicator)
        relative = obj.mode == LegendMode.RELATIVE  # a share of the target: 0,95 is 95% of it
        return target_text(value, indicator, percent=True if relative else None)

    @admin.display(description=_("ngưỡng xanh"), ordering="green_from")
    def green_display(self, obj: Legend) -> str:
        return self._threshold(obj, obj.green_from)

    @admin.display(description=_("ngưỡng vàng"), ordering="yellow_from")
    def yellow_display(self, obj: Legend) -> str:
        return self._threshold(obj, obj.yellow_from)


class RubricBandInline(admin.TabularInline):
    model = RubricBand
    form = RubricBandForm
    formset = RubricBandFormSet
    extra = 2
    min_num = 1
    verbose_name = _("mức điểm")
    verbose_name_plural = _("mức điểm (giá trị đạt ngưỡng theo chiều tốt của chỉ tiêu thì được số điểm)")


@admin.register(RubricItem)
class RubricItemAdmin(IndicatorAdmin):
    """The scoring rubric: per indicator, bands that give points up to a maximum, grouped by reform area."""

    form = RubricItemForm
    inlines = [RubricBandInline]
    list_display = ("name", "indicator", "indicator_name", "area", "max_points", "bands_display")
    list_filter = ("area",)
    search_fields = ("name", "indicator")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bands")

    @admin.display(description=_("mức điểm"))
    def bands_display(self, obj: RubricItem) -> str:
        indicator = obj._indicator if hasattr(obj, "_indicator") else by_code().get(obj.indicator)
        return selectors.bands_summary(indicator=indicator, bands=[(b.threshold, b.points) for b in obj.bands.all()])

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        indicators = by_code()
        for obj in changelist.result_list:
            obj._indicator = indicators.get(obj.indicator)
        return changelist

    def save_related(self, request, form, formsets, change):
        """Save the bands, then write them into the item's latest history record when they changed."""
        item = form.instance
        before = sorted((b.threshold, b.points) for b in RubricBand.objects.filter(item=item))
        super().save_related(request, form, formsets, change)
        after = sorted((b.threshold, b.points) for b in RubricBand.objects.filter(item=item))
        if after != before:
            record = item.history.order_by("-history_date", "-history_id").first()
            if record is not None:
                summary = selectors.bands_summary(indicator=by_code().get(item.indicator), bands=after)
                reason = gettext("Mức điểm: %(bands)s") % {"bands": summary}
                if record.history_change_reason:
                    reason = f"{record.history_change_reason}; {reason}"
                record.history_change_reason = reason
                record.save(update_fields=["history_change_reason"])


from . import indicator_admin  # noqa: E402, F401  (registers the indicator definitions)
from .document import admin as document_admin  # noqa: E402, F401  (registers the report's form and edits)
from .publishing import admin as publishing_admin  # noqa: E402, F401  (registers its models)
