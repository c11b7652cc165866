"""Django admin of organisation and civil service; recording a merger applies it to the unit tree."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cchc.admin import LockAwareAdmin, year_column

from . import services
from .models import DownsizingApproval, JobPositionScheme, LegalBasis, PersonnelFigures, QualityRating, UnitMerger


@admin.register(PersonnelFigures)
class PersonnelFiguresAdmin(LockAwareAdmin):
    list_display = ("report", "quota_year_display", "quota", "headcount", "collectives_rated", "policy_cases")
    list_filter = ("report__period", "report__unit__kind")
    search_fields = ("report__unit__name", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")
    quota_year_display = year_column("quota_year", _("năm giao biên chế"))


@admin.register(QualityRating)
class QualityRatingAdmin(LockAwareAdmin):
    list_display = (
        "unit",
        "rating_year_display",
        "category",
        "excellent",
        "good",
        "completed",
        "not_completed",
        "total",
    )
    list_filter = ("rating_year", "category", "unit__kind")
    search_fields = ("unit__name", "unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("unit",)
    rating_year_display = year_column("rating_year", _("năm đánh giá"))


@admin.register(JobPositionScheme)
class JobPositionSchemeAdmin(LockAwareAdmin):
    list_display = ("name", "report", "decision_number", "decision_date")
    search_fields = ("name", "decision_number", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")


@admin.register(DownsizingApproval)
class DownsizingApprovalAdmin(LockAwareAdmin):
    list_display = ("__str__", "report", "round", "cases", "decision_number")
    list_filter = ("year", "legal_bases")
    search_fields = ("decision_number", "report__unit__name_search")
    autocomplete_fields = ("report", "legal_bases")
    list_select_related = ("report__unit", "report__period")


@admin.register(LegalBasis)
class LegalBasisAdmin(SimpleHistoryAdmin):
    list_display = ("number", "name")
    search_fields = ("number", "name")


class UnitMergerForm(forms.ModelForm):
    class Meta:
        model = UnitMerger
        fields = ["merged", "into", "effective_on", "resolution"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("into") and cleaned.get("effective_on") and cleaned.get("merged") is not None:
            try:
                services.merger_check(
                    merged=list(cleaned["merged"]), into=cleaned["into"], effective_on=cleaned["effective_on"]
                )
            except ValidationError as exc:
                raise ValidationError(exc.messages) from exc
        return cleaned


@admin.register(UnitMerger)
class UnitMergerAdmin(SimpleHistoryAdmin):
    """A merger is recorded once and applied by the service; it is not edited afterwards."""

    form = UnitMergerForm
    list_display = ("into", "effective_on", "resolution")
    search_fields = ("into__name", "into__name_search", "resolution")
    autocomplete_fields = ("merged", "into")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        record = services.merger_apply(
            merged=list(form.cleaned_data["merged"]),
            into=form.cleaned_data["into"],
            effective_on=form.cleaned_data["effective_on"],
            resolution=form.cleaned_data["resolution"],
        )
        obj.pk = record.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The service already set the merged units, inside its transaction.
        pass
