"""The figures procedures exposes (the door `reports` uses): the one-stop ledger, procedure figures, the catalogue.

Declared once with their time semantics (cchc/figures.py). The ledger's received dossiers are split into
what the previous period carried over (*opening*) and what is new (*flow*), so a span's "received" is the
first quarter's carry-over plus every quarter's new dossiers and a carried-over dossier never counts twice.
Where a row does not give the split, carry-over is inferred: received − new when new is given, else the same
reception point's pending at the end of the previous quarter, else none (the row's whole total is new).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cchc.choices import ReformArea, UnitKind
from cchc.figure_units import units_q
from cchc.figures import Breakdown, Figure, FigureSource, Semantics, Values, breakdown_key, period_query
from cchc.models import Period

from .choices import DECREE_42_IN_FORCE, OLD_TO_NEW, Channel, OnlineLevel, ProcedureStatus
from .models import LEDGER_COUNTS, TYPED_COUNTS, LedgerRow, LedgerSource, Procedure, ProcedureFigures

AREA = ReformArea.PROCEDURES
F, S, OPEN, D = Semantics.FLOW, Semantics.STOCK, Semantics.OPENING, Semantics.DERIVED

CHANNEL = Breakdown("channel", _("Hình thức nộp"), tuple((c.value, c.label) for c in Channel))
ONLINE_LEVEL = Breakdown(
    "online_level",
    _("Mức độ dịch vụ công trực tuyến của hồ sơ trực tuyến"),
    (("partial", _("Một phần (mức độ 3)")), ("full", _("Toàn trình (mức độ 4)"))),
)
ONLINE = Breakdown(
    "online",
    _("Mức độ cung cấp trực tuyến"),
    (
        ("full", _("Toàn trình")),
        ("partial", _("Một phần")),
        ("level_4", _("Mức độ 4")),
        ("level_3", _("Mức độ 3")),
    ),
)


def _f(code, label, label_en, unit="hồ sơ", semantics=F, **kwargs) -> Figure:
    return Figure(f"tthc.{code}", label, label_en, AREA, unit, semantics, **kwargs)


LEDGER_FIGURES = [
    _f("carried_over", "Kỳ trước chuyển sang", "Carried over", semantics=OPEN),
    _f("received_new", "Tiếp nhận mới", "Newly received", breakdowns=(CHANNEL, ONLINE_LEVEL)),
    _f(
        "received_total",
        "Tiếp nhận (kể cả kỳ trước chuyển sang)",
        "Received (including carried over)",
        semantics=D,
        formula="tthc.carried_over + tthc.received_new",
    ),
    _f("resolved_early", "Giải quyết trước hạn", "Resolved early"),
    _f("resolved_on_time", "Giải quyết đúng hạn", "Resolved on time"),
    _f("resolved_late", "Giải quyết trễ hạn", "Resolved late"),
    _f("resolved_in_time", "Giải quyết trước hạn và đúng hạn", "Resolved early or on time"),
    _f("resolved_with_split", "Đã giải quyết (có chia theo thời hạn)", "Resolved (split by timeliness)"),
    _f("resolved_total", "Đã giải quyết", "Resolved"),
    _f("returned_withdrawn", "Trả lại, rút hồ sơ", "Returned or withdrawn"),
    _f("other_outcomes", "Kết quả khác", "Other outcomes"),
    _f(
        "processed",
        "Đã xử lý (giải quyết, trả lại, rút, kết quả khác)",
        "Processed (resolved, returned, withdrawn, other outcomes)",
        semantics=D,
        formula="tthc.resolved_total + tthc.returned_withdrawn + tthc.other_outcomes",
    ),
    _f("pending_within", "Đang giải quyết: trong hạn", "Pending within time", semantics=S),
    _f("pending_overdue", "Đang giải quyết: quá hạn", "Pending overdue", semantics=S),
    _f("pending_total", "Đang giải quyết", "Pending", semantics=S),
]

PROCEDURE_FIELDS = {
    "procedures_in_force": (S, "thủ tục", "Procedures in force"),
    "procedures_reduced": (S, "thủ tục", "Procedures with reduced time"),
    "decisions_publishing": (F, "quyết định", "Decisions publishing procedures"),
    "decisions_workflows": (F, "quyết định", "Decisions approving internal workflows"),
    "workflows_approved": (F, "quy trình", "Internal workflows approved"),
    "communes_on_one_stop": (S, "xã", "Communes on the electronic one-stop system"),
    "communes_total": (S, "xã", "Communes"),
    "feedback_received": (F, "phản ánh, kiến nghị", "Feedback received"),
    "feedback_handled": (F, "phản ánh, kiến nghị", "Feedback handled"),
    "feedback_pending": (S, "phản ánh, kiến nghị", "Feedback being handled"),
}
PROCEDURE_FIGURES = [
    _f(name, str(ProcedureFigures._meta.get_field(name).verbose_name).capitalize(), en, unit, semantics)
    for name, (semantics, unit, en) in PROCEDURE_FIELDS.items()
]
CATALOGUE_FIGURES = [
    _f(
        "catalogue_in_force",
        "TTHC đang có hiệu lực trong danh mục",
        "Procedures in force in the catalogue",
        "thủ tục",
        S,
        breakdowns=(ONLINE,),
    ),
]
FIGURES = [*LEDGER_FIGURES, *PROCEDURE_FIGURES, *CATALOGUE_FIGURES]

CHANNEL_FIELDS = {"new_in_person": "in_person", "new_online": "online", "new_postal": "postal"}
LEVEL_FIELDS = {"new_online_partial": "partial", "new_online_full": "full"}
PLAIN = ("resolved_early", "resolved_on_time", "resolved_late", "resolved_total", "returned_withdrawn")
STOCKS = ("pending_within", "pending_overdue", "pending_total")


def _opening(row: dict, previous_pending: int | None) -> int:
    """What the row's received total carried over: as typed, else inferred (module docstring)."""
    if row["carried_over"] is not None:
        return row["carried_over"]
    if row["received_new"] is not None:
        return row["received_total"] - row["received_new"]
    if previous_pending is not None:
        return min(previous_pending, row["received_total"])
    return 0


