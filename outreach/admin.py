"""Django admin of area 1: the register of outlets with history; report rows (direction documents, outreach items
and counts) through the lock-aware admin."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from cchc.admin import LockAwareAdmin
from cchc.text import fold

from .models import DirectionDocument, MediaOutlet, OutreachCount, OutreachItem


class FoldedSearchMixin:
    """Diacritic-insensitive search: "bao cao bang" finds "Báo Cao Bằng" (through the folded columns),
    and a term typed with diacritics still matches the columns searched as typed."""

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded and folded != search_term:
            found_folded, duplicates_folded = super().get_search_results(request, queryset, folded)
            return found | found_folded, duplicates or duplicates_folded
        return found, duplicates


@admin.register(MediaOutlet)
class MediaOutletAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "name_search")


@admin.register(OutreachItem)
class OutreachItemAdmin(FoldedSearchMixin, LockAwareAdmin):
    list_display = ("published_on", "outlet", "kind", "title", "scope", "report")
    list_filter = ("kind", "scope", "outlet", "report__period", "report__unit__kind")
    search_fields = ("title", "title_search", "link", "report__unit__name", "report__unit__name_search")
    autocomplete_fields = ("report", "outlet")
    list_select_related = ("outlet", "report__unit", "report__period")
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(OutreachCount)
class OutreachCountAdmin(FoldedSearchMixin, LockAwareAdmin):
    list_display = ("report", "outlet", "kind", "count")
    list_filter = ("kind", "outlet", "report__period", "report__unit__kind")
    search_fields = ("outlet__name", "outlet__name_search", "report__unit__name", "report__unit__name_search")
    autocomplete_fields = ("report", "outlet")
    list_select_related = ("outlet", "report__unit", "report__period")


@admin.register(DirectionDocument)
class DirectionDocumentAdmin(LockAwareAdmin):
    list_display = ("issued_on", "number", "kind", "issuer", "title", "report")
    list_filter = ("kind", "report__period", "report__unit__kind")
    search_fields = ("number", "title", "issuer", "report__unit__name", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")
    date_hierarchy = "issued_on"
