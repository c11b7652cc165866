"""The "Thủ tục hành chính" section of the report: figures, and the one-stop ledger per reception point."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.checks import CheckResult
from cchc.choices import ReformArea
from cchc.models import Report
from cchc.sections import ReportSection, formset_rows, register

from . import selectors, services
from .forms import FIGURE_FIELDS, LedgerRowFormSet, ProcedureFiguresForm
from .ledger import fmt, row_checks
from .models import LedgerRow, ProcedureFigures

FIGURES_PREFIX, LEDGER_PREFIX = "procedures", "ledger"


def build_forms(report: Report, data=None) -> dict:
    figures = selectors.procedure_figures_get(report=report)
    return {
        "figures": ProcedureFiguresForm(
            data=data,
            instance=figures or ProcedureFigures(report=report),
            prefix=FIGURES_PREFIX,
            register=selectors.register_figures(report=report),
            unit_kind=report.unit.kind,
        ),
        "ledger": LedgerRowFormSet(data=data, instance=report, prefix=LEDGER_PREFIX),
    }


def save(report: Report, forms: dict, user) -> None:
    figures = forms["figures"]
    if figures.instance.pk or figures.has_changed() or any(v is not None for v in figures.cleaned_data.values()):
        # Only the fields the unit's page asked (procedures.forms.NOT_ASKED_OF): the others keep what is stored.
        values = {k: figures.cleaned_data[k] for k in FIGURE_FIELDS if k in figures.fields}
        services.procedure_figures_save(report=report, values=values)
    rows, delete_ids = formset_rows(forms["ledger"])
    services.ledger_rows_save(report=report, rows=rows, delete_ids=delete_ids)


def _row_values(row: LedgerRow) -> dict:
    return {f.name: getattr(row, f.attname) for f in LedgerRow._meta.concrete_fields}


def checks(report: Report) -> list[CheckResult]:
    """Every ledger row's checks (cchc/checks.py): the identity, received, splits, carry-over."""
    previous = selectors.pending_previous(report=report)
    return [
        result
        for row in selectors.ledger_rows_list(report=report)
        for result in row_checks(_row_values(row), previous.get(row.reception_point))
    ]


def warnings(report: Report) -> list[str]:
    """Not arithmetic checks, never blocking: typed figures that differ from the registers."""
    messages = []
    figures = selectors.procedure_figures_get(report=report)
    if figures is not None:
        for name, value in selectors.register_figures(report=report).items():
            typed = getattr(figures, name)
            if typed is not None and typed != value:
                messages.append(
                    _("%(field)s: số nhập %(typed)s khác sổ đăng ký %(register)s.")
                    % {
                        "field": capfirst(ProcedureFigures._meta.get_field(name).verbose_name),
                        "typed": fmt(typed),
                        "register": fmt(value),
                    }
                )
    return messages


register(
    ReportSection(
        key="procedures",
        title=gettext_lazy("Cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông"),
        area=ReformArea.PROCEDURES,
        template_name="procedures/sections/procedures.html",
        build_forms=build_forms,
        save=save,
        checks=checks,
        warnings=warnings,
        history_models=(ProcedureFigures, LedgerRow),
    )
)
