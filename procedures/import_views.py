"""The dossier-record import page: upload → preview (a job) → commit (a job).

Both steps run as background jobs (jobs app), so a 100,000-row file never holds a web request: the page
starts the preview job and sends the user to its page, which shows the progress bar and, when done, the
preview with the commit button; the commit starts a second job that re-reads the same file (kept in the
preview job's folder until the retention period ends) inside one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cchc.views import PermissionMixin
from jobs import selectors as job_selectors
from jobs import services as job_services
from jobs.choices import JobState

from .forms_import import DossierImportCommitForm, DossierImportUploadForm
from .importing import COLUMNS

RECENT_JOBS = 10


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
        jobs = job_selectors.jobs_visible(request.user).filter(user=request.user, kind="dossiers.preview")
        preview_job = jobs.filter(pk=form.cleaned_data["job"]).first() if form.is_valid() else None
        if preview_job is None or preview_job.state != JobState.DONE or not preview_job.result.get("ok"):
            messages.error(request, _("Không có bản xem trước hợp lệ để nhập: hãy tải tệp lên lại."))
            return redirect("dossier_import")
        # A second click on the same preview shows the import already started instead of starting another.
        started = job_selectors.jobs_visible(request.user).filter(kind="dossiers.import", input__preview=preview_job.pk)
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
            messages.error(request, _("Tệp đã xem trước không còn (quá thời hạn lưu): hãy tải tệp lên lại."))
            return redirect("dossier_import")
        return redirect("job_detail", pk=job.pk)

    def render_page(self, *, upload_form, status=200):
        recent = job_selectors.jobs_visible(self.request.user).filter(
            user=self.request.user, kind__in=["dossiers.preview", "dossiers.import"]
        )[:RECENT_JOBS]
        context = {
            "title": _("Nhập hồ sơ một cửa"),
            "upload_form": upload_form,
            "columns": COLUMNS,
            "recent_jobs": recent,
        }
        return render(self.request, self.template_name, context, status=status)
