"""Views of the shared schema, and the generic pieces every app's views are built on.

Views stay thin: they ask `permissions`, call services and selectors, and render.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from . import permissions, services
from .filtersets import FigureValueFilterSet, ReportFilterSet, SubmissionFilterSet, UnitFilterSet
from .forms import ReasonForm
from .history import report_history
from .models import FigureValue, Report, Unit
from .selectors import periods_recent, reports_for_list, submission_summary, unit_tree_changes
from .spreadsheet_safety import SafeTableExport
from .tables import FigureValueTable, ReportTable, UnitTable
from .text import download_name

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise

# "Báo cáo của tôi" opens on this many latest quarters (plus any whose deadline is still ahead).
RECENT_PERIODS = 4


def sheet_title(title: str) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Dữ liệu"


def error_messages(exc: ValidationError) -> list[str]:
    """Flatten a ValidationError (plain, list or per-field) into readable sentences."""
    return [str(m) for m in exc.messages]


class PermissionMixin(LoginRequiredMixin):
    """Every portal view: signed in, then the permission module's rule `permission_action`."""

    permission_action = "portal.use"
    if TYPE_CHECKING:  # what the view this is mixed into brings
        request: HttpRequest
        kwargs: dict[str, Any]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        permissions.require(request.user, self.permission_action)
        return super().dispatch(request, *args, **kwargs)


MAX_PER_PAGE = 500


def clamp_paging(query, *, default: int):
    """`?per_page=` and `?page=` as the table can use them: a number of rows between 1 and MAX_PER_PAGE (a
    non-number means the default), a page of at least 1. `?per_page=-1` or `=abc` was a server error."""
    if "per_page" not in query and "page" not in query:
        return query
    query = query.copy()
    if "per_page" in query:
        query["per_page"] = str(min(max(_int_or(query["per_page"], default), 1), MAX_PER_PAGE))
    if "page" in query:
        query["page"] = str(max(_int_or(query["page"], 1), 1))
    return query


def _int_or(raw: str, default: int) -> int:
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.lstrip("-").isdigit() and len(raw) < 12 else default


