"""The report export: the Excel workbook, the CSV grid, the command and the download view.

The workbook is read back with openpyxl and every figure is looked up in its labelled place: the column
whose header names it, on the row of the unit that reported it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

import cchc.urls
from cchc import services
from cchc.choices import Role, UnitKind
from cchc.models import Unit
from conftest import make_user, submit
from procedures import services as procedure_services
from procedures.models import LedgerRow
from reports import exporters
from reports.periods import PeriodSpan
from reports.scope import scope_of

# The download's URL is in reports/urls.py (included by cchc/urls.py); the tests keep their own URLconf for the
# 403 handler below.
urlpatterns = [*cchc.urls.urlpatterns]
handler403 = "cchc.views.permission_denied"

pytestmark = pytest.mark.urls(__name__)

ON_TIME = "Tỷ lệ giải quyết đúng hạn (%)"
RECEIVED = "Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) (hồ sơ)"


def label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


# --- reading a workbook back ----------------------------------------------------------------------


def summary_table(ws, head_row: int = 5) -> tuple[dict[str, int], dict[str, int]]:
    """({header: column}, {unit code: row}) of the "Tổng hợp" sheet; the total row is keyed "total:<code>"."""
    headers = {cell.value: cell.column for cell in ws[head_row] if cell.value}
    rows = {}
    for row in ws.iter_rows(min_row=head_row + 1):
        code, kind = row[1].value, row[2].value
        if code:
            rows[f"total:{code}" if kind and str(kind).startswith(("Tổng", "Total")) else code] = row[0].row
    return headers, rows


def annex_value(ws, header: str, unit_code: str, *, table: str | None = None, which: int = 0):
    """The value under `header` on `unit_code`'s row of the first table (of title `table`) that has both."""
    rows = list(ws.iter_rows(values_only=True))
    title = None
    found = []
    for index, row in enumerate(rows):
        if row and row[0] in ("Đơn vị", "Unit") and index > 0:
            title = rows[index - 1][0]
            if table is not None and title != table:
                continue
            if header not in row:
                continue
            column = row.index(header)
            for data in rows[index + 1 :]:
                if not data or all(v is None for v in data):
                    break
                if data[1] == unit_code:
                    found.append(data[column])
    assert found, f"no {header!r} for {unit_code} on {ws.title}"
    return found[which]


def numbers(ws) -> set:
    return {c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, int | float)}