def ledger_row_figures(row: dict, previous_pending: int | None = None) -> Values:
    """One ledger row (a dict of LedgerRow counts) as figure values: the one derivation every output reads."""
    out: Values = {}
    carried = _opening(row, previous_pending)
    out["tthc.carried_over"] = Decimal(carried)
    out["tthc.received_new"] = Decimal(row["received_total"] - carried)
    for name, member in CHANNEL_FIELDS.items():
        if row.get(name) is not None:
            out[breakdown_key("tthc.received_new", "channel", member)] = Decimal(row[name])
    for name, member in LEVEL_FIELDS.items():
        if row.get(name) is not None:
            out[breakdown_key("tthc.received_new", "online_level", member)] = Decimal(row[name])
    for name in (*PLAIN, *STOCKS):
        if row.get(name) is not None:
            out[f"tthc.{name}"] = Decimal(row[name])
    if row.get("resolved_early") is not None or row.get("resolved_on_time") is not None:
        out["tthc.resolved_in_time"] = Decimal((row["resolved_early"] or 0) + (row["resolved_on_time"] or 0))
        out["tthc.resolved_with_split"] = Decimal(row["resolved_total"])
    other = row.get("other_outcomes") or 0
    out["tthc.other_outcomes"] = Decimal(other)
    if row.get("returned_withdrawn") is None:
        # Not typed: what the identity received = resolved + pending + returned + other leaves for it.
        rest = row["received_total"] - row["resolved_total"] - row["pending_total"] - other
        out["tthc.returned_withdrawn"] = Decimal(max(rest, 0))
    return out