class FilteredTableView(PermissionMixin, ExportMixin, SingleTableMixin, FilterView):
    """A list: scoped to the user's units, filtered, sorted, paginated, exportable to csv/xlsx.

    Subclasses declare `queryset`, `filterset_class`, `table_class`, `title` and, when the rows do
    not belong to a unit through a field called `unit`, `unit_field` ("" when the rows are units; None when
    they belong to no unit — a province-wide register every signed-in user reads whole: not scoped).
    """

    template_name = "cchc/list.html"
    export_formats = ("csv", "xlsx")
    export_class = SafeTableExport  # text never exported as a live formula (cchc.spreadsheet_safety)
    # The table paginates (one count query, ?per_page= honoured); the ListView must not paginate too.
    table_pagination = {"per_page": 25}
    unit_field: str | None = "unit"
    title: StrOrPromise = ""
    intro: StrOrPromise = ""

    def get(self, request, *args, **kwargs):
        request.GET = clamp_paging(request.GET, default=self.table_pagination["per_page"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.unit_field is None:  # rows of no unit: nothing to scope (the view's permission still applies)
            return queryset
        return permissions.scope_queryset(self.request.user, queryset, self.unit_field)

    def get_export_filename(self, export_format):
        return download_name(self.export_name, self.export_period_code(), export_format)

    def export_period_code(self) -> str:
        """The period or year picked in the filter ("2020-Q1", "2019"), for the file name; "" when the list
        spans periods."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or not filterset.form.is_valid():
            return ""
        cleaned = filterset.form.cleaned_data
        if cleaned.get("period") is not None and hasattr(cleaned["period"], "code"):
            return cleaned["period"].code
        years = [value for name, value in cleaned.items() if name.endswith("year") and value not in (None, "")]
        return str(int(years[0])) if years else ""  # a NumberFilter gives Decimal("2019")

    def get_dataset_kwargs(self):
        # The sheet is named after the list ("Tình hình gửi báo cáo"), not the model ("Báo Cáo").
        return {"title": sheet_title(str(self.title))}

    def create_export(self, export_format):
        table = self.get_table(**self.get_table_kwargs())
        table.export_format = export_format  # value_* methods write real dates to xlsx, dd/mm/yyyy to csv
        exporter = self.export_class(
            export_format=export_format,
            table=table,
            exclude_columns=self.exclude_columns,
            dataset_kwargs=self.get_dataset_kwargs(),
        )
        return exporter.response(filename=self.get_export_filename(export_format))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, intro=self.intro, export_formats=self.export_formats)
        return context


class HomeView(PermissionMixin, TemplateView):
    """Send each role where its work is: clerks to their reports, managers to the submissions."""

    template_name = "cchc/home.html"

    def get(self, request, *args, **kwargs):
        if permissions.has(request.user, "reports.enter"):
            return redirect("report_mine")
        if permissions.has(request.user, "submissions.view"):
            return redirect("report_submissions")
        return super().get(request, *args, **kwargs)


class MyReportListView(FilteredTableView):
    """ "Báo cáo của tôi": the periods of the clerk's units, with status, deadline and days late."""

    permission_action = "reports.enter"
    queryset = reports_for_list()
    filterset_class = ReportFilterSet
    table_class = ReportTable
    export_name = "bao-cao-cua-toi"
    title = gettext_lazy("Báo cáo của tôi")
    template_name = "cchc/my_reports.html"

    def get_queryset(self):
        return super().get_queryset().filter(unit_id__in=permissions.clerk_unit_ids(self.request.user))

    def show_older(self) -> bool:
        """Older quarters are folded away unless asked for (?older=1), or a period is picked in the filter."""
        return self.request.GET.get("older") == "1" or bool(self.request.GET.get("period"))

    def get_table_data(self):
        data = super().get_table_data()
        if self.show_older():
            return data
        # The current quarter and the few before it first; the rest behind "Xem các kỳ cũ hơn".
        self.recent_ids = periods_recent(count=RECENT_PERIODS)
        self.older_count = data.exclude(period_id__in=self.recent_ids).count()
        return data.filter(period_id__in=self.recent_ids)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["show_older"] = self.show_older()
        context["older_count"] = getattr(self, "older_count", 0)
        return context


class SubmissionListView(FilteredTableView):
    """ "Tình hình gửi báo cáo": every expected unit in scope for a period, and how timely they were."""

    permission_action = "submissions.view"
    queryset = reports_for_list()
    filterset_class = SubmissionFilterSet
    table_class = ReportTable
    export_name = "tinh-hinh-gui-bao-cao"
    template_name = "cchc/submissions.html"
    title = gettext_lazy("Tình hình gửi báo cáo")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        period = form.cleaned_data.get("period") if form.is_valid() else None
        if period is not None:
            scoped = permissions.scope_queryset(self.request.user, Report.objects.all())
            context["period"] = period
            context["summary"] = submission_summary(period=period, reports=scoped)
        return context


class UnitListView(FilteredTableView):
    """The units the user may see, searchable without diacritics."""

    queryset = Unit.objects.select_related("parent", "successor")
    filterset_class = UnitFilterSet
    table_class = UnitTable
    unit_field = ""
    export_name = "don-vi"
    title = gettext_lazy("Đơn vị")


class FigureValueListView(FilteredTableView):
    """Values of the catalogue's additional figures in the reports the user may see."""

    queryset = FigureValue.objects.select_related("definition", "report__unit", "report__period")
    filterset_class = FigureValueFilterSet
    table_class = FigureValueTable
    unit_field = "report__unit"
    export_name = "so-lieu-bo-sung"
    title = gettext_lazy("Số liệu bổ sung")


class UnitDetailView(PermissionMixin, TemplateView):
    """A unit: its place in the tree, validity, predecessors and successor, and the map before and after
    each change (a merger recorded by `personnel.services.merger_apply`, the end of the district level)."""

    template_name = "cchc/unit_detail.html"

    def get_context_data(self, **kwargs):
        unit = get_object_or_404(Unit.objects.select_related("parent", "successor"), pk=self.kwargs["pk"])
        permissions.require(self.request.user, "unit.view", unit)
        return super().get_context_data(
            unit=unit,
            predecessors=unit.predecessors.all(),
            children=unit.children.all(),
            changes=unit_tree_changes(unit=unit),
            **kwargs,
        )


class ReportMixin(PermissionMixin):
    """Loads the report of the URL and checks that the user may see it."""

    def get_report(self) -> Report:
        report = get_object_or_404(reports_for_list(), pk=self.kwargs["pk"])
        permissions.require(self.request.user, "report.view", report)
        return report


def report_url(report: Report) -> str:
    return reverse("report_detail", args=[report.pk])


class ReportReviewView(ReportMixin, View):
    """Approve, return (with a reason) or reopen (with a reason): the manager's decisions."""

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        permissions.require(request.user, "report.review", report)
        action = request.POST.get("action")
        form = ReasonForm(request.POST)
        # The version the manager reviewed (the page's hidden field). Absent (a scripted client): not
        # compared; present but not a number: refused like a stale one.
        raw_version = request.POST.get("version")
        try:
            reviewed = None if raw_version is None else int(raw_version)
        except ValueError:
            reviewed = -1
        try:
            with transaction.atomic():
                if action == "approve":
                    services.report_approve(report=report, user=request.user, expected_version=reviewed)
                    messages.success(request, _("Đã duyệt báo cáo."))
                elif action in ("return", "reopen"):
                    # The form's 4,000 characters are enforced (a 200,000-character reason was accepted).
                    reason = form.cleaned_data["reason"] if form.is_valid() else form.data.get("reason", "")
                    if form.errors.get("reason") and form.data.get("reason", "").strip():
                        raise ValidationError(form.errors["reason"].as_data())
                    service = services.report_return if action == "return" else services.report_reopen
                    service(report=report, user=request.user, reason=reason, expected_version=reviewed)
                    messages.success(
                        request, _("Đã trả lại báo cáo.") if action == "return" else _("Đã mở lại báo cáo.")
                    )
                else:
                    messages.error(request, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        return redirect(report_url(report))


class ReportHistoryView(ReportMixin, TemplateView):
    """Who changed what in the report, when, old → new."""

    template_name = "cchc/report_history.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        return super().get_context_data(report=report, changes=report_history(report), **kwargs)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