def texts(ws) -> list[str]:
    return [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


# --- after seed_demo -------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_data):
    """The demo data (conftest.py: seed_demo, once per module)."""


@pytest.fixture
def demo_workbook(demo, tmp_path):
    output = tmp_path / "report.xlsx"
    call_command("export_report", period="2020-Q1", format="xlsx", output=str(output), verbosity=0)
    return openpyxl.load_workbook(output)


def test_command_writes_the_sheets_after_seed_demo(demo_workbook):
    assert demo_workbook.sheetnames == [
        "Tổng hợp",
        "1. Chỉ đạo, tuyên truyền",
        "2. Thể chế",
        "3. Thủ tục hành chính",
        "4. Tổ chức bộ máy",
        "5. Chế độ công vụ",
        "6. Tài chính công",
        "7. Chính quyền điện tử",
        "Hạn chế, nhiệm vụ",
        "Chú giải",
        "Thông tin",
    ]


def test_summary_has_the_scorecard_as_numbers_with_formats_bands_targets_and_the_total_row(demo_workbook):
    ws = demo_workbook["Tổng hợp"]
    headers, rows = summary_table(ws)
    total, centre = rows["total:CB"], rows["CB-TTPVHCC"]

    on_time = ws.cell(total, headers[ON_TIME])
    assert on_time.value == pytest.approx(11881 / 12836)  # 0,9256: the province's own one-stop ledger
    assert "%" in on_time.number_format
    assert on_time.fill.fgColor.rgb.endswith("F8D0D0")  # red: 94,4% of the 98% target
    centre_cell = ws.cell(centre, headers[ON_TIME])
    assert centre_cell.value == pytest.approx(1604 / 1614)  # 0,99380
    assert centre_cell.fill.fgColor.rgb.endswith("D1F0D9")  # green against its kind's 99%
    target = headers["Chỉ tiêu: Tỷ lệ giải quyết đúng hạn"]
    assert ws.cell(centre, target).value == pytest.approx(0.99)
    assert ws.cell(total, target).value == pytest.approx(0.98)

    received = ws.cell(total, headers[RECEIVED])
    assert received.value == 14595 and isinstance(received.value, int)
    assert received.number_format == "#,##0"
    assert ws.cell(centre, headers[RECEIVED]).value == 2084
    assert ws.cell(total, headers["Số đơn vị áp dụng, duy trì ISO 9001 (đơn vị)"]).value == 72
    shares = {
        "Tỷ lệ hoàn thành xuất sắc nhiệm vụ (%)": 1809 / 21635,
        "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên (%)": (1809 + 18520) / 21635,
        "Tỷ lệ không hoàn thành nhiệm vụ (%)": 116 / 21635,
    }
    for header, share in shares.items():
        cell = ws.cell(total, headers[header])
        assert cell.value == pytest.approx(share) and "%" in cell.number_format, header
    assert ws.cell(total, headers["Số CBCCVC được đánh giá, xếp loại (người)"]).value == 21635
    downsizing = ws.cell(total, headers["Số trường hợp tinh giản biên chế (trường hợp)"])
    assert downsizing.value == 43 and downsizing.fill.fgColor.rgb.endswith("D1F0D9")  # 43 ≥ 30 a quarter
    assert ws.cell(total, headers["Chỉ tiêu: Số trường hợp tinh giản biên chế"]).value == 30

    # Points and rank: the service centre earns 2 points, first among service centres.
    assert ws.cell(centre, headers["Tổng điểm"]).value == 2
    assert ws.cell(centre, headers["Xếp hạng trong đơn vị cùng loại"]).value == 1
    # A unit that reported nothing shows "—", never 0.
    assert ws.cell(rows["CB-SNV"], headers[RECEIVED]).value == "—"
    # The reform areas head their indicators.
    assert "Cải cách thủ tục hành chính" in [c.value for c in ws[4]]
    assert ws["A1"].value.startswith("TỔNG HỢP KẾT QUẢ CẢI CÁCH HÀNH CHÍNH — UBND TỈNH CAO BẰNG")
    assert "Quý I/2020" in ws["A2"].value and "Lập lúc" in ws["A2"].value


def test_summary_is_frozen_filtered_and_printed_landscape_fitted_to_width(demo_workbook):
    ws = demo_workbook["Tổng hợp"]
    headers, rows = summary_table(ws)

    assert ws.freeze_panes == "B6"  # the header rows and the unit column stay in view
    assert ws.auto_filter.ref.startswith("A5:")
    last_unit_row = int(ws.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert last_unit_row == rows["total:CB"] - 1  # the total row stays out of the filter and sorting
    assert ws.page_setup.orientation == "landscape"
    # A3, several pages wide when the grid is wider than one page prints readably (unit column repeated)
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A3)
    assert ws.page_setup.fitToWidth >= 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_cols == "$A:$A"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$5"
    assert ws.column_dimensions["A"].width >= 40
    for sheet in demo_workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title


def test_legend_lists_bands_targets_with_their_source_and_the_rubric(demo_workbook):
    content = texts(demo_workbook["Chú giải"])

    assert "1234/QĐ-UBND-VIDU ngày 15/01/2020" in content
    assert {"Đạt (ví dụ)", "Cần cố gắng (ví dụ)", "Chưa đạt (ví dụ)"} <= set(content)
    assert "Tỷ lệ giải quyết hồ sơ đúng hạn (ví dụ)" in content
    assert "Trung tâm Phục vụ hành chính công" in content  # the kind the 99% target applies to
    values = numbers(demo_workbook["Chú giải"])
    assert {0.98, 0.99, 0.01, 120, 0.95} <= values


def test_info_has_a_naive_local_time_the_report_counts_and_the_definitions(demo_workbook):
    ws = demo_workbook["Thông tin"]
    facts = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}

    generated = facts["Lập lúc (giờ Việt Nam, Asia/Ho_Chi_Minh)"]
    assert isinstance(generated, dt.datetime) and generated.tzinfo is None
    assert abs(generated - dt.datetime.now(exporters.TIME_ZONE).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    assert facts["Số đơn vị có báo cáo đã duyệt (mọi quý trong kỳ)"] == 2  # the province and the service centre
    # The other 30 units' reports are drafts: not reported, so not provisional either (issue 16).
    assert facts["Số đơn vị có báo cáo chưa duyệt (số liệu tạm tính)"] == 0
    assert facts["Báo cáo “Đã duyệt” (biểu số liệu)"] == 2
    assert facts["Báo cáo “Đang soạn” (biểu số liệu)"] == 30
    assert facts["Kỳ báo cáo"] == "Quý I/2020 (2020-Q1)"
    content = texts(ws)
    assert "tthc.on_time_rate" in content and "trước hạn + đúng hạn" in content and "đã giải quyết" in content
    assert "Tỷ lệ của tổng tử số / tổng mẫu số" in content


def test_annex_sheets_carry_every_reported_figure_in_its_labelled_place(demo_workbook):
    ws = demo_workbook["3. Thủ tục hành chính"]
    ledger = {
        "received_total": (14595, 2084),
        "resolved_on_time": (11881, 1604),
        "resolved_late": (955, 10),
        "pending_total": (1759, 470),
    }
    for name, (province, centre) in ledger.items():
        assert annex_value(ws, label(LedgerRow, name), "CB") == province
        assert annex_value(ws, label(LedgerRow, name), "CB-TTPVHCC") == centre
    # The units' total adds the service centre's row only: the province's own ledger already includes it.
    assert annex_value(ws, label(LedgerRow, "received_total"), None) == 2084
    for header, value in {
        "Số TTHC đang thực hiện": 1722,
        "Số TTHC đã cắt giảm thời hạn": 904,
        "Số quyết định phê duyệt quy trình nội bộ": 3,
        "Số quy trình nội bộ được phê duyệt": 17,
        "Số xã triển khai hệ thống một cửa điện tử": 199,
        "Tổng số xã": 199,
        "Số phản ánh, kiến nghị tiếp nhận": 85,
        "Số phản ánh, kiến nghị đã xử lý": 85,
    }.items():
        assert annex_value(ws, header, "CB") == value, header

    organisation = demo_workbook["4. Tổ chức bộ máy"]
    for header, value in {
        "Biên chế công chức được giao": 2101,
        "Số trường hợp": 43,
        "Đơn vị hành chính cấp huyện được sắp xếp": 6,
        "Đơn vị hành chính cấp xã được sắp xếp": 76,
        "Cán bộ, công chức cấp huyện được bố trí, sắp xếp": 386,
        "Cán bộ, công chức cấp xã được bố trí, sắp xếp": 1516,
        "Trường hợp được thực hiện chế độ, chính sách": 278,
        "Căn cứ": "108/2014/NĐ-CP; 113/2018/NĐ-CP",
    }.items():
        assert annex_value(organisation, header, "CB") == value, header
    civil = demo_workbook["5. Chế độ công vụ"]
    for header, value in {
        "Tập thể lãnh đạo được đánh giá, xếp loại": 49,
        "Cá nhân được quyết định xếp loại": 68,
        "Cá nhân đề xuất mức xếp loại (diện Ban Thường vụ quản lý)": 38,
        "Hoàn thành xuất sắc nhiệm vụ": 1809,
        "Hoàn thành tốt nhiệm vụ": 18520,
        "Hoàn thành nhiệm vụ": 1190,
        "Không hoàn thành nhiệm vụ": 116,
        "Tổng số được đánh giá, xếp loại": 21635,
        "Tổng số theo văn bản công bố": 21635,
    }.items():
        assert annex_value(civil, header, "CB") == value, header

    outreach = demo_workbook["1. Chỉ đạo, tuyên truyền"]
    assert [annex_value(outreach, "Số lượng", "CB", which=i) for i in range(3)] == [12, 72, 12]
    assert annex_value(outreach, "Văn bản chỉ đạo, đôn đốc thực hiện kế hoạch CCHC", "CB") == "186/UBND-NC"
    institutions = demo_workbook["2. Thể chế"]
    for header, value in {
        "Dự thảo văn bản QPPL được góp ý (dự thảo)": 37,
        "Quyết định của UBND tỉnh được tự kiểm tra (quyết định)": 15,
        "Nghị quyết của HĐND tỉnh được tự kiểm tra (nghị quyết)": 14,
        "Văn bản của HĐND, UBND cấp huyện được kiểm tra (văn bản)": 50,
        "Văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ (văn bản)": 58,
        "Văn bản QPPL hết hiệu lực một phần trong năm trước (văn bản)": 31,
        "Văn bản QPPL hết hiệu lực một phần trước ngày 01/01 của năm trước (văn bản)": 2,
        "Quyết định công bố danh mục văn bản QPPL hết hiệu lực": "57/QĐ-UBND",
    }.items():
        assert annex_value(institutions, header, "CB") == value, header
    assert annex_value(
        institutions, "Quyết định công bố danh mục văn bản QPPL hết hiệu lực: ngày văn bản", "CB"
    ) == dt.datetime(2020, 1, 22)
    egov = demo_workbook["7. Chính quyền điện tử"]
    assert annex_value(egov, "Số đơn vị áp dụng, duy trì ISO 9001", "CB") == 72
    documents = annex_value(
        egov, "Văn bản trao đổi qua mạng giữa các đơn vị (phần mềm quản lý văn bản) (văn bản)", "CB"
    )
    assert documents == 54362 and isinstance(documents, int)
    assert annex_value(egov, "Tỷ lệ đơn vị hành chính cấp xã kết nối phần mềm quản lý văn bản", "CB") == 1
    # Public finance: the two decrees the article names, seeded for Q1-2020 with the narrative (seeds/figures.py).
    finance = demo_workbook["6. Tài chính công"]
    assert "Không có số liệu nào được báo cáo trong kỳ." not in texts(finance)
    for header, value in {
        "Nghị định về tự chủ biên chế, kinh phí quản lý hành chính được áp dụng": "130/2005/NĐ-CP",
        "Nghị định về cơ chế tự chủ của đơn vị sự nghiệp công lập được áp dụng": "16/2015/NĐ-CP",
    }.items():
        assert annex_value(finance, header, "CB", table="Số liệu bổ sung") == value, header


def test_annex_sheets_of_a_quarter_nobody_reported_say_so(demo, tmp_path):
    """Q2-2020 has no report in the demo data: each area's sheet (1. … 7.) says nothing was reported, no table."""
    output = tmp_path / "q2.xlsx"
    call_command("export_report", period="2020-Q2", format="xlsx", output=str(output), verbosity=0)
    workbook = openpyxl.load_workbook(output)
    areas = [name for name in workbook.sheetnames if name[:1].isdigit()]
    assert len(areas) == 7
    for name in areas:
        assert "Không có số liệu nào được báo cáo trong kỳ." in texts(workbook[name]), name
        assert "Đơn vị" not in texts(workbook[name]), name


def test_ratings_annex_has_the_four_grade_shares_as_percent_numbers_beside_the_counts(demo_workbook):
    """The article prints 8,36 / 85,60 / 5,50 / 0,54 % for 2019's ratings (of 21.635 people): the annex holds
    them as numbers with a percent format (a ratio of the count to the total), not as text."""
    ws = demo_workbook["5. Chế độ công vụ"]
    expected = {
        "Tỷ lệ hoàn thành xuất sắc nhiệm vụ": Decimal("8.36"),
        "Tỷ lệ hoàn thành tốt nhiệm vụ": Decimal("85.60"),
        "Tỷ lệ hoàn thành nhiệm vụ": Decimal("5.50"),
        "Tỷ lệ không hoàn thành nhiệm vụ": Decimal("0.54"),
    }
    head = next(row for row in ws.iter_rows() if any(c.value == "Tỷ lệ hoàn thành xuất sắc nhiệm vụ" for c in row))
    columns = {c.value: c.column for c in head if c.value}
    row = next(
        row for row in ws.iter_rows(min_row=head[0].row + 1) if row[1].value == "CB"
    )  # the province's own rating row
    for header, percent in expected.items():
        cell = row[columns[header] - 1]
        assert isinstance(cell.value, int | float), header
        assert Decimal(str(cell.value * 100)).quantize(Decimal("0.01")) == percent, header
        assert cell.number_format.endswith("%"), (header, cell.number_format)
    assert row[columns["Hoàn thành xuất sắc nhiệm vụ"] - 1].value == 1809  # the counts stay beside them


def test_text_sheet_has_the_shortcomings_causes_and_tasks(demo_workbook):
    from seeds import cao_bang as cb

    content = texts(demo_workbook["Hạn chế, nhiệm vụ"])
    assert cb.Q1_2020_SHORTCOMINGS in content and cb.Q1_2020_CAUSES in content and cb.Q1_2020_TASKS in content
    assert {"Hạn chế", "Nguyên nhân", "Nhiệm vụ trọng tâm kỳ tới"} <= set(content)


def test_english_sheets_and_headers_when_the_language_is_english(demo, tmp_path):
    output = tmp_path / "report-en.xlsx"
    call_command("export_report", period="2020-Q1", output=str(output), language="en", verbosity=0)
    workbook = openpyxl.load_workbook(output)

    assert workbook.sheetnames[0] == "Summary" and workbook.sheetnames[-2:] == ["Legend", "About"]
    assert "3. Procedures" in workbook.sheetnames
    headers, rows = summary_table(workbook["Summary"])
    assert {"Unit", "Unit code", "Unit type", "On-time rate (%)"} <= set(headers)
    assert workbook["Summary"].cell(rows["total:CB"], headers["On-time rate (%)"]).value == pytest.approx(11881 / 12836)
    assert annex_value(workbook["3. Procedures"], "Received (including carried over)", "CB") == 14595
    assert "Data annex: Administrative procedure reform" in texts(workbook["3. Procedures"])
    assert translation.get_language() != "en"  # the command restores the language it found


@pytest.mark.parametrize("period", ["2020-H1", "2020-9M", "2020"])
def test_longer_periods_roll_up_the_quarters(demo, tmp_path, period):
    output = tmp_path / f"{period}.xlsx"
    call_command("export_report", period=period, output=str(output), verbosity=0)
    ws = openpyxl.load_workbook(output)["Tổng hợp"]
    headers, rows = summary_table(ws)

    assert ws.cell(rows["total:CB"], headers[ON_TIME]).value == pytest.approx(11881 / 12836)
    assert PeriodSpan.parse(period).label in ws["A2"].value


def test_csv_is_the_summary_grid_with_rates_as_on_screen_utf8_with_bom(demo, tmp_path):
    output = tmp_path / "report.csv"
    call_command("export_report", period="2020-Q1", output=str(output), verbosity=0)  # format from the suffix
    raw = output.read_bytes()

    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, total = rows[0], rows[-1]
    assert header[:3] == ["Đơn vị", "Mã đơn vị", "Loại đơn vị"]
    assert not any("[" in h for h in header)  # no internal codes
    column = header.index(ON_TIME)
    assert total[1] == "CB" and total[column] == "92,56%"  # 11881/12836, rounded as on screen
    assert total[header.index(RECEIVED)] == "14595"
    centre = next(r for r in rows if r[1] == "CB-TTPVHCC")
    assert centre[column] == "99,38%"  # 1604/1614
    assert next(r for r in rows if r[1] == "CB-SNV")[column] == ""  # missing, not 0
    assert all(";" not in cell for row in rows for cell in row[3:])


def test_docx_goes_to_the_narrative_report(demo, tmp_path):
    if importlib.util.find_spec("reports.narrative") is None:
        pytest.skip("reports.narrative (the narrative report) is not installed yet: the docx branch is wired to it")
    output = tmp_path / "report.docx"
    call_command("export_report", period="2020-Q1", format="docx", output=str(output), verbosity=0)

    assert zipfile.is_zipfile(output)
    assert "word/document.xml" in zipfile.ZipFile(output).namelist()


# --- the command's bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"period": "2020-Q5"}, "không hợp lệ"),
        ({"period": "1990"}, "Chưa có kỳ báo cáo"),
        ({"period": "2020-Q1", "scope": "KHONG-CO"}, "Không có đơn vị mã “KHONG-CO”"),
        ({"period": "2020-Q1", "user": "khong.co"}, "Không có tài khoản"),
        ({"period": "2020-Q1", "scope": "CB", "user": "canbo.hoaan"}, "không được xem đơn vị CB"),
    ],
)
def test_command_refuses_bad_input_with_a_message_and_writes_nothing(demo, tmp_path, options, message):
    output = tmp_path / "report.xlsx"
    with pytest.raises(CommandError, match=message):
        call_command("export_report", output=str(output), verbosity=0, **options)

    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder/report.xlsx", "."])
