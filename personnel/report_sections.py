"""The "Tổ chức bộ máy và công vụ" section: staffing, ratings, leadership, downsizing, restructuring."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.checks import CheckResult, reconcile
from cchc.choices import ReformArea
from cchc.models import Report
from cchc.sections import ReportSection, formset_rows, register

from . import selectors, services
from .forms import FIGURE_FIELDS, DownsizingFormSet, PersonnelFiguresForm, RatingFormSet, SchemeFormSet
from .models import DownsizingApproval, JobPositionScheme, PersonnelFigures, QualityRating


def build_forms(report: Report, data=None) -> dict:
    figures = selectors.personnel_figures_get(report=report)
    return {
        "figures": PersonnelFiguresForm(
            data=data,
            instance=figures or PersonnelFigures(report=report),
            prefix="personnel",
            previous=selectors.personnel_stock_previous(report=report),
            unit_kind=report.unit.kind,
        ),
        "ratings": RatingFormSet(data=data, instance=report, prefix="ratings"),
        "schemes": SchemeFormSet(data=data, instance=report, prefix="schemes"),
        "downsizing": DownsizingFormSet(data=data, instance=report, prefix="downsizing"),
    }


def save(report: Report, forms: dict, user) -> None:
    figures = forms["figures"]
    # Only the fields the unit's page asked (personnel.forms.NOT_ASKED_OF): the others keep what is stored.
    values = {name: figures.cleaned_data[name] for name in FIGURE_FIELDS if name in figures.fields}
    if figures.instance.pk or any(value is not None for value in values.values()):
        services.personnel_figures_save(report=report, values=values)
    rows, delete_ids = formset_rows(forms["ratings"])
    services.ratings_save(report=report, rows=rows, delete_ids=delete_ids)
    rows, delete_ids = formset_rows(forms["schemes"])
    services.schemes_save(report=report, rows=rows, delete_ids=delete_ids)
    rows, delete_ids = formset_rows(forms["downsizing"])
    services.downsizing_save(report=report, rows=rows, delete_ids=delete_ids)


def checks(report: Report) -> list[CheckResult]:
    """Grades that do not add up to the published total: must reconcile before submitting, or be explained
    (a published document whose own figures do not add up is typed as published)."""
    return [
        reconcile(
            f"personnel.rating_total:{r.rating_year}:{r.category}",
            _(
                "Đánh giá năm %(year)s (%(category)s): các loại xếp loại cộng lại %(sum)s, khác tổng số công bố "
                "%(total)s."
            )
            % {
                "year": r.rating_year,
                "category": r.get_category_display(),
                "sum": number_format(r.total, force_grouping=True),
                "total": number_format(r.published_total, force_grouping=True),
            },
            explainable=True,
        )
        for r in QualityRating.objects.filter(report=report)
        if r.total_mismatch
    ]


register(
    ReportSection(
        key="personnel",
        title=gettext_lazy("Cải cách tổ chức bộ máy và chế độ công vụ"),
        area=ReformArea.ORGANISATION,
        template_name="personnel/sections/personnel.html",
        read_template_name="personnel/sections/_read_shares.html",
        build_forms=build_forms,
        save=save,
        checks=checks,
        history_models=(PersonnelFigures, QualityRating, JobPositionScheme, DownsizingApproval),
    )
)
