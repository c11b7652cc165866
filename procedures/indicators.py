"""What procedures contribute to the scorecards (issue 6 discovers this module).

Each compute function returns {unit_id: IndicatorValue} for a set of units and one quarter in one or
two queries, whatever the number of units. Rates carry numerator and denominator, so totals over units
and quarters are recomputed from the counts (ratio of sums), never averaged.
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Direction, Indicator, IndicatorValue, Rollup, indicator_source, ratio
from cchc.models import Period

from .models import ProcedureFigures
from .selectors import ledger_totals_by_unit


def _ledger(unit_ids, period: Period, pick) -> dict[int, IndicatorValue]:
    out = {}
    for unit_id, totals in ledger_totals_by_unit(unit_ids=unit_ids, period=period).items():
        value = pick(totals)
        if value is not None:
            out[unit_id] = value
    return out


@indicator_source
def procedure_figure_rows(unit_ids, period: Period) -> list[dict]:
    return list(
        ProcedureFigures.objects.filter(report__unit_id__in=list(unit_ids), report__period=period).values(
            "report__unit_id",
            "procedures_in_force",
            "procedures_reduced",
            "communes_on_one_stop",
            "communes_total",
            "feedback_received",
            "feedback_handled",
        )
    )


def _figures(unit_ids, period: Period, pick) -> dict[int, IndicatorValue]:
    out = {}
    for row in procedure_figure_rows(unit_ids, period):
        value = pick(row)
        if value is not None:
            out[row["report__unit_id"]] = value
    return out


def _count(value) -> IndicatorValue | None:
    return None if value is None else IndicatorValue(value)


def _ratio_if(numerator, denominator) -> IndicatorValue | None:
    return None if numerator is None or denominator is None else ratio(numerator, denominator)


def dossiers_received(unit_ids, period):
    return _ledger(unit_ids, period, lambda t: _count(t["received_total"]))


def resolved_rate(unit_ids, period):
    return _ledger(unit_ids, period, lambda t: _ratio_if(t["resolved_total"], t["received_total"]))


def on_time_rate(unit_ids, period):
    # Only where early or on-time counts were given: a ledger with totals only has no on-time rate.
    return _ledger(unit_ids, period, lambda t: _ratio_if(t["in_time"], t["resolved_with_split"]))


def late_dossiers(unit_ids, period):
    return _ledger(unit_ids, period, lambda t: _count(t["resolved_late"]))


def pending_overdue(unit_ids, period):
    return _ledger(unit_ids, period, lambda t: _count(t["pending_overdue"]))


def online_share(unit_ids, period):
    return _ledger(unit_ids, period, lambda t: _ratio_if(t["new_online"], t["received_new"]))


def feedback_handled_rate(unit_ids, period):
    return _figures(unit_ids, period, lambda r: _ratio_if(r["feedback_handled"], r["feedback_received"]))


def procedures_in_force(unit_ids, period):
    return _figures(unit_ids, period, lambda r: _count(r["procedures_in_force"]))


def reduced_share(unit_ids, period):
    return _figures(unit_ids, period, lambda r: _ratio_if(r["procedures_reduced"], r["procedures_in_force"]))


def communes_on_one_stop(unit_ids, period):
    return _figures(unit_ids, period, lambda r: _ratio_if(r["communes_on_one_stop"], r["communes_total"]))


AREA = ReformArea.PROCEDURES
INDICATORS = [
    Indicator(
        "tthc.dossiers_received",
        "Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang)",
        "Dossiers received (including carried over)",
        AREA,
        "hồ sơ",
        dossiers_received,
        rollup=Rollup.SUM,
        numerator="tổng số tiếp nhận của các quý",
    ),
    Indicator(
        "tthc.resolved_rate",
        "Tỷ lệ hồ sơ đã giải quyết",
        "Resolved rate",
        AREA,
        "%",
        resolved_rate,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="đã giải quyết",
        denominator="tiếp nhận",
    ),
    Indicator(
        "tthc.on_time_rate",
        "Tỷ lệ giải quyết đúng hạn",
        "On-time rate",
        AREA,
        "%",
        on_time_rate,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="trước hạn + đúng hạn",
        denominator="đã giải quyết",
    ),
    Indicator(
        "tthc.late",
        "Hồ sơ giải quyết trễ hạn",
        "Dossiers resolved late",
        AREA,
        "hồ sơ",
        late_dossiers,
        direction=Direction.LOWER_IS_BETTER,
        rollup=Rollup.SUM,
    ),
    Indicator(
        "tthc.pending_overdue",
        "Hồ sơ đang giải quyết quá hạn",
        "Pending overdue dossiers",
        AREA,
        "hồ sơ",
        pending_overdue,
        direction=Direction.LOWER_IS_BETTER,
        rollup=Rollup.LATEST,
    ),
    Indicator(
        "tthc.online_share",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "Online share of new dossiers",
        AREA,
        "%",
        online_share,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="tiếp nhận mới trực tuyến",
        denominator="tiếp nhận mới",
    ),
    Indicator(
        "tthc.feedback_handled_rate",
        "Tỷ lệ phản ánh, kiến nghị đã xử lý",
        "Feedback handled rate",
        AREA,
        "%",
        feedback_handled_rate,
        decimals=2,
        rollup=Rollup.RATIO,
        numerator="đã xử lý",
        denominator="tiếp nhận",
    ),
    Indicator(
        "tthc.in_force",
        "Số TTHC đang thực hiện",
        "Procedures in force",
        AREA,
        "thủ tục",
        procedures_in_force,
        rollup=Rollup.LATEST,
    ),
    Indicator(
        "tthc.reduced_share",
        "Tỷ lệ TTHC đã cắt giảm thời hạn",
        "Share of procedures with reduced time",
        AREA,
        "%",
        reduced_share,
        decimals=2,
        rollup=Rollup.LATEST,
        numerator="TTHC cắt giảm thời hạn",
        denominator="TTHC đang thực hiện",
    ),
    Indicator(
        "tthc.communes_one_stop",
        "Tỷ lệ xã triển khai một cửa điện tử",
        "Communes on the one-stop system",
        AREA,
        "%",
        communes_on_one_stop,
        decimals=2,
        rollup=Rollup.LATEST,
        numerator="xã triển khai",
        denominator="tổng số xã",
    ),
]
