"""Django admin for the shared schema, and the lock-aware base admin every app's figures reuse."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import permissions, services
from .choices import UnitKind
from .locks import lock_override
from .models import CheckExplanation, FigureDefinition, FigureValue, Membership, MonthlySection, Period, Report, Unit
from .nil_sections import NilSection
from .text import fold

ADMIN_OVERRIDE_REASON = _("sửa trong trang quản trị")

admin.site.site_header = _("Quản trị Cổng báo cáo CCHC")
admin.site.site_title = _("Quản trị CCHC")
admin.site.index_title = _("Danh mục và dữ liệu")


def year_column(field: str, description):
    """An admin column for a year field shown as written ("2026"): Django's admin would localise the
    integer with a thousands separator ("2.026")."""

    @admin.display(description=description, ordering=field)
    def column(model_admin, obj) -> str:
        value = getattr(obj, field)
        return "" if value is None else str(value)

    return column


if TYPE_CHECKING:  # the mixin is mixed into model admins: to the type checker it is one
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class FoldedSearchMixin(_AdminBase):
    """Diacritic-insensitive admin search: "so noi vu" finds "Sở Nội vụ".

    The term is searched as typed (numbers such as "57/QĐ-UBND", free text without a folded column) and,
    folded, in the `*name_search` columns; a row matching either way is found.
    """

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        folded = fold(search_term)
        if folded and folded != search_term:
            found_folded, duplicates_folded = super().get_search_results(request, queryset, folded)
            return found | found_folded, duplicates or duplicates_folded
        return found, duplicates


class LockAwareAdmin(SimpleHistoryAdmin):
    """Admin for reports and their figures: a superuser's edit of a locked report is an override.

    The models refuse writes to approved reports and closed periods; here a superuser may go through,
    and the history records the change reason "Quản trị viên ghi đè khóa: …". Every write path of the
    admin goes through `_write`: the change form, inlines, single delete and the "delete selected"
    action (`delete_queryset`, row by row so each deletion has its history row and log line).

    A staff member who is not a superuser sees only the reports `permissions` lets them see, and
    changes or deletes only rows of reports they may edit as a clerk (their unit, draft or returned,
    period open) — the same rule as the portal's report page.
    """

    report_path = "report"  # from a row to its report; "" when the rows are reports

    def _write(self, request, action):
        try:
            if request.user.is_superuser:
                with lock_override(user=request.user, reason=str(ADMIN_OVERRIDE_REASON)):
                    return action()
            return action()
        except ValidationError as exc:
            # Only a staff member who is not a superuser gets here: the lock holds for them.
            raise PermissionDenied(" ".join(exc.messages)) from exc

    def _report_of(self, obj):
        return getattr(obj, self.report_path) if self.report_path else obj

    def _may_edit(self, request, obj) -> bool:
        if permissions.is_admin(request.user) or obj is None:
            return True
        report = self._report_of(obj)
        return report is not None and permissions.can_edit_report(request.user, report)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if permissions.is_admin(request.user):
            return queryset
        unit_field = f"{self.report_path}__unit" if self.report_path else "unit"
        return permissions.scope_queryset(request.user, queryset, unit_field=unit_field)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_edit(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "report" and not permissions.is_admin(request.user):
            editable = permissions.EDITABLE_STATUSES
            kwargs["queryset"] = db_field.related_model.objects.filter(
                unit_id__in=permissions.clerk_unit_ids(request.user), status__in=editable, period__is_open=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _require_editable(self, request, obj) -> None:
        if self.report_path and getattr(obj, f"{self.report_path}_id", None) is None:
            return
        if not self._may_edit(request, obj):
            raise PermissionDenied(_("Bạn không được sửa báo cáo của đơn vị này trong trang quản trị."))

    def _moved_on(self, objs) -> None:
        """An admin write changes the report: its version moves on, so a manager who reviewed the
        previous version cannot approve or return it without looking again (services.report_approve)."""
        ids = {obj.pk if not self.report_path else getattr(obj, f"{self.report_path}_id") for obj in objs}
        Report.objects.filter(pk__in=ids - {None}).update(version=F("version") + 1)

    def save_model(self, request, obj, form, change):
        self._require_editable(request, obj)
        self._write(request, lambda: super(LockAwareAdmin, self).save_model(request, obj, form, change))
        self._moved_on([obj])

    def delete_model(self, request, obj):
        self._require_editable(request, obj)
        self._write(request, lambda: super(LockAwareAdmin, self).delete_model(request, obj))
        if self.report_path:
            self._moved_on([obj])

    def delete_queryset(self, request, queryset):
        def delete_each():
            with transaction.atomic():
                rows = list(queryset.select_related(self.report_path) if self.report_path else queryset)
                for obj in rows:
                    self._require_editable(request, obj)
                    obj.delete()
                if self.report_path:
                    self._moved_on(rows)

        self._write(request, delete_each)

    def save_formset(self, request, form, formset, change):
        self._write(request, lambda: super(LockAwareAdmin, self).save_formset(request, form, formset, change))


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "parent", "valid_from", "valid_to", "successor")
    list_filter = ("kind", "valid_to")
    search_fields = ("code", "name", "name_search")
    autocomplete_fields = ("parent", "successor")
    # `path` is the internal materialised path ("/1/7/"), kept by Unit.save(): not shown, not edited.
    exclude = ("path",)

    def get_search_results(self, request, queryset, search_term):
        # Diacritic-insensitive: "Cao Bang" finds "Cao Bằng".
        return super().get_search_results(request, queryset, fold(search_term))


def created_reports_message(n: int) -> str:
    return ngettext(
        "Đã tạo %(n)d báo cáo cho các đơn vị phải báo cáo.", "Đã tạo %(n)d báo cáo cho các đơn vị phải báo cáo.", n
    ) % {"n": n}


@admin.register(MonthlySection)
class MonthlySectionAdmin(SimpleHistoryAdmin):
    """Which sections a kind of unit reports monthly, from when (docs/periods.md)."""

    list_display = ("section_key", "unit_kind", "valid_from", "valid_to", "deadline_days")
    list_filter = ("section_key", "unit_kind")


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):
    list_display = (
        "__str__",
        "year_display",
        "quarter",
        "month",
        "start_date",
        "end_date",
        "data_window_end",
        "deadline",
        "is_open",
        "is_history",
    )
    list_filter = ("year", "is_open", "is_history")
    search_fields = ("year",)
    actions = ["ensure_reports"]

    year_display = year_column("year", _("năm"))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        created = services.period_reports_ensure(period=obj)
        if created:
            self.message_user(request, created_reports_message(created))

    @admin.action(description=_("Tạo báo cáo còn thiếu cho các đơn vị đang hoạt động"))
    def ensure_reports(self, request, queryset):
        created = sum(services.period_reports_ensure(period=period) for period in queryset)
        self.message_user(request, created_reports_message(created))


@admin.register(Report)
class ReportAdmin(LockAwareAdmin):
    report_path = ""
    list_display = ("unit", "period", "status", "submitted_at", "reviewed_by", "version")
    list_filter = ("status", "period", "unit__kind")
    search_fields = ("unit__name", "unit__code", "unit__name_search")
    autocomplete_fields = ("unit", "period")
    list_select_related = ("unit", "period", "reviewed_by")
    # The workflow moves through services (report page); admin edits content only.
    readonly_fields = (
        "status",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "return_reason",
        "reopen_reason",
        "version",
    )


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role", "unit__kind")
    search_fields = ("user__username", "user__last_name", "unit__name", "unit__name_search")
    autocomplete_fields = ("user", "unit")
    list_select_related = ("user", "unit")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("unit",)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]


class FigureDefinitionForm(forms.ModelForm):
    unit_kinds = forms.MultipleChoiceField(
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Loại đơn vị báo cáo"),
        help_text=_("Không chọn: mọi loại đơn vị đều báo cáo số liệu này."),
    )

    class Meta:
        model = FigureDefinition
        fields = [
            "code",
            "name",
            "name_en",
            "area",
            "unit_of_measure",
            "value_type",
            "measure",
            "help_text",
            "unit_kinds",
            "min_value",
            "max_value",
            "active_from",
            "active_to",
            "display_order",
        ]


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(SimpleHistoryAdmin):
    """The catalogue of additional figures: a new figure appears in the next reports without code."""

    form = FigureDefinitionForm
    list_display = (
        "code",
        "name",
        "area",
        "value_type",
        "measure",
        "unit_of_measure",
        "active_from",
        "active_to",
        "display_order",
    )
    list_filter = ("area", "value_type", "measure")
    search_fields = ("code", "name", "name_en")


@admin.register(FigureValue)
class FigureValueAdmin(LockAwareAdmin):
    list_display = ("definition", "report", "number", "text", "date_value", "as_of")
    list_filter = ("definition__area", "definition", "report__period")
    search_fields = ("definition__name", "definition__code", "report__unit__name_search")
    autocomplete_fields = ("report", "definition")
    list_select_related = ("definition", "report__unit", "report__period")


@admin.register(CheckExplanation)
class CheckExplanationAdmin(LockAwareAdmin):
    """Clerks write explanations on the report page; admins see (and, with the lock override, fix) them."""

    list_display = ("report", "code", "text")
    list_filter = ("report__period",)
    search_fields = ("code", "text", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")


from .plausibility import admin as _plausibility_admin  # noqa: E402,F401  (the ranges admins set)


@admin.register(NilSection)
class NilSectionAdmin(LockAwareAdmin):
    """The "không phát sinh" ticks of submitted reports: read by admins, fixed only through the lock override."""

    list_display = ("report", "section_key", "updated_at")
    list_filter = ("report__period", "section_key")
    search_fields = ("section_key", "report__unit__name_search")
    autocomplete_fields = ("report",)
    list_select_related = ("report__unit", "report__period")
