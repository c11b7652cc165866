"""Views of procedures: the lists (the catalogue, decisions and dossier records, each a FilteredTableView
declaration) and the dossier-record import page with its template download.

The import's two steps run as background jobs (jobs app), so a 100,000-row file never holds a web request:
the page starts the preview job and sends the user to its page, which shows the progress bar and, when
done, the preview with the commit button; the commit starts a second job that re-reads the same file (kept
in the preview job's folder until the retention period ends) inside one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from cchc.text import download_name
from cchc.views import FilteredTableView, PermissionMixin
from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.choices import JobState

from .filtersets import DecisionFilterSet, DossierFilterSet, ProcedureFilterSet
from .forms import DossierImportCommitForm, DossierImportUploadForm
from .importing.template import XLSX, template_csv, template_xlsx
from .importing.vocabulary import COLUMNS
from .models import Decision, DossierRecord, Procedure
from .tables import DecisionTable, DossierTable, ProcedureTable

RECENT_JOBS = 10  # the user's latest import jobs listed on the import page


class ProceduresListView(FilteredTableView):
    """The lists of this app share a template with tabs between them."""

    template_name = "procedures/list.html"


class ProcedureListView(ProceduresListView):
    """ "Thủ tục hành chính": the province's catalogue, searchable without diacritics."""

    permission_action = "portal.use"
    queryset = Procedure.objects.select_related("published_by", "abolished_by")
    filterset_class = ProcedureFilterSet
    table_class = ProcedureTable
    unit_field = None  # the province's public register: its rows belong to no unit, every user sees it all
    export_name = "thu-tuc-hanh-chinh"
    title = _("Thủ tục hành chính")
    intro = _("Bộ thủ tục hành chính của tỉnh; tìm được cả khi gõ không dấu.")


class DecisionListView(ProceduresListView):
    """ "Quyết định": decisions of the units the user may see, with the number of workflows each approves."""

    permission_action = "portal.use"
    queryset = (
        Decision.objects.select_related("issuer")
        .annotate(workflow_count=Count("workflows"))
        .order_by("-issued_on", "number")
    )
    filterset_class = DecisionFilterSet
    table_class = DecisionTable
    unit_field = "issuer"  # a decision belongs to the unit that issued it
    export_name = "quyet-dinh"
    title = _("Quyết định về thủ tục hành chính")


class DossierListView(ProceduresListView):
    """ "Hồ sơ một cửa": the dossier records of the units the user may see, and whether each was timely."""

    permission_action = "portal.use"
    queryset = DossierRecord.objects.select_related("procedure", "unit")
    filterset_class = DossierFilterSet
    table_class = DossierTable
    unit_field = "unit"
    export_name = "ho-so-mot-cua"
    title = _("Hồ sơ một cửa")
    intro = _(
        "Tiến độ: hồ sơ đã giải quyết so ngày hoàn thành với ngày hẹn trả; hồ sơ đang giải quyết so với "
        "thời điểm hiện tại."
    )


class DossierImportView(PermissionMixin, View):
    """Clerks import their units' dossier records (admins: any unit's); the ledgers follow."""

    permission_action = "dossiers.import"
    template_name = "procedures/import.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(upload_form=DossierImportUploadForm())

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "commit":
            return self.commit()
        if action == "recompute":
            job = job_services.job_start(kind="ledgers.recompute", user=request.user)
            return redirect("job_detail", pk=job.pk)
        return self.preview()

    def preview(self):
        request = self.request
        form = DossierImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(upload_form=form, status=400)
        job = job_services.job_start(kind="dossiers.preview", user=request.user, upload=form.cleaned_data["file"])
        return redirect("job_detail", pk=job.pk)

    def commit(self):
        request = self.request
        form = DossierImportCommitForm(request.POST)
        jobs = job_selectors.jobs_visible(user=request.user).filter(user=request.user, kind="dossiers.preview")
        preview_job = jobs.filter(pk=form.cleaned_data["job"]).first() if form.is_valid() else None
        if preview_job is None or preview_job.state != JobState.DONE or not preview_job.result.get("ok"):
            messages.error(request, gettext("Không có bản xem trước hợp lệ để nhập: hãy tải tệp lên lại."))
            return redirect("dossier_import")
        # A second click on the same preview shows the import already started instead of starting another.
        started = job_selectors.jobs_visible(user=request.user).filter(
            kind="dossiers.import", input__preview=preview_job.pk
        )
        earlier = started.exclude(state__in=[JobState.FAILED, JobState.CANCELLED]).first()
        if earlier is not None:
            return redirect("job_detail", pk=earlier.pk)
        try:
            job = job_services.job_start(
                kind="dossiers.import",
                user=request.user,
                input={"preview": preview_job.pk, "rows": preview_job.result.get("rows_read")},
                input_from=preview_job,
            )
        except FileNotFoundError:
            messages.error(request, gettext("Tệp đã xem trước không còn (quá thời hạn lưu): hãy tải tệp lên lại."))
            return redirect("dossier_import")
        return redirect("job_detail", pk=job.pk)

    def render_page(self, *, upload_form, status=200):
        recent = job_selectors.jobs_visible(user=self.request.user).filter(
            user=self.request.user, kind__in=["dossiers.preview", "dossiers.import"]
        )[:RECENT_JOBS]
        context = {
            "title": gettext("Nhập hồ sơ một cửa"),
            "upload_form": upload_form,
            "columns": COLUMNS,
            "recent_jobs": recent,
        }
        return render(self.request, self.template_name, context, status=status)


class DossierTemplateView(PermissionMixin, View):
    """ "Tải tệp mẫu": the import's template, ?format=csv or xlsx (the default)."""

    permission_action = "dossiers.import"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            body, content_type, ext = template_csv(request.user), "text/csv; charset=utf-8", "csv"
        else:
            body, content_type, ext = template_xlsx(request.user), XLSX, "xlsx"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{download_name("nhap-ho-so", "mau", ext)}"'
        return response
