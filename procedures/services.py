"""Writes of procedures: the catalogue, decisions, and a report's procedure section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from cchc.models import Report, Unit
from cchc.services import instance_save, object_upsert, report_part_save, report_rows_save
from cchc.text import nfc

from . import ledger_set
from .choices import DecisionKind
from .models import Decision, InternalWorkflow, LedgerRow, LedgerSource, Procedure, ProcedureFigures

# --- registers ------------------------------------------------------------------------------------


@transaction.atomic
def decision_upsert(
    *, number: str, issued_on: dt.date, issuer: Unit, kind: DecisionKind | str, title: str = ""
) -> Decision:
    """The decision with this number and date, created or brought in line (idempotent)."""
    return object_upsert(
        Decision,
        lookup={"number": nfc(number), "issued_on": issued_on},
        values={"issuer": issuer, "kind": kind, "title": nfc(title)},
    )


@transaction.atomic
def workflows_set(*, decision: Decision, names: list[str]) -> list[InternalWorkflow]:
    """The internal workflows a decision approves, exactly these names (idempotent)."""
    names = [nfc(n) for n in names]
    decision.workflows.exclude(name__in=names).delete()
    existing = {w.name: w for w in decision.workflows.all()}
    out = []
    for name in names:
        workflow = existing.get(name) or InternalWorkflow(decision=decision, name=name)
        instance_save(workflow)
        out.append(workflow)
    return out


@transaction.atomic
def procedure_upsert(*, code: str, **fields) -> Procedure:
    """Create the procedure, or update the fields that differ; an unchanged procedure is not saved again
    (no history row for a re-run of the seed or of an import of the same catalogue)."""
    return object_upsert(Procedure, lookup={"code": code}, values=fields, if_changed=True)


# --- the report section ---------------------------------------------------------------------------


def procedure_figures_save(*, report: Report, values: dict) -> ProcedureFigures:
    """Write the section's figures (None = not reported). Runs inside the report's transaction."""
    return report_part_save(report=report, model=ProcedureFigures, values=values)


def ledger_rows_save(*, report: Report, rows: list[dict], delete_ids: list[int]) -> list[LedgerRow]:
    """Replace the report's typed ledger rows: update by id, create new ones, delete the removed ones.

    Rows computed from dossier records are never touched here (see `ledger_recompute`).
    """
    typed = LedgerRow.objects.filter(report=report, source=LedgerSource.TYPED)
    return report_rows_save(report=report, model=LedgerRow, rows=rows, delete_ids=delete_ids, queryset=typed)


def ledgers_recompute(*, reports: Iterable[Report]) -> list[LedgerRow]:
    """Rebuild the ledgers of many reports from dossier records at once: one row per reception point of each,
    source=records, in a number of queries that does not grow with the reports (procedures/ledger_set.py).

    Typed rows for a reception point the records cover are taken over; computed rows the records no longer give
    are deleted. One locked report (approved, or its period closed) refuses the whole set and nothing is written
    (`ledger_set.LedgerLockedError`, a ReportLockedError naming the report). A month report counts the month's
    records; a quarter whose procedures section is monthly in all its months is the roll-up of its months and
    gets no computed ledger (procedures/ledger_months.py).
    """
    return ledger_set.recompute(list(reports))


def ledger_recompute(*, report: Report) -> list[LedgerRow]:
    """Rebuild one report's ledger from dossier records (`ledgers_recompute` of that report alone)."""
    return ledgers_recompute(reports=[report])
