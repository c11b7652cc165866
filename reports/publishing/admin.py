"""Admin of published scorecards (read-only: a publication is never edited) and corrective actions (with history)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionUpdate, CorrectiveAction, Publication, PublicationFile


class PublicationFileInline(admin.TabularInline):
    model = PublicationFile
    fields = ("kind", "name", "size", "sha256")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    """Publications are made on the portal's "Đã công bố" page; here they can only be read."""

    list_display = ("span_code", "scope_name", "revision", "published_at", "published_by_name", "reason")
    list_filter = ("span_code",)
    search_fields = ("scope_name", "span_code", "reason", "published_by_name")
    list_select_related = ("scope_unit",)
    exclude = ("snapshot",)
    inlines = [PublicationFileInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "snapshot"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    fields = ("created_at", "author", "status", "text")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("author",)
    extra = 0


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(SimpleHistoryAdmin):
    list_display = ("indicator_name", "unit", "responsible_unit", "due_date", "status", "span_code")
    list_filter = ("status", "span_code")
    search_fields = ("indicator", "indicator_name", "description", "unit__name", "responsible_unit__name")
    autocomplete_fields = ("unit", "responsible_unit", "created_by", "period")
    list_select_related = ("unit", "responsible_unit")
    inlines = [ActionUpdateInline]
    fieldsets = (
        (None, {"fields": ("period", "span_code", "unit", "indicator", "indicator_name", "band", "value_text")}),
        (_("Việc cần làm"), {"fields": ("description", "responsible_unit", "due_date", "created_by")}),
        (_("Trạng thái"), {"fields": ("status", "drop_reason", "closed_at")}),
    )
