"""The ISO 9001 section of the report: units applying, on the 2015 version, transitioning, announced.

Where the register covers the reporting unit's subtree, an unsaved section starts from the register's
counts (each field says "Theo sổ đăng ký: N"); otherwise the clerk types them. A saved figure that
differs from the register is a warning on the page (not blocking: the register can lag behind).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.choices import ReformArea
from cchc.models import Report
from cchc.sections import ReportSection, register

from . import selectors, services
from .choices import FIGURE_FIELDS
from .forms import IsoFiguresForm, fmt
from .models import IsoFigures

PREFIX = "iso"


def build_forms(report: Report, data=None) -> dict:
    figures = selectors.iso_figures_get(report=report)
    return {
        "figures": IsoFiguresForm(
            data=data,
            instance=figures or IsoFigures(report=report),
            prefix=PREFIX,
            register=selectors.register_figures(report=report),
        ),
    }


def save(report: Report, forms: dict, user) -> None:
    form = forms["figures"]
    values = {name: form.cleaned_data[name] for name in FIGURE_FIELDS}
    if form.instance.pk or any(value is not None for value in values.values()):
        services.iso_figures_save(report=report, values=values)


def disagreements(report: Report) -> list[str]:
    """Saved figures that differ from the register at the period's end (figures not reported are skipped)."""
    figures = selectors.iso_figures_get(report=report)
    if figures is None:
        return []
    messages = []
    for name, value in selectors.register_figures(report=report).items():
        typed = getattr(figures, name)
        if typed is not None and typed != value:
            messages.append(
                _("%(field)s: số nhập %(typed)s khác sổ đăng ký %(register)s.")
                % {
                    "field": capfirst(str(IsoFigures._meta.get_field(name).verbose_name)),
                    "typed": fmt(typed),
                    "register": fmt(value),
                }
            )
    return messages


def warnings(report: Report) -> list[str]:
    return disagreements(report)


register(
    ReportSection(
        key="iso",
        title=gettext_lazy("Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001"),
        area=ReformArea.EGOVERNMENT,
        order=20,
        template_name="iso/sections/iso.html",
        build_forms=build_forms,
        save=save,
        warnings=warnings,
        history_models=(IsoFigures,),
    )
)
