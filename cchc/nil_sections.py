"""'Không phát sinh': the clerk's statement that a section of a report has nothing to report this period.

A section left empty is either "nothing happened" or "forgot"; the report page (cchc/report_submit.py)
refuses to submit a report with an empty section unless the clerk ticked "Không phát sinh" for it, and
that tick is recorded here (one row per report and section key, with history), so a manager reads the
difference. The model is a `ReportPart`: the report's lock and the database triggers apply to it.

The module is imported by `cchc.apps.CchcConfig.import_models` so Django registers the model with the
cchc app without `cchc/models.py` having to know it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import Report, ReportPart


class NilSection(ReportPart):
    """A section of a report declared "không phát sinh" (nothing to report) by the clerk who submitted it."""

    section_key = models.CharField(_("mục báo cáo"), max_length=60)
    history = HistoricalRecords()

    class Meta:
        app_label = "cchc"
        verbose_name = _("mục không phát sinh")
        verbose_name_plural = _("mục không phát sinh")
        ordering = ["report", "section_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "section_key"],
                name="nilsection_one_per_section",
                violation_error_message=_("Mục này của báo cáo đã được đánh dấu không phát sinh."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} — {self.section_key}"


def nil_keys(report: Report) -> set[str]:
    """The section keys of `report` marked "không phát sinh"."""
    return set(NilSection.objects.filter(report=report).values_list("section_key", flat=True))


def nil_sections_save(*, report: Report, keys: set[str], allowed: set[str]) -> None:
    """Record the ticks of the page: `keys` ticked among the `allowed` sections (those shown empty).

    A tick is kept only while its section is empty: sections that have figures now lose theirs, so the
    record never says "nothing to report" beside figures. Call inside `report_update` (the report row locked).
    """
    stored = {n.section_key: n for n in NilSection.objects.filter(report=report)}
    for key, row in stored.items():
        if key not in keys or key not in allowed:
            row.delete()
    for key in sorted((keys & allowed) - set(stored)):
        NilSection(report=report, section_key=key).save()
