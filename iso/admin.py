"""Django admin of ISO 9001 adoption: the register with its status history; report figures obey the lock."""

import datetime as dt

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from cchc.admin import FoldedSearchMixin, LockAwareAdmin

from .models import IsoAdoption, IsoFigures


class ReadableHistoryHelper(HistoricalRecordContextHelper):
    """The history's "changes" column in words: "Tình trạng: Đang xây dựng → Đang áp dụng", dates dd/mm/yyyy."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.choices and value in dict(field.flatchoices):
            return str(dict(field.flatchoices)[value])
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            return str(_("có") if value else _("không"))
        return super().prepare_delta_change_value(change, value)


@admin.register(IsoAdoption)
class IsoAdoptionAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """Each save records the row's state; "Lịch sử" shows every status the unit's system went through."""

    list_display = (
        "unit",
        "standard",
        "status",
        "electronic",
        "announcement_number",
        "announced_on",
        "last_internal_audit_on",
        "last_management_review_on",
    )
    list_filter = ("standard", "status", "electronic", "unit__kind")
    search_fields = ("unit__name", "unit__code", "unit__name_search", "announcement_number", "scope")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
    date_hierarchy = "announced_on"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryHelper(self.model, historical_record)


@admin.register(IsoFigures)
class IsoFiguresAdmin(FoldedSearchMixin, LockAwareAdmin):
    list_display = ("report", "units_applying", "units_on_2015", "units_transitioning", "units_announced")
    list_filter = ("report__period", "report__status", "report__unit__kind")
    search_fields = ("report__unit__name", "report__unit__code", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")
