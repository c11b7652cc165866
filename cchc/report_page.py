"""The report page (its sections, their states, the submit summary) and its read-only document view.

The page builds every registered section's forms (cchc/sections.py) into *blocks*; each block carries its
state for the section navigation (cchc/section_state.py). Saving — the whole page, one section, or save
and submit — is cchc/report_save.py. The read view (cchc/report_read.py) shows the same forms as a printable
document; the page's GET shows that document instead of the form to anyone who cannot edit the report.
See docs/user-guide.md ("Trang báo cáo") and docs/architecture.md.
"""

from __future__ import annotations

from django.shortcuts import render
from django.views import View

from . import pagemerge, permissions, report_read, sections, services
from .forms import ExplanationsForm, ReasonForm, limit_numbers
from .input_limits import limit_forms
from .models import Report
from .nil_sections import nil_keys
from .report_save import ReportSaveMixin
from .section_state import EMPTY, NIL, block_state
from .views import ReportMixin


def _iter_forms(forms: dict):
    yield from forms.values()


def _disable(forms: dict) -> None:
    for form in _iter_forms(forms):
        if hasattr(form, "extra"):
            form.extra = 0  # read-only: no empty rows to fill in (set before .forms is built)
        for inner in getattr(form, "forms", [form]):  # a formset's forms, or the form itself
            for field in inner.fields.values():
                field.disabled = True


def build_blocks(report: Report, data=None, editable: bool = False, only: str | None = None) -> list[dict]:
    """Every section of the report's unit (or only the section `only`) with its forms, checks and warnings."""
    results: dict[str, list] = {}
    for section, result in services.report_checks(report=report):
        results.setdefault(section.key, []).append(result)
    blocks = []
    for section in sections.sections_for_report(report):
        if only is not None and section.key != only:
            continue
        forms = section.build_forms(report, data)
        checks = results.get(section.key, [])
        # A section with nothing for this report (e.g. no catalogue figures) is left out, unless it has
        # checks to show (the plausibility section has no form, only its findings).
        if not forms and not checks:
            continue
        # The checks policy (cchc/checks.py): each failed check shown in its section, with a box for
        # the explanation where the check allows one; the manager reads the explanation there too.
        explanations = ExplanationsForm(data, results=checks, prefix=f"explain-{section.key}")
        if not editable:
            for field in explanations.fields.values():
                field.disabled = True
            _disable(forms)
        else:  # the same limits on every section's fields (cchc.input_limits)
            limit_forms(_iter_forms(forms), period_year=report.period.year)
        for form in _iter_forms(forms):
            for inner in getattr(form, "forms", [form]):  # after `extra` is set: this builds the forms
                limit_numbers(inner)
        blocks.append(
            {
                "section": section,
                "forms": forms,
                "warnings": section.warnings(report),
                "checks": checks,
                "explanations": explanations,
            }
        )
    return blocks


def section_states(report: Report, blocks: list[dict]) -> list:
    """The state of each block (empty, filled, không phát sinh; errors, warnings), in page order."""
    nil = nil_keys(report)
    states = [block_state(block, report, nil) for block in blocks]
    for block, state in zip(blocks, states, strict=True):
        block["state"] = state
    return states


class ReportDetailView(ReportSaveMixin, ReportMixin, View):
    """The report page: every registered section, save one section or the page, submit with the summary
    (cchc/report_save.py), the manager's actions."""

    template_name = "cchc/report_detail.html"

    def build_blocks(self, report: Report, data=None, editable: bool = False, only: str | None = None) -> list[dict]:
        return build_blocks(report, data, editable, only)

    def render_page(self, report: Report, blocks, *, version=None, conflict=None, status=200, base="", pending=()):
        user = self.request.user
        editable = permissions.has(user, "report.edit", report)
        if not base and status == 200 and editable:
            # The values as rendered at this version: the base of the merge if someone saves meanwhile.
            base = pagemerge.dump(report.version, pagemerge.snapshot(blocks))
        states = section_states(report, blocks)
        monthly = sections.monthly_in_quarter(report)
        for block in blocks:
            block["monthly"] = block["section"].key in monthly
        context = {
            "report": report,
            "blocks": blocks,
            "states": states,
            "empty_states": [s for s in states if s.fill in (EMPTY, NIL) and s.key not in monthly],
            "warning_states": [s for s in states if s.warnings],
            "explained": [(s, pair) for s in states for pair in s.explained],
            "editable": editable,
            "can_review": permissions.has(user, "report.review", report),
            "version": version if version is not None else report.version,
            "conflict": conflict,
            "base": base,
            "pending": pending,
            "reason_form": ReasonForm(),
            "submit_errors": services.report_check(report=report) if editable else [],
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        if not permissions.has(request.user, "report.edit", report):
            # Who cannot edit (a viewer, the reviewing manager, the clerk of a submitted or approved report)
            # reads the report as the document of the read view, with the review actions under it.
            return render(request, report_read.TEMPLATE, report_read.read_context(request, report, on_page=True))
        return self.render_page(report, self.build_blocks(report, editable=True))