def test_command_refuses_an_output_path_it_cannot_write(demo, tmp_path, where):
    output = tmp_path / where
    with pytest.raises(CommandError, match="Không ghi được"):
        call_command("export_report", period="2020-Q1", output=str(output), verbosity=0)

    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_no_partial_file_and_keeps_the_old_one(demo, tmp_path, monkeypatch):
    output = tmp_path / "report.xlsx"
    output.write_bytes(b"the previous export")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("export_report", period="2020-Q1", output=str(output), verbosity=0)

    assert output.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_command_with_a_user_exports_what_that_user_sees(demo, tmp_path):
    output = tmp_path / "hoaan.xlsx"
    call_command("export_report", period="2020-Q1", user="canbo.hoaan", output=str(output), verbosity=0)
    ws = openpyxl.load_workbook(output)["Tổng hợp"]
    _headers, rows = summary_table(ws)

    assert list(rows) == ["CB-H-HOAAN"]  # a clerk: their own unit, no total row


# --- the download view ----------------------------------------------------------------------------


def enter_ledger(report, on_time: int, late: int, point: str = "Bộ phận một cửa"):
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": point,
                "received_total": on_time + late + 5,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "resolved_total": on_time + late,
                "pending_total": 5,
            }
        ],
        delete_ids=[],
    )


