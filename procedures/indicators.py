"""What procedures contribute to the scorecards: formulas over the figures declared in `figures.py`.

Every indicator is evaluated after the figures are rolled up over the span and the units, so a rate is always
recomputed from summed counts (ratio of sums), never averaged. More shares (late, early, processed, online
levels ...) are standard indicators kept in the database (reports.IndicatorDefinition), editable by admins.
"""

from __future__ import annotations

from cchc.choices import ReformArea
from cchc.indicators import Direction, Indicator, Rollup

AREA = ReformArea.PROCEDURES
LOWER = Direction.LOWER_IS_BETTER
INDICATORS = [
    Indicator(
        "tthc.dossiers_received",
        "Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang)",
        "Dossiers received (including carried over)",
        AREA,
        "hồ sơ",
        "tthc.received_total",
        rollup=Rollup.SUM,
        numerator_label="số chuyển từ kỳ trước của quý đầu + tiếp nhận mới của các quý",
    ),
    Indicator(
        "tthc.resolved_rate",
        "Tỷ lệ hồ sơ đã giải quyết",
        "Resolved rate",
        AREA,
        "%",
        "tthc.resolved_total",
        "tthc.received_total",
        decimals=2,
        numerator_label="đã giải quyết",
        denominator_label="tiếp nhận",
    ),
    Indicator(
        "tthc.on_time_rate",
        "Tỷ lệ giải quyết đúng hạn",
        "On-time rate",
        AREA,
        "%",
        # Only rows that gave the early / on-time split: a ledger with totals only has no on-time rate.
        "tthc.resolved_in_time",
        "tthc.resolved_with_split",
        decimals=2,
        numerator_label="trước hạn + đúng hạn",
        denominator_label="đã giải quyết",
    ),
    Indicator(
        "tthc.late",
        "Hồ sơ giải quyết trễ hạn",
        "Dossiers resolved late",
        AREA,
        "hồ sơ",
        "tthc.resolved_late",
        direction=LOWER,
    ),
    Indicator(
        "tthc.pending_overdue",
        "Hồ sơ đang giải quyết quá hạn",
        "Pending overdue dossiers",
        AREA,
        "hồ sơ",
        "tthc.pending_overdue",
        direction=LOWER,
    ),
    Indicator(
        "tthc.online_share",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "Online share of new dossiers",
        AREA,
        "%",
        "tthc.received_new@channel:online",
        "tthc.received_new",
        decimals=2,
        numerator_label="tiếp nhận mới trực tuyến",
        denominator_label="tiếp nhận mới",
    ),
    Indicator(
        "tthc.feedback_handled_rate",
        "Tỷ lệ phản ánh, kiến nghị đã xử lý",
        "Feedback handled rate",
        AREA,
        "%",
        "tthc.feedback_handled",
        "tthc.feedback_received",
        decimals=2,
        numerator_label="đã xử lý",
        denominator_label="tiếp nhận",
    ),
    Indicator(
        "tthc.in_force", "Số TTHC đang thực hiện", "Procedures in force", AREA, "thủ tục", "tthc.procedures_in_force"
    ),
    Indicator(
        "tthc.reduced_share",
        "Tỷ lệ TTHC đã cắt giảm thời hạn",
        "Share of procedures with reduced time",
        AREA,
        "%",
        "tthc.procedures_reduced",
        "tthc.procedures_in_force",
        decimals=2,
        numerator_label="TTHC cắt giảm thời hạn",
        denominator_label="TTHC đang thực hiện",
    ),
    Indicator(
        "tthc.communes_one_stop",
        "Tỷ lệ xã triển khai một cửa điện tử",
        "Communes on the one-stop system",
        AREA,
        "%",
        "tthc.communes_on_one_stop",
        "tthc.communes_total",
        decimals=2,
        numerator_label="xã triển khai",
        denominator_label="tổng số xã",
    ),
]
