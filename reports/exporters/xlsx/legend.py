"""The "Chú giải" sheet: the colours and marks, the legends by indicator, the year's targets with their legal
sources, and the scoring rubric."""

from __future__ import annotations

from ..annex import tr
from ..data import ExportData
from .book import Book, Writer
from .styles import (
    BAND_FILLS,
    BAND_FONTS,
    DATE_FORMAT,
    GRID,
    MISSING,
    SUBTITLE,
    WRAP_TOP,
    excel_number,
    font,
    plain_format,
    title_lines,
)

# --- "Chú giải" --------------------------------------------------------------------------------------


def write_legend(book: Book, data: ExportData, name: str) -> None:
    ws = book.sheet(name)
    w = Writer(ws)
    ws.widths([46, 26, 26, 22, 16, 16, 30, 30, 30])
    ws.print_setup()
    legend = data.legend
    ws.append(
        [
            w.cell(
                tr(
                    "Chú giải: màu, thang màu, chỉ tiêu và tiêu chí chấm điểm",
                    "Legend: colours, bands, targets and scoring rubric",
                ),
                font=w.title,
            )
        ]
    )
    ws.append([w.cell(title_lines(data)[1], font=w.muted)])

    def section(title: str) -> None:
        ws.append([])
        ws.append([w.cell(title, font=SUBTITLE)])

    section(tr("Màu và ký hiệu trên sheet “Tổng hợp”", "Colours and marks on the “Summary” sheet"))
    ws.append([w.heading(tr("Ký hiệu", "Mark")), w.heading(tr("Ý nghĩa", "Meaning"))])
    marks = [
        (tr("Xanh", "Green"), tr("Đạt chỉ tiêu", "On target"), "green"),
        (tr("Vàng", "Yellow"), tr("Cần cố gắng", "Needs effort"), "yellow"),
        (tr("Đỏ", "Red"), tr("Chưa đạt", "Off target"), "red"),
        (
            tr("Không tô màu", "No colour"),
            tr("Chưa có chỉ tiêu hoặc chưa có thang màu: không xếp màu", "No target or no legend: no colour"),
            None,
        ),
        ("*", tr("Số liệu chưa duyệt (báo cáo chưa được phê duyệt)", "Provisional (report not yet approved)"), None),
        (MISSING, tr("Chưa có số liệu (không phải số 0)", "Not reported (not zero)"), None),
    ]
    for mark, meaning, band in marks:
        ws.append(
            [
                w.cell(
                    mark,
                    fill=BAND_FILLS.get(band or ""),
                    border=GRID,
                    font=font(bold=True, color=BAND_FONTS.get(band or "")),
                ),
                w.cell(meaning, border=GRID, align=WRAP_TOP),
            ]
        )

    section(tr("Thang màu theo chỉ tiêu", "Bands by indicator"))
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Chỉ tiêu", "Indicator"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Cách so", "Compared"),
                tr("Chiều tốt", "Better when"),
                tr("Ngưỡng xanh", "Green from"),
                tr("Ngưỡng vàng", "Yellow from"),
                tr("Nhãn xanh", "Green label"),
                tr("Nhãn vàng", "Yellow label"),
                tr("Nhãn đỏ", "Red label"),
            )
        ]
    )
    for entry in legend.legends:
        # Relative thresholds are shares of the target (1 = the target); absolute ones read as the indicator.
        fmt = plain_format(entry.green_from, entry.relative or entry.is_rate)
        ws.append(
            [
                w.cell(entry.name, border=GRID, align=WRAP_TOP),
                w.cell(entry.code, border=GRID),
                w.cell(entry.mode, border=GRID, align=WRAP_TOP),
                w.cell(entry.direction, border=GRID),
                w.cell(excel_number(entry.green_from), fmt=fmt, border=GRID),
                w.cell(
                    excel_number(entry.yellow_from),
                    border=GRID,
                    fmt=plain_format(entry.yellow_from, entry.relative or entry.is_rate),
                ),
                w.cell(entry.green_label, fill=BAND_FILLS["green"], border=GRID),
                w.cell(entry.yellow_label, fill=BAND_FILLS["yellow"], border=GRID),
                w.cell(entry.red_label, fill=BAND_FILLS["red"], border=GRID),
            ]
        )
    if not legend.legends:
        ws.append([w.cell(tr("Chưa có thang màu nào.", "No legend yet."), font=w.muted)])

    section(
        tr("Chỉ tiêu năm %(year)s và văn bản giao chỉ tiêu", "Targets for %(year)s and their legal sources")
        % {"year": data.span.year}
    )
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Chỉ tiêu", "Indicator"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Phạm vi áp dụng", "Applies to"),
                tr("Giá trị chỉ tiêu (năm)", "Target (year)"),
                tr("Cách áp dụng", "How it applies"),
                tr("Văn bản giao chỉ tiêu", "Legal source"),
                tr("Số văn bản", "Document number"),
                tr("Ngày văn bản", "Document date"),
            )
        ]
    )
    for target in legend.targets:
        fmt = plain_format(target.value, target.is_rate)
        how = (
            tr(
                "Chỉ tiêu năm của số cộng dồn: chia theo số quý của kỳ (quý: 1/4)",
                "Annual target of a flow: pro-rated to the quarters of the period (a quarter: 1/4)",
            )
            if target.prorated
            else tr("Áp dụng nguyên giá trị", "Applied as is")
        )
        ws.append(
            [
                w.cell(target.name, border=GRID, align=WRAP_TOP),
                w.cell(target.code, border=GRID),
                w.cell(target.scope, border=GRID, align=WRAP_TOP),
                w.cell(excel_number(target.value), fmt=fmt, border=GRID),
                w.cell(how, border=GRID, align=WRAP_TOP),
                w.cell(target.source, border=GRID, align=WRAP_TOP),
                w.cell(target.source_number, border=GRID),
                w.cell(target.source_date, fmt=DATE_FORMAT, border=GRID),
            ]
        )
    if not legend.targets:
        ws.append([w.cell(tr("Chưa có chỉ tiêu nào cho năm này.", "No target for this year."), font=w.muted)])
    ws.append(
        [
            w.cell(
                tr(
                    "Chỉ tiêu của đơn vị được ưu tiên hơn chỉ tiêu của loại đơn vị, rồi đến chỉ tiêu chung.",
                    "A unit's own target wins over its type's, which wins over the general one.",
                ),
                font=w.muted,
            )
        ]
    )

    section(tr("Tiêu chí chấm điểm", "Scoring rubric"))
    ws.append(
        [
            w.heading(h)
            for h in (
                tr("Tiêu chí", "Criterion"),
                tr("Mã chỉ tiêu", "Indicator code"),
                tr("Chỉ tiêu", "Indicator"),
                tr("Lĩnh vực", "Area"),
                tr("Điểm tối đa", "Maximum points"),
                tr("Ngưỡng", "Threshold"),
                tr("Điểm đạt được", "Points"),
            )
        ]
    )
    for item in legend.rubric:
        for index, (threshold, points) in enumerate(item.bands or [(None, None)]):
            first = index == 0
            fmt = plain_format(threshold, item.is_rate)
            ws.append(
                [
                    w.cell(item.name if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(item.code if first else None, border=GRID),
                    w.cell(item.indicator if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(item.area if first else None, border=GRID, align=WRAP_TOP),
                    w.cell(excel_number(item.max_points) if first else None, fmt="General", border=GRID),
                    w.cell(excel_number(threshold), fmt=fmt, border=GRID),
                    w.cell(excel_number(points), fmt="General", border=GRID),
                ]
            )
    if not legend.rubric:
        ws.append([w.cell(tr("Chưa có tiêu chí chấm điểm nào.", "No scoring rubric yet."), font=w.muted)])
    ws.append(
        [
            w.cell(
                tr(
                    "Giá trị đạt hoặc vượt ngưỡng (theo chiều tốt của chỉ tiêu) "
                    "được số điểm của mức cao nhất đạt được; dưới "
                    "mọi mức hoặc không báo cáo: 0 điểm. Xếp hạng theo tổng điểm trong các đơn vị cùng loại.",
                    "A value at or past a threshold (in the indicator's better "
                    "direction) earns the points of the best band "
                    "reached; below every band or not reported: 0. Ranks are by "
                    "total points among units of the same type.",
                ),
                font=w.muted,
            )
        ]
    )
