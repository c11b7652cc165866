"""The Excel round-trip (issue 14): download a report's workbook, upload it back, diff, confirm.

The round-trip property: a workbook uploaded unchanged changes nothing and writes nothing; five cells
changed are exactly five changes, and the confirmation saves exactly those through the page's save.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.models import Report
from procedures.models import LedgerRow, ProcedureFigures

from .roundtrip_helpers import (
    PROCEDURES_SHEET,
    cell_of,
    confirm,
    download,
    fill,
    load,
    save,
    state,
    table_cell,
    texts,
    upload,
)

NARRATIVE_SHEET = "8. Hạn chế, nguyên nhân và…"
LEDGER_POINT = "Trung tâm Phục vụ hành chính công"


@pytest.fixture
def filled(report_a, cast, client):
    client.force_login(cast["clerk_a"])
    return fill(report_a, cast["clerk_a"])


def test_the_workbook_holds_the_reports_figures_with_labels_locked_and_inputs_unlocked(client, filled):
    wb = load(download(client, filled))
    ws = wb[PROCEDURES_SHEET]
    cell = cell_of(ws, "Số TTHC đang thực hiện")
    assert cell.value == 1820
    assert cell.protection.locked is False
    assert ws.cell(row=cell.row, column=1).protection.locked is True
    assert ws.protection.sheet is True
    assert table_cell(ws, LEDGER_POINT, "Tiếp nhận mới").value == 100
    assert wb["_cchc"].sheet_state == "veryHidden"
    # whole numbers >= 0 are validated in the cell itself
    kinds = {dv.type for dv in ws.data_validations.dataValidation if cell.coordinate in dv.sqref}
    assert kinds == {"whole"}
    narrative = wb[NARRATIVE_SHEET]
    assert cell_of(narrative, "Hạn chế").value == "Một số đơn vị gửi báo cáo chậm."


def test_a_workbook_uploaded_unchanged_changes_nothing_and_writes_nothing(client, filled):
    data = download(client, filled)
    before = state(filled)
    response = upload(client, filled, data)
    assert response.status_code == 200
    assert response.context["result"].changes == []
    assert "Không có thay đổi nào so với số liệu trên cổng." in texts(response)
    assert state(filled) == before


def test_five_cells_changed_are_exactly_five_changes_and_confirming_saves_them(client, filled):
    wb = load(download(client, filled))
    ws = wb[PROCEDURES_SHEET]
    cell_of(ws, "Số TTHC đang thực hiện").value = 1830
    cell_of(ws, "Số TTHC đã cắt giảm thời hạn").value = None
    cell_of(ws, "Tổng số xã").value = 199
    table_cell(ws, LEDGER_POINT, "Kỳ trước chuyển sang").value = 12
    cell_of(wb[NARRATIVE_SHEET], "Nguyên nhân").value = "Thiếu cán bộ."
    before = state(filled)

    response = upload(client, filled, save(wb), name="so-noi-vu-q1.xlsx")

    result = response.context["result"]
    assert result.errors == []
    assert [(c.label, c.old, c.new) for c in result.changes] == [
        ("Số TTHC đang thực hiện", "1820", "1830"),
        ("Số TTHC đã cắt giảm thời hạn", "35", "(trống)"),
        ("Tổng số xã", "(trống)", "199"),
        (f"Sổ theo dõi hồ sơ một cửa ({LEDGER_POINT}) — Kỳ trước chuyển sang", "10", "12"),
        ("Nguyên nhân", "(trống)", "Thiếu cán bộ."),
    ]
    assert result.changes[0].where.startswith(f"Sheet '{PROCEDURES_SHEET}', ô C")
    assert state(filled) == before  # the dry run saved nothing

    response = confirm(client, filled, response.context["token"])
    assert response.status_code == 302
    figures = ProcedureFigures.objects.get(report=filled)
    assert (figures.procedures_in_force, figures.procedures_reduced, figures.communes_total) == (1830, None, 199)
    assert figures.feedback_received == 4  # untouched
    assert LedgerRow.objects.get(report=filled).carried_over == 12
    report = Report.objects.get(pk=filled.pk)
    assert report.causes == "Thiếu cán bộ." and report.version == filled.version + 1
    history = client.get(reverse("report_history", args=[filled.pk]))
    assert "Tải lên tệp Excel: so-noi-vu-q1.xlsx" in texts(history)


def test_a_workbook_older_than_the_report_follows_the_three_way_rule(client, cast, filled):
    wb = load(download(client, filled))

    def portal_edit(locked):  # someone saves on the page after the download
        from procedures import services as procedure_services

        procedure_services.procedure_figures_save(
            report=locked, values={"procedures_in_force": 1900, "feedback_received": 6}
        )

    from cchc import services

    services.report_update(report=filled, user=cast["clerk_a"], expected_version=filled.version, apply=portal_edit)
    ws = wb[PROCEDURES_SHEET]
    cell_of(ws, "Tổng số xã").value = 199  # only in the workbook: applies
    cell_of(ws, "Số phản ánh, kiến nghị tiếp nhận").value = 8  # on both sides: the user chooses

    response = upload(client, filled, save(wb))
    result = response.context["result"]
    assert [(c.label, c.base, c.portal, c.workbook) for c in result.conflicts] == [
        ("Số phản ánh, kiến nghị tiếp nhận", "4", "6", "8")
    ]
    assert [(c.label, c.old, c.new) for c in result.changes] == [("Tổng số xã", "(trống)", "199")]
    token = response.context["token"]

    unresolved = confirm(client, filled, token)
    assert unresolved.status_code == 400
    assert ProcedureFigures.objects.get(report=filled).communes_total is None

    response = confirm(client, filled, token, {"procedures-feedback_received": "workbook"})
    assert response.status_code == 302
    figures = ProcedureFigures.objects.get(report=filled)
    # only in the portal: stays; only in the workbook: applies; on both: the user's choice
    assert (figures.procedures_in_force, figures.communes_total, figures.feedback_received) == (1900, 199, 8)


def test_the_dry_run_shows_the_checks_that_must_reconcile_and_saves_nothing(client, filled):
    wb = load(download(client, filled))
    table_cell(wb[PROCEDURES_SHEET], LEDGER_POINT, "Đang giải quyết").value = 15  # 110 ≠ 90 + 15
    before = state(filled)
    response = upload(client, filled, save(wb))
    result = response.context["result"]
    assert result.errors == []
    assert [check.kind for _title, check in result.checks] == ["reconcile"]
    assert "Kiểm tra số liệu sau khi lưu" in texts(response)
    assert state(filled) == before


def test_a_formula_with_a_value_excel_saved_takes_that_value_and_says_so(client, filled):
    import io
    import zipfile

    wb = load(download(client, filled))
    ws = wb[PROCEDURES_SHEET]
    cell = cell_of(ws, "Tổng số xã")
    cell.value = "=100+99"
    sheet_xml = f"xl/worksheets/sheet{wb.sheetnames.index(PROCEDURES_SHEET) + 1}.xml"
    source = zipfile.ZipFile(io.BytesIO(save(wb)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:  # as Excel saves it: the formula and its computed value
        for item in source.infolist():
            content = source.read(item)
            if item.filename == sheet_xml:
                content = content.replace(b"<f>100+99</f><v></v>", b"<f>100+99</f><v>199</v>")
                content = content.replace(b"<f>100+99</f><v />", b"<f>100+99</f><v>199</v>")
                assert b"<v>199</v>" in content
            archive.writestr(item, content)
    response = upload(client, filled, out.getvalue())
    result = response.context["result"]
    assert result.notes == [
        f"Sheet '{PROCEDURES_SHEET}', ô {cell.coordinate}: là công thức; lấy giá trị đã tính sẵn 199."
    ]
    assert [(c.label, c.new) for c in result.changes] == [("Tổng số xã", "199")]


def test_a_catalogue_figure_added_by_an_admin_appears_in_the_workbook_and_round_trips(client, cast, filled):
    from cchc import services
    from cchc.choices import FigureType, ReformArea
    from cchc.models import FigureValue

    services.figure_definition_upsert(
        code="tc_giai_ngan",
        name="Tỷ lệ giải ngân vốn đầu tư công",
        area=ReformArea.PUBLIC_FINANCE,
        unit_of_measure="%",
        value_type=FigureType.PERCENT,
    )
    wb = load(download(client, filled))
    ws = wb["6. Cải cách tài chính công"]
    cell = cell_of(ws, "Tỷ lệ giải ngân vốn đầu tư công (%)")
    assert ws.cell(row=cell.row, column=2).value == "%"
    cell.value = 8.36
    ws.cell(row=cell.row, column=4).value = dt.datetime(2020, 3, 31)  # its as-of date

    response = upload(client, filled, save(wb))
    changes = [(c.label, c.new) for c in response.context["result"].changes]
    assert changes == [
        ("Tỷ lệ giải ngân vốn đầu tư công (%)", "8,36"),
        ("Tỷ lệ giải ngân vốn đầu tư công (%) — Tính đến ngày / ngày văn bản", "31/03/2020"),
    ]
    confirm(client, filled, response.context["token"])
    value = FigureValue.objects.get(report=filled, definition__code="tc_giai_ngan")
    assert (value.value, value.as_of) == (Decimal("8.36"), dt.date(2020, 3, 31))

    again = upload(client, filled, download(client, filled))  # and back: no difference
    assert again.context["result"].changes == []


def test_download_and_dry_run_take_a_bounded_number_of_queries(client, cast, filled, django_assert_max_num_queries):
    """The download reads each section once whatever the number of rows. The dry run validates with the page's
    own forms, whose model constraints cost a query per row and constraint (as on the page): bounded here."""
    from cchc import services
    from procedures import services as procedure_services

    with django_assert_max_num_queries(25):
        download(client, filled)
    wb = load(download(client, filled))
    cell_of(wb[PROCEDURES_SHEET], "Tổng số xã").value = 199
    # The dry run also runs the report's plausibility checks: every figure source read once over nine quarters
    # (+1: the monthly-section settings, read once and then kept in the cache until one changes; issue 11).
    with django_assert_max_num_queries(201):
        upload(client, filled, save(wb))

    def more_rows(locked):
        rows = [
            {"id": None, "reception_point": f"Điểm {i}", "received_total": 1, "resolved_total": 1, "pending_total": 0}
            for i in range(4)
        ]
        procedure_services.ledger_rows_save(report=locked, rows=rows, delete_ids=[])

    services.report_update(report=filled, user=cast["clerk_a"], expected_version=filled.version, apply=more_rows)
    with django_assert_max_num_queries(25):
        download(client, filled)


def test_every_figure_row_of_the_template_has_its_unit_of_measure_from_the_figure_layer(client, filled):
    """Units come from the apps' declarations (<app>/figures.py), not only from the catalogue's figures."""
    from cchc.figures import figures_all
    from cchc.roundtrip.layout import blocks_of, figure_units

    wb = load(download(client, filled))
    assert cell_of(wb[PROCEDURES_SHEET], "Số TTHC đang thực hiện", column=2).value == "thủ tục"
    declared = figures_all()
    shown = {(ws.cell(r, 1).value, ws.cell(r, 2).value) for ws in wb for r in range(1, ws.max_row + 1)}
    rows = 0
    for block in blocks_of(filled):
        units = figure_units(block.form) if not block.is_table else {}
        for key, label, unit, _asof in [] if block.is_table else block.rows:
            name = key.split("-", 1)[1]
            if name in units:
                rows += 1
                assert unit and unit == units[name], (key, label)
                assert any(f.unit_of_measure == unit and f.code.endswith(f".{name}") for f in declared.values())
                assert (label, unit) in shown  # the row is in the workbook, its unit beside it
    assert rows >= 20  # procedures, personnel, ISO, outreach figures: every one with its unit
