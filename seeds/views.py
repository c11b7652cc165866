"""The admin's page that starts the synthetic province as a job: Công việc › Tạo tỉnh mô phỏng."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from cchc.views import PermissionMixin

from .jobs import SyntheticForm, synthetic_job_start


class SyntheticJobView(PermissionMixin, FormView):
    """GET: the form; POST: queue the build and go to the job's page (admins only: "synthetic.generate")."""

    permission_action = "synthetic.generate"
    template_name = "jobs/synthetic.html"
    form_class = SyntheticForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Tạo tỉnh mô phỏng"), **kwargs)

    def form_valid(self, form):
        job = synthetic_job_start(user=self.request.user, **form.cleaned_data)
        return redirect("job_detail", pk=job.pk)
