"""The "Công việc" pages: a user's jobs, one job with its live progress, cancel, retry, download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from cchc import permissions
from cchc.views import PermissionMixin

from . import files, selectors, services
from .selectors import PHASES


class JobListView(PermissionMixin, ListView):
    """The signed-in user's jobs, newest first."""

    template_name = "jobs/list.html"
    paginate_by = 25
    context_object_name = "jobs"

    def get_queryset(self):
        return selectors.jobs_visible(user=self.request.user)

    def get_context_data(self, **kwargs):
        can_generate_synthetic = permissions.has(self.request.user, "synthetic.generate")
        return super().get_context_data(title=_("Công việc"), can_generate_synthetic=can_generate_synthetic, **kwargs)


class JobMixin(PermissionMixin):
    job_action = "job.view"

    def get_job(self):
        job = get_object_or_404(selectors.jobs_visible(user=self.request.user), pk=self.kwargs["pk"])
        permissions.require(self.request.user, self.job_action, job)
        return job


class JobDetailView(JobMixin, View):
    """One job; htmx polls the status card every second while the job is queued or running."""

    def get(self, request, *args, **kwargs):
        services.jobs_fail_stale()
        job = selectors.job_live(job=self.get_job())
        context = {"job": job, "title": str(job), "phase_label": PHASES.get(job.phase, job.phase)}
        template = "jobs/_status.html" if request.htmx else "jobs/detail.html"
        return render(request, template, context)


class JobCancelView(JobMixin, View):
    job_action = "job.cancel"

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        if services.job_cancel(job=job):
            messages.info(request, _("Đã yêu cầu hủy: công việc dừng ở lô kế tiếp, phần đang làm dở không được lưu."))
        else:
            messages.warning(request, _("Công việc đã kết thúc, không hủy được nữa."))
        return redirect("job_detail", pk=job.pk)


class JobRetryView(JobMixin, View):
    job_action = "job.cancel"

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        if not job.finished or job.state == "done":
            messages.warning(request, _("Chỉ chạy lại được công việc bị lỗi hoặc đã hủy."))
            return redirect("job_detail", pk=job.pk)
        try:
            retry = services.job_retry(job=job, user=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
            return redirect("job_detail", pk=job.pk)
        return redirect("job_detail", pk=retry.pk)


class JobDownloadView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.get_job()
        path = files.result_path(job.pk)
        if not job.result_file or not path.exists():
            raise Http404(_("Tệp kết quả không còn (đã quá thời hạn lưu)."))
        return FileResponse(path.open("rb"), as_attachment=True, filename=job.result_name or path.name)