@pytest.fixture
def figures(cast, report_a, report_b):
    enter_ledger(report_a, 99, 1)
    enter_ledger(report_b, 80, 20)
    return submit(report_a, report_b)  # reported, not yet approved: the workbook marks them provisional


def download(client, user, **params):
    client.force_login(user)
    return client.get(reverse("scorecard_download"), params)


def test_manager_downloads_the_workbook_of_their_province(client, cast, figures):
    response = download(client, cast["manager"], period="2020-Q1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"] == 'attachment; filename="cchc-t-2020-q1.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers, rows = summary_table(workbook["Tổng hợp"])
    assert set(rows) == {"T-A", "T-B", "total:T"}
    ws = workbook["Tổng hợp"]
    assert ws.cell(rows["total:T"], headers[ON_TIME]).value == pytest.approx(179 / 200)  # from counts
    submitted = ws.cell(rows["T-A"], headers[ON_TIME])  # both reports are submitted: provisional, marked "*"
    assert submitted.value == pytest.approx(0.99) and submitted.number_format == '0.00%"*"'
    assert ws.cell(rows["T-A"], headers["Số liệu chưa duyệt"]).value == "có"
    procedures = workbook["3. Thủ tục hành chính"]
    assert annex_value(procedures, label(LedgerRow, "resolved_on_time"), "T-A") == 99
    assert annex_value(procedures, label(LedgerRow, "resolved_on_time"), None) == 179  # the units' total
    assert annex_value(procedures, label(LedgerRow, "received_total"), None) == 210


