"""The core's own report section: the narrative every report ends with.

It is also the worked example of how an app registers a section (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .choices import ReformArea
from .forms import FigureValuesForm, NarrativeForm
from .models import FigureValue, Report
from .sections import ReportSection, register
from .selectors import figures_get
from .services import figure_values_save

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def build_forms(report: Report, data=None) -> dict:
    return {"narrative": NarrativeForm(data=data, instance=report, prefix="narrative")}


def save(report: Report, forms: dict, user) -> None:
    # `report` is the locked row inside report_update; it is saved (with the new version) by the caller.
    for name, value in forms["narrative"].cleaned_data.items():
        setattr(report, name, value)


def warnings(report: Report) -> list[StrOrPromise]:
    # Not blocking: a unit may have nothing to report here (the service centre's report, for one), and
    # the portal must not push clerks to type filler text.
    messages: list[StrOrPromise] = []
    if not report.shortcomings.strip():
        messages.append(_("Hạn chế: chưa nhập."))
    if not report.next_tasks.strip():
        messages.append(_("Nhiệm vụ trọng tâm kỳ tới: chưa nhập."))
    return messages


register(
    ReportSection(
        key="narrative",
        title=_("Hạn chế, nguyên nhân và nhiệm vụ trọng tâm"),
        area=ReformArea.CONCLUSION,
        template_name="cchc/sections/narrative.html",
        build_forms=build_forms,
        save=save,
        warnings=warnings,
        history_models=(Report,),
    )
)


# --- additional figures: one section per reform area, after the area's own sections ---------------


def _figures_section(area: ReformArea) -> ReportSection:
    def build_forms(report: Report, data=None) -> dict:
        definitions, values = figures_get(report=report)
        mine = [d for d in definitions if d.area == area]
        if not mine:
            return {}  # nothing to show: the report page leaves the section out
        return {"figures": FigureValuesForm(data=data, definitions=mine, values=values, prefix=f"figures{area}")}

    def save(report: Report, forms: dict, user) -> None:
        figure_values_save(report=report, entries=forms["figures"].entries())

    return ReportSection(
        key=f"figures_{area}",
        title=area.label,
        area=area,
        order=90,
        template_name="cchc/sections/figures.html",
        build_forms=build_forms,
        save=save,
        history_models=(FigureValue,),
    )


for _area in ReformArea:
    if _area != ReformArea.CONCLUSION:
        register(_figures_section(_area))


from .plausibility import section as _plausibility  # noqa: E402,F401  (plausibility checks of every figure)
