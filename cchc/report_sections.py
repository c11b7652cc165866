"""The core's own report section: the narrative every report ends with.

It is also the worked example of how an app registers a section (docs/architecture.md).
"""

from django.utils.translation import gettext_lazy as _

from .choices import ReformArea
from .forms import NarrativeForm
from .models import Report
from .sections import ReportSection, register


def build_forms(report: Report, data=None) -> dict:
    return {"narrative": NarrativeForm(data=data, instance=report, prefix="narrative")}


def save(report: Report, forms: dict, user) -> None:
    # `report` is the locked row inside report_update; it is saved (with the new version) by the caller.
    for name, value in forms["narrative"].cleaned_data.items():
        setattr(report, name, value)


def check(report: Report) -> list[str]:
    errors = []
    if not report.shortcomings.strip():
        errors.append(_("Hạn chế: chưa nhập; báo cáo gửi đi phải nêu hạn chế trong kỳ."))
    if not report.next_tasks.strip():
        errors.append(_("Nhiệm vụ trọng tâm kỳ tới: chưa nhập; báo cáo gửi đi phải nêu nhiệm vụ kỳ tới."))
    return errors


register(
    ReportSection(
        key="narrative",
        title=_("Hạn chế, nguyên nhân và nhiệm vụ trọng tâm"),
        area=ReformArea.CONCLUSION,
        template_name="cchc/sections/narrative.html",
        build_forms=build_forms,
        save=save,
        check=check,
        history_models=(Report,),
    )
)
