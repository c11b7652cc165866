"""The registry of report sections: how an app adds its figures to the report page.

An app declares a `ReportSection` in its `report_sections.py` and calls `register(...)`; the registry
discovers those modules at start-up (as Django admin discovers `admin.py`). The report page, the save
service and the submission check only loop over the registry, so they never import the apps.
See docs/architecture.md, "Adding a report section".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules

from .choices import ReformArea


@dataclass(frozen=True)
class ReportSection:
    """One block of the report page.

    - `build_forms(report, data)` returns a dict of bound (data is not None) or unbound forms or
      formsets, each with a prefix unique to the section;
    - `save(report, forms, user)` writes the cleaned forms through the app's services (called inside
      the report's transaction, after every form of every section validated);
    - `checks(report)` returns the section's failed arithmetic checks on the saved figures, as
      `cchc.checks.CheckResult` (kind ERROR or RECONCILE, a stable code, a message naming the field,
      whether an explanation may stand in): the one policy of docs/decisions.md;
    - `warnings(report)` returns messages shown on the page that are not arithmetic checks and block
      nothing (a register that disagrees with a typed figure, an empty narrative);
    - `history_models` are the models (with a `report` foreign key and simple-history) whose changes
      belong to this section in the report's history and conflict messages;
    - `applies_to(unit)` says whether the unit reports this section;
    - `unit_kinds` names the kinds of unit (`cchc.choices.UnitKind` values) that report it; empty means
      every kind. Both must agree for the section to be on a unit's page;
    - `read_template_name` (optional) is included in the read document (cchc/report_read.py) after the
      section's fields as text, with `report`, `forms` and `block`: what the form's template computes
      beside the fields (shares, counts tables) and a document should show too;
    - `is_empty(report)` says whether nothing is saved in the section yet (the page's state and the
      "không phát sinh" rule); by default the page reads it from the section's forms (cchc/section_state.py).
    """

    key: str
    title: Any
    area: ReformArea
    template_name: str
    build_forms: Callable[..., dict]
    save: Callable[..., None]
    order: int = 0
    checks: Callable[..., list] = field(default=lambda report: [])
    warnings: Callable[..., list] = field(default=lambda report: [])
    history_models: tuple = ()
    applies_to: Callable[..., bool] = field(default=lambda unit: True)
    unit_kinds: tuple = ()
    is_empty: Callable[..., bool] | None = None
    read_template_name: str = ""

    def applies(self, unit) -> bool:
        """Whether `unit` reports this section: its kind is declared (or none are) and `applies_to` agrees."""
        return (not self.unit_kinds or unit.kind in self.unit_kinds) and self.applies_to(unit)


_registry: dict[str, ReportSection] = {}


def register(section: ReportSection) -> ReportSection:
    if section.key in _registry and _registry[section.key] is not section:
        raise ValueError(f"Report section {section.key!r} is registered twice")
    _registry[section.key] = section
    return section


def unregister(key: str) -> None:
    """Remove a section (tests register temporary ones)."""
    _registry.pop(key, None)


def autodiscover() -> None:
    autodiscover_modules("report_sections")


def all_sections() -> list[ReportSection]:
    return sorted(_registry.values(), key=lambda s: (s.area, s.order, s.key))


def sections_for(unit) -> list[ReportSection]:
    return [s for s in all_sections() if s.applies(unit)]


def sections_for_report(report) -> list[ReportSection]:
    """The sections a report asks for: its unit's; for a month report only those the unit's kind reports monthly
    that month (cchc.MonthlySection): the others are reported in the quarter report, not asked of a month.

    The report page, its save and its submission check all read this, so a month report neither shows nor
    requires a quarterly section (docs/periods.md, "Pages")."""
    found = sections_for(report.unit)
    period = report.period
    if period.month is None:
        return found
    from .months import monthly_sections  # the registry stays importable before the models are

    monthly = monthly_sections(report.unit.kind, period.start_date)
    return [section for section in found if section.key in monthly]


def monthly_in_quarter(report) -> set[str]:
    """For a quarter report, the sections its unit's kind reports monthly in each of the quarter's three months
    (the figure layer's rule, cchc/figures_months.py): the quarter's figures of those sections are the roll-up of
    the month reports, so the quarter report does not require them (no "không phát sinh" needed) and a figure
    typed there is only a check. Empty for a month report and where nothing is reported monthly."""
    period = report.period
    if period.month is not None:
        return set()
    from .months import monthly_sections

    first = 3 * period.quarter - 2
    months = [monthly_sections(report.unit.kind, dt.date(period.year, m, 1)) for m in range(first, first + 3)]
    return months[0] & months[1] & months[2]


def history_models() -> list:
    seen = []
    for section in all_sections():
        for model in section.history_models:
            if model not in seen:
                seen.append(model)
    return seen


def formset_rows(formset) -> tuple[list[dict], list[int]]:
    """What a model formset asks to write: (rows to create or update, ids to delete).

    Each row is the form's cleaned data with its `id` (None for a new row); untouched extra forms and
    forms whose fields are all disabled (shown, not editable) are skipped.
    """
    rows, delete_ids = [], []
    for form in formset.forms:
        if form in formset.deleted_forms:
            if form.instance.pk:
                delete_ids.append(form.instance.pk)
            continue
        if not form.has_changed() or all(field.disabled for field in form.fields.values()):
            continue
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("id", "report", "DELETE")}
        values["id"] = form.instance.pk
        rows.append(values)
    return rows, delete_ids
