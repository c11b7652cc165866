"""Every write to a scorecard input bumps the data version cached scorecards are keyed by (reports/cache.py).

Inputs: reports and every report part (cchc.models.ReportPart subclasses), units (mergers are a unit's
`successor`), periods, targets, legends, the rubric and its bands, indicator and figure definitions, and
the registers figures are read from (the ISO register, the procedure catalogue and its decisions).
post_save / post_delete cover save() and delete() (a queryset's delete() sends post_delete per row);
`update()` and the bulk_* methods send nothing, so report parts bump through their queryset
(cchc.dataversion.VersionedQuerySet) and other bulk writes call `data_version_bump` themselves.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from cchc.dataversion import data_version_bump, part_written, report_written

INPUTS = (
    "cchc.Report",
    "cchc.Unit",
    "cchc.Period",
    "cchc.FigureDefinition",
    "cchc.MonthlySection",  # which sections a quarter builds from its months (issue 11)
    "reports.Target",
    "reports.Legend",
    "reports.RubricItem",
    "reports.RubricBand",
    "reports.IndicatorDefinition",
    "iso.IsoAdoption",
    "procedures.Procedure",
    "procedures.Decision",
)


def input_models() -> list:
    from cchc.models import ReportPart

    parts = [m for m in apps.get_models() if issubclass(m, ReportPart)]
    return [apps.get_model(label) for label in INPUTS] + parts


def connect() -> None:
    from cchc.models import Report, ReportPart

    for model in input_models():
        uid = f"scorecard_version_{model._meta.label_lower}"
        # A draft's writes change no output (cchc.dataversion.part_written / report_written).
        saved = part_written if issubclass(model, ReportPart) else report_written if model is Report else None
        deleted = part_written if issubclass(model, ReportPart) else data_version_bump
        post_save.connect(saved or data_version_bump, sender=model, dispatch_uid=uid + "_save", weak=False)
        post_delete.connect(deleted, sender=model, dispatch_uid=uid + "_delete", weak=False)
