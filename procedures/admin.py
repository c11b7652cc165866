"""Django admin for procedures: registers with history; report figures through the lock-aware admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cchc.admin import FoldedSearchMixin, LockAwareAdmin
from cchc.text import fold

from .models import Decision, DossierRecord, InternalWorkflow, LedgerRow, Procedure, ProcedureFigures


class InternalWorkflowInline(admin.TabularInline):
    model = InternalWorkflow
    extra = 0
    autocomplete_fields = ("procedure",)


@admin.register(Decision)
class DecisionAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ("number", "issued_on", "issuer", "kind", "title")
    list_filter = ("kind", "issued_on", "issuer__kind")
    search_fields = ("number", "title", "issuer__name", "issuer__name_search")
    autocomplete_fields = ("issuer",)
    list_select_related = ("issuer",)
    date_hierarchy = "issued_on"
    inlines = [InternalWorkflowInline]


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "name",
        "field",
        "level",
        "unit_kind",
        "statutory_days",
        "current_days",
        "online_level",
        "status",
        "published_by",
        "abolished_by",
    )
    list_filter = ("level", "status", "online_level", "unit_kind", "field")
    search_fields = ("code", "name_search")
    autocomplete_fields = ("published_by", "abolished_by")
    list_select_related = ("published_by", "abolished_by")

    def get_search_results(self, request, queryset, search_term):
        # Diacritic-insensitive like cchc.admin.UnitAdmin: name_search folds code, name and field.
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(InternalWorkflow)
class InternalWorkflowAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    list_display = ("name", "decision", "procedure")
    list_filter = ("decision__kind", "decision__issued_on")
    search_fields = ("name", "decision__number", "procedure__code", "procedure__name_search")
    autocomplete_fields = ("decision", "procedure")
    list_select_related = ("decision", "procedure")


@admin.register(ProcedureFigures)
class ProcedureFiguresAdmin(FoldedSearchMixin, LockAwareAdmin):
    list_display = (
        "report",
        "procedures_in_force",
        "procedures_reduced",
        "decisions_publishing",
        "decisions_workflows",
        "workflows_approved",
        "communes_on_one_stop",
        "communes_total",
        "feedback_received",
        "feedback_handled",
        "feedback_pending",
    )
    list_filter = ("report__period", "report__status", "report__unit__kind")
    search_fields = ("report__unit__name", "report__unit__code", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")


@admin.register(LedgerRow)
class LedgerRowAdmin(FoldedSearchMixin, LockAwareAdmin):
    list_display = (
        "report",
        "reception_point",
        "carried_over",
        "received_new",
        "received_total",
        "resolved_total",
        "pending_total",
        "returned_withdrawn",
        "other_outcomes",
        "source",
    )
    list_filter = ("source", "report__period", "report__status", "report__unit__kind")
    search_fields = ("reception_point", "report__unit__name", "report__unit__code", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")


@admin.register(DossierRecord)
class DossierRecordAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """A register imported in bulk from one-stop systems; its history is written by the import."""

    list_display = (
        "code",
        "procedure",
        "unit",
        "reception_point",
        "channel",
        "received_at",
        "due_at",
        "completed_at",
        "status",
    )
    list_filter = ("status", "channel", "unit__kind", "received_at")
    search_fields = (
        "code",
        "reception_point",
        "procedure__code",
        "procedure__name_search",
        "unit__name",
        "unit__name_search",
    )
    autocomplete_fields = ("procedure", "unit")
    list_select_related = ("procedure", "unit")
    date_hierarchy = "received_at"
