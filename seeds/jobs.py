"""The synthetic province as a background job (jobs.registry "seeds.synthetic").

Started by an admin from "Công việc › Tạo tỉnh mô phỏng" (seeds/views.py) or by
`manage.py generate_synthetic --background`; the work is `seeds.synthetic.synthetic_province_build`, the
command's own. It runs in one transaction and reports after each chunk of units, so a cancel (checked
there) rolls the whole province back, including the deletion of the one it replaces.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc import permissions
from jobs.models import Job
from jobs.runner import JobError, Outcome
from jobs.services import job_start

from . import synthetic

KIND = "seeds.synthetic"
MAX_UNITS = 20_000


def synthetic_job_start(
    *,
    user,
    units: int,
    quarters: int,
    seed: int = 2026,
    code: str = synthetic.DEFAULT_CODE,
    end: tuple[int, int] | None = None,
    replace: bool = False,
    iso_and_outreach: bool = True,
) -> Job:
    """Queue the build of a synthetic province (`user`: an admin, or None from a management command)."""
    params = {
        "units": units,
        "quarters": quarters,
        "seed": seed,
        "code": code,
        "end": list(end) if end else None,
        "replace": replace,
        "iso_and_outreach": iso_and_outreach,
    }
    return job_start(kind=KIND, user=user, input=params)


def synthetic_generate(job: Job, ctx) -> Outcome:
    """Build the province of the job's input; the result names what was made (and what it replaced)."""
    if job.user is not None and not permissions.is_admin(job.user):
        raise JobError(_("Chỉ quản trị viên được tạo tỉnh mô phỏng."))
    params = job.input
    ctx.progress(0, total=int(params["units"]), phase="synthetic")

    def progress(done: int, total: int) -> None:
        ctx.progress(done, total=total, phase="synthetic")

    try:
        result = synthetic.synthetic_province_build(
            units=int(params["units"]),
            quarters=int(params["quarters"]),
            seed=int(params.get("seed", 2026)),
            code=params.get("code") or synthetic.DEFAULT_CODE,
            end=tuple(params["end"]) if params.get("end") else None,
            replace=bool(params.get("replace")),
            iso_and_outreach=bool(params.get("iso_and_outreach", True)),
            progress=progress,
        )
    except synthetic.SyntheticDataError as exc:
        raise JobError(str(exc)) from None
    return Outcome(
        result={
            "code": result.province.code,
            "name": result.province.name,
            "units": result.unit_count,
            "periods": [period.code for period in result.periods],
            "reports": result.report_count,
            "rows": result.row_count,
            "replaced": result.deleted is not None and bool(result.deleted),
            "seconds": round(result.seconds, 1),
        }
    )


class SyntheticForm(forms.Form):
    """What the admin chooses: the size, the seed, the code, the last quarter, whether to replace."""

    units = forms.IntegerField(label=gettext_lazy("Số đơn vị"), min_value=1, max_value=MAX_UNITS, initial=100)
    quarters = forms.IntegerField(label=gettext_lazy("Số quý"), min_value=1, max_value=40, initial=4)
    seed = forms.IntegerField(
        label=gettext_lazy("Hạt giống ngẫu nhiên"),
        initial=2026,
        help_text=gettext_lazy("Cùng hạt giống, cùng số liệu."),
    )
    code = forms.CharField(label=gettext_lazy("Mã tỉnh mô phỏng"), max_length=20, initial=synthetic.DEFAULT_CODE)
    end = forms.RegexField(
        label=gettext_lazy("Quý cuối"),
        regex=r"^\d{4}-Q[1-4]$",
        required=False,
        help_text=gettext_lazy("Ví dụ 2026-Q4; để trống: kỳ báo cáo mới nhất đã có."),
        error_messages={"invalid": gettext_lazy("Quý cuối: dùng dạng 2026-Q4.")},
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Xóa tỉnh mô phỏng cùng mã (chỉ dữ liệu SYN-…) rồi tạo lại"), required=False
    )
    iso_and_outreach = forms.BooleanField(
        label=gettext_lazy("Sinh cả số liệu ISO và số tin, bài tuyên truyền"), required=False, initial=True
    )

    def clean_code(self) -> str:
        try:
            return synthetic.check_code(self.cleaned_data["code"])
        except synthetic.SyntheticDataError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_end(self) -> tuple[int, int] | None:
        value = (self.cleaned_data.get("end") or "").upper()
        return (int(value[:4]), int(value[-1])) if value else None