def _add(into: Values, values: Values) -> None:
    if not into:  # a unit's first (often only) reception point: its values as they are (0 + n is n for counts)
        into.update(values)
        return
    for key, value in values.items():
        into[key] = into.get(key, Decimal(0)) + value


PeriodKey = tuple[int, ...]  # (year, quarter), or (year, quarter, month) for a month (cchc Period.key)


def _key(period: Period) -> PeriodKey:
    month = getattr(period, "month", None)
    return (period.year, period.quarter) if month is None else (period.year, period.quarter, month)


def periods_before(key: PeriodKey) -> list[PeriodKey]:
    """The periods whose pending a period's carry-over is inferred from, nearest first (docs/periods.md).

    A quarter: the previous quarter, else that quarter's last month (where it was reported monthly). A month:
    the previous month, else, for the first month of a quarter, the previous quarter reported whole.
    """
    year, quarter = key[0], key[1]
    previous_quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    if len(key) == 2:
        return [previous_quarter, (*previous_quarter, previous_quarter[1] * 3)]
    month = key[2]
    if month == 1:
        return [(year - 1, 4, 12), (year - 1, 4)]
    previous_month = (year, (month - 2) // 3 + 1, month - 1)
    return [previous_month, previous_quarter] if month % 3 == 1 else [previous_month]


def ledger_points_read(unit_ids, periods) -> dict[tuple[int, str], dict[int, Values]]:
    """{(unit, reception point): {period id: figure values}} for the periods, in one query of rows.

    Rows of the period before each period (`_before`) are read in the same query (joined on the period's
    year, quarter and month) to infer carry-over.
    """
    wanted = {_key(p): p.pk for p in periods}
    before_of = {key: periods_before(key) for key in wanted}
    query = Q(report__period_id__in=[p.pk for p in periods])
    for key in {k for keys in before_of.values() for k in keys} - set(wanted):
        query |= period_query([key], "report__period__")
    rows = LedgerRow.objects.filter(query, units_q(unit_ids)).values(
        "report__unit_id",
        "report__period__year",
        "report__period__quarter",
        "report__period__month",
        "reception_point",
        *LEDGER_COUNTS,
        *TYPED_COUNTS,
    )
    by_key: dict[tuple[int, str, PeriodKey], dict] = {}
    for row in rows:
        month = row["report__period__month"]
        key = (row["report__period__year"], row["report__period__quarter"])
        by_key[(row["report__unit_id"], row["reception_point"], key if month is None else (*key, month))] = row
    out: dict[tuple[int, str], dict[int, Values]] = defaultdict(dict)
    for (unit_id, point, key), row in by_key.items():
        period_id = wanted.get(key)
        if period_id is None:
            continue
        before = next((by_key[b] for b in ((unit_id, point, k) for k in before_of[key]) if b in by_key), None)
        out[(unit_id, point)][period_id] = ledger_row_figures(row, before["pending_total"] if before else None)
    return out


def _ledger_read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    out: dict[tuple[int, int], Values] = defaultdict(dict)
    for (unit_id, _point), by_period in ledger_points_read(unit_ids, periods).items():
        for period_id, values in by_period.items():
            _add(out[(unit_id, period_id)], values)
    return out


def _procedure_read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    rows = ProcedureFigures.objects.filter(units_q(unit_ids), report__period__in=periods).values(
        "report__unit_id", "report__period_id", *PROCEDURE_FIELDS
    )
    out: dict[tuple[int, int], Values] = {}
    for row in rows:
        out[(row["report__unit_id"], row["report__period_id"])] = {
            f"tthc.{name}": Decimal(row[name]) for name in PROCEDURE_FIELDS if row[name] is not None
        }
    return out


def _catalogue_read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """The province's procedure catalogue in force at each period's end, by online level (one query).

    Only province units carry it (the catalogue is the province's); levels 3/4 are given for quarters in the
    vocabulary before Decree 42/2022/NĐ-CP, full/partial for every quarter (mức độ 3 ≈ một phần, 4 ≈ toàn trình).
    """
    from cchc.models import Unit

    kinds = getattr(unit_ids, "kinds", None)  # cchc.figures.UnitIds: the caller's units, kinds known
    if kinds is not None:
        provinces = [pk for pk in unit_ids if kinds.get(pk) == UnitKind.PROVINCE]
    else:
        provinces = list(
            Unit.objects.filter(pk__in=list(unit_ids), kind=UnitKind.PROVINCE).values_list("pk", flat=True)
        )
    if not provinces:
        return {}
    catalogue = list(
        Procedure.objects.values_list("online_level", "status", "published_by__issued_on", "abolished_by__issued_on")
    )
    if not catalogue:
        return {}
    out: dict[tuple[int, int], Values] = {}
    for period in periods:
        day = period.end_date
        counts: dict[str, int] = defaultdict(int)
        for level, status, published, abolished in catalogue:
            if published is not None and published > day:
                continue
            if (abolished is not None and abolished <= day) or (
                abolished is None and status == ProcedureStatus.ABOLISHED
            ):
                continue
            counts["all"] += 1
            new = OLD_TO_NEW.get(level, level)
            if new in (OnlineLevel.FULL, OnlineLevel.PARTIAL):
                counts[new] += 1
                if day < DECREE_42_IN_FORCE:
                    counts["level_4" if new == OnlineLevel.FULL else "level_3"] += 1
        values = {"tthc.catalogue_in_force": Decimal(counts["all"])}
        members = ("full", "partial", "level_4", "level_3") if day < DECREE_42_IN_FORCE else ("full", "partial")
        for member in members:
            values[breakdown_key("tthc.catalogue_in_force", "online", member)] = Decimal(counts.get(member, 0))
        for unit_id in provinces:
            out[(unit_id, period.pk)] = dict(values)
    return out


def read(unit_ids, periods) -> dict[tuple[int, int], Values]:
    """Every procedures figure of the units for the periods: three queries, whatever the sizes."""
    out: dict[tuple[int, int], Values] = defaultdict(dict)
    for part in (_ledger_read, _procedure_read, _catalogue_read):
        for key, values in part(unit_ids, periods).items():
            out[key].update(values)
    return out


SOURCE = FigureSource(name="procedures", figures=FIGURES, read=read)


# --- plain data for the outputs that list rows (the annex): dicts, never model instances -------------------------

MODELS = {"ledger": LedgerRow, "procedure_figures": ProcedureFigures}


def feedback_windows(unit_ids, periods) -> dict[tuple[int, int], tuple]:
    """{(unit, period id): (from, to)}: the window the feedback figures were counted over, where it was given
    (dates, not figures: never added up). Either end may be None."""
    rows = ProcedureFigures.objects.filter(
        Q(feedback_from__isnull=False) | Q(feedback_to__isnull=False),
        report__unit_id__in=list(unit_ids),
        report__period__in=list(periods),
    ).values_list("report__unit_id", "report__period_id", "feedback_from", "feedback_to")
    return {(unit_id, period_id): (start, end) for unit_id, period_id, start, end in rows}


def labels(table: str) -> dict[str, str]:
    """The labels of a table's model in the active language: "" → its name, each field → its label."""
    model = MODELS[table]
    out = {"": capfirst(str(model._meta.verbose_name))}
    out.update({f.name: capfirst(str(f.verbose_name)) for f in model._meta.get_fields() if hasattr(f, "verbose_name")})
    return out


def ledger_notes(unit_ids, periods) -> list[dict]:
    """Each ledger row's reception point, where its figures come from and what its other outcomes are, in entry
    order."""
    sources = dict(LedgerSource.choices)
    rows = (
        LedgerRow.objects.filter(report__unit_id__in=list(unit_ids), report__period__in=list(periods))
        .order_by("pk")
        .values("report_id", "report__unit_id", "report__period_id", "reception_point", "source", "other_outcomes_note")
    )
    return [{**row, "source": str(sources.get(row["source"], ""))} for row in rows]