def test_download_as_csv_and_in_english(client, cast, figures):
    client.cookies["django_language"] = "en"
    response = download(client, cast["viewer"], period="2020-Q1", format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cchc-t-2020-q1.csv"'
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Unit,Unit code,Unit type,")
    assert "89.50%" in text and "0.895" not in text  # 179/200, as the English screen shows it


def test_clerk_b_cannot_download_unit_as_scope(client, cast, figures, unit_a):
    response = download(client, cast["clerk_b"], period="2020-Q1", scope=unit_a.pk)

    assert response.status_code == 403
    assert b"PK" not in response.content[:2]


def test_clerk_downloads_only_their_own_unit(client, cast, figures, unit_b):
    response = download(client, cast["clerk_b"], period="2020-Q1")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))

    _headers, rows = summary_table(workbook["Tổng hợp"])
    assert list(rows) == ["T-B"]
    procedures = workbook["3. Thủ tục hành chính"]
    assert annex_value(procedures, label(LedgerRow, "resolved_on_time"), "T-B") == 80
    assert "T-A" not in [c for row in procedures.iter_rows(values_only=True) for c in row]


@pytest.mark.parametrize("role", ["clerk_a", "clerk_b", "manager", "viewer", "admin"])
def test_without_parameters_every_signed_in_role_gets_the_current_quarters_workbook(client, cast, figures, role):
    client.force_login(cast[role])
    response = client.get(reverse("scorecard_download"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-2020-q1.xlsx"')


def test_anonymous_is_sent_to_the_login_page(client, figures):
    response = client.get(reverse("scorecard_download"), {"period": "2020-Q1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bad_period_goes_back_to_the_grid_and_bad_format_is_refused(client, cast, figures):
    response = download(client, cast["manager"], period="2020-Q9", format="xlsx")
    assert response.status_code == 302
    assert response["Location"] == reverse("scorecard_grid") + "?period=2020-Q9"

    response = download(client, cast["manager"], period="2020-Q1", format="pdf")
    assert response.status_code == 400
    assert "xlsx" in response.content.decode()


# --- queries do not grow with the units -------------------------------------------------------------


def _province_with(n: int, period) -> tuple[Unit, object]:
    province = services.unit_upsert(code=f"Q{n}", name=f"Tỉnh {n}", kind=UnitKind.PROVINCE)
    for i in range(n):
        unit = services.unit_upsert(code=f"Q{n}-{i:02d}", name=f"Sở {i:02d}", kind=UnitKind.DEPARTMENT, parent=province)
        report = services.report_get_or_create(unit=unit, period=period)
        enter_ledger(report, 50 + i, i)
    manager = make_user(f"manager{n}", province, Role.MANAGER)
    return province, manager


def _export_queries(province, manager) -> tuple[int, bytes]:
    span = PeriodSpan.parse("2020-Q1")
    # Both exports measured with Django's cache empty (scorecards, the monthly-section settings): otherwise the
    # first one pays the reads the second finds cached, and the counts differ for a reason other than units.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        scope = scope_of(manager, span, unit=province)
        data = exporters.export_data(span=span, scope=scope, user=manager)
        content = exporters.render(data, "xlsx")
    return len(queries), content


def test_query_count_does_not_grow_with_the_units(period):
    small = _export_queries(*_province_with(3, period))
    large = _export_queries(*_province_with(20, period))

    assert small[0] == large[0]
    rows = openpyxl.load_workbook(io.BytesIO(large[1]))["Tổng hợp"].max_row
    assert rows == 5 + 20 + 1


def test_a_large_export_runs_as_a_job_and_gives_the_same_file(
    client, cast, figures, django_capture_on_commit_callbacks
):
    direct = download(client, cast["manager"], period="2020-Q1", format="csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = download(client, cast["manager"], period="2020-Q1", format="csv", background="1")

    from jobs.models import Job

    job = Job.objects.get(kind="reports.export")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.state, job.user) == ("done", cast["manager"])
    page = client.get(response["Location"]).content.decode()
    assert reverse("job_download", args=[job.pk]) in page
    file = client.get(reverse("job_download", args=[job.pk]))
    assert file["Content-Disposition"] == direct["Content-Disposition"]  # the name the page would have given
    assert b"".join(file.streaming_content) == direct.content
    client.force_login(cast["clerk_a"])
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404  # the manager's file
