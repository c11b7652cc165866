"""The report hook: one section whose checks are the plausibility findings of every figure of the report.

The figure layer reads per unit and quarter, whatever section a figure is typed in, so one check over all the
report's figures is simpler than one per section; each message names its figure by its label. The section has
no form of its own: the report page shows it only when it has findings (cchc.report_page.ReportDetailView).
"""

from django.utils.translation import gettext_lazy as _

from ..checks import reconcile
from ..choices import ReformArea
from ..sections import ReportSection, register
from .selectors import report_findings


def checks(report) -> list:
    return [reconcile(f.code, f.message, explainable=True) for f in report_findings(report)]


SECTION = register(
    ReportSection(
        key="plausibility",
        title=_("Kiểm tra tính hợp lý của số liệu"),
        area=ReformArea.CONCLUSION,
        order=50,
        template_name="cchc/sections/plausibility.html",
        build_forms=lambda report, data=None: {},
        save=lambda report, forms, user: None,
        checks=checks,
    )
)
