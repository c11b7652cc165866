"""The "Thủ tục hành chính" section of the report: figures, and the one-stop ledger per reception point."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.choices import ReformArea
from cchc.models import Report
from cchc.sections import ReportSection, formset_rows, register

from . import selectors, services
from .forms import FIGURE_FIELDS, LedgerRowFormSet, ProcedureFiguresForm
from .ledger import carry_over_warning, fmt, identity_error
from .models import LedgerRow, ProcedureFigures

FIGURES_PREFIX, LEDGER_PREFIX = "procedures", "ledger"


def build_forms(report: Report, data=None) -> dict:
    figures = selectors.procedure_figures_of(report)
    return {
        "figures": ProcedureFiguresForm(
            data=data,
            instance=figures or ProcedureFigures(report=report),
            prefix=FIGURES_PREFIX,
            register=selectors.register_figures(report),
        ),
        "ledger": LedgerRowFormSet(data=data, instance=report, prefix=LEDGER_PREFIX),
    }


def save(report: Report, forms: dict, user) -> None:
    figures = forms["figures"]
    if figures.instance.pk or figures.has_changed() or any(v is not None for v in figures.cleaned_data.values()):
        services.procedure_figures_save(report=report, values={k: figures.cleaned_data[k] for k in FIGURE_FIELDS})
    rows, delete_ids = formset_rows(forms["ledger"])
    services.ledger_rows_save(report=report, rows=rows, delete_ids=delete_ids)


def _row_values(row: LedgerRow) -> dict:
    return {f.name: getattr(row, f.attname) for f in LedgerRow._meta.concrete_fields}


def check(report: Report) -> list[str]:
    """Blocking at submission: the identity of every row, and carry-over differences left unexplained."""
    errors = []
    previous = selectors.previous_pending(report)
    for row in selectors.ledger_rows_of(report):
        problem = identity_error(_row_values(row))
        if problem:
            errors.append(f"{row.reception_point}: {problem}")
        warning = carry_over_warning(row, previous.get(row.reception_point))
        if warning and not row.carry_over_note.strip():
            errors.append(warning + " " + _("Giải trình số chuyển kỳ: bắt buộc nhập khi số liệu lệch."))
    return errors


def warnings(report: Report) -> list[str]:
    """Shown on the page, not blocking: identity in a draft, carry-over, registers that disagree."""
    messages = []
    previous = selectors.previous_pending(report)
    for row in selectors.ledger_rows_of(report):
        problem = identity_error(_row_values(row))
        if problem:
            messages.append(f"{row.reception_point}: {problem} " + _("(phải khớp trước khi gửi)"))
        warning = carry_over_warning(row, previous.get(row.reception_point))
        if warning:
            messages.append(warning)
    figures = selectors.procedure_figures_of(report)
    if figures is not None:
        for name, value in selectors.register_figures(report).items():
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
        check=check,
        warnings=warnings,
        history_models=(ProcedureFigures, LedgerRow),
    )
)
