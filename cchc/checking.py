"""Running the checks of a report and keeping the clerk's explanations (cchc/checks.py has the policy).

Writes and reads of the checks, re-exported by `cchc.services` (callers use `services.report_check`,
`services.report_checks`, `services.check_explanations_save`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import sections
from .checks import CheckResult, with_explanations
from .models import CheckExplanation, Report
from .selectors import explanations_get
from .text import nfc
from .writes import instance_save


def report_checks(*, report: Report) -> list[tuple[sections.ReportSection, CheckResult]]:
    """Every registered section's failed checks on the saved figures, with their stored explanations."""
    explained = explanations_get(report=report)
    return [
        (section, result)
        for section in sections.sections_for_report(report)
        for result in with_explanations(section.checks(report), explained)
    ]


def report_check(*, report: Report) -> list[str]:
    """What blocks submission, one sentence each; an empty list means the report may be submitted.

    Errors always block; a check that must reconcile blocks unless it is explainable and explained.
    """
    errors: list[str] = []
    for section, result in report_checks(report=report):
        if not result.blocks_submission:
            continue
        message = f"{section.title}: {result.message}"
        if result.explainable:
            message += " " + _("Hãy sửa số liệu hoặc ghi giải trình.")
        errors.append(message)
    return errors


def check_explanations_save(*, report: Report, texts: dict[str, str]) -> None:
    """Store the clerk's explanations of the checks that fail now; drop those whose figures reconcile.

    `texts` maps a check code to the text typed (an empty text removes the explanation). Call inside
    the report's transaction after the sections saved, so the checks see the figures just written.
    Only explainable checks take an explanation; a code that no longer fails is not stored.
    """
    failing = {result.code: result for _section, result in report_checks(report=report) if result.explainable}
    stored = {e.code: e for e in CheckExplanation.objects.filter(report=report)}
    for code, explanation in stored.items():
        if code not in failing:  # reconciled since: the explanation no longer explains anything
            explanation.delete()
    for code, text in texts.items():
        if code not in failing:
            continue
        text = nfc(text)
        current = stored.get(code)
        if not text:
            if current is not None:
                current.delete()
            continue
        current = current or CheckExplanation(report=report, code=code)
        instance_save(current, {"message": failing[code].message, "text": text})
