"""Helpers of the round-trip tests: a filled report, the workbook's cells by label, the database's state."""

import io

import openpyxl
from django.urls import reverse

from cchc import sections, services
from cchc.models import Report
from procedures import services as procedure_services

PROCEDURES_SHEET = "3. Cải cách thủ tục hành chính"


def fill(report, user):
    """Figures, one ledger row and the narrative, saved as the page saves them (report_update)."""

    def apply(locked):
        procedure_services.procedure_figures_save(
            report=locked, values={"procedures_in_force": 1820, "procedures_reduced": 35, "feedback_received": 4}
        )
        procedure_services.ledger_rows_save(
            report=locked,
            rows=[
                {
                    "id": None,
                    "reception_point": "Trung tâm Phục vụ hành chính công",
                    "carried_over": 10,
                    "received_new": 100,
                    "received_total": 110,
                    "resolved_on_time": 90,
                    "resolved_total": 90,
                    "pending_total": 20,
                }
            ],
            delete_ids=[],
        )
        locked.shortcomings = "Một số đơn vị gửi báo cáo chậm."

    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def download(client, report) -> bytes:
    response = client.get(reverse("roundtrip_download", args=[report.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cell_of(ws, label: str, column: int = 3):
    """The input cell on the row whose label (column A) is `label`."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return ws.cell(row=row[0].row, column=column)
    raise AssertionError(f"no row labelled {label!r} in sheet {ws.title!r}")


def table_cell(ws, first_value: str, header: str):
    """The cell of the table row whose first cell is `first_value`, in the column headed `header`."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == header:
                header_row, column = cell.row, cell.column
                for r in range(header_row + 1, ws.max_row + 1):
                    if ws.cell(row=r, column=1).value == first_value:
                        return ws.cell(row=r, column=column)
    raise AssertionError(f"no table row {first_value!r} with column {header!r}")


def upload(client, report, data: bytes, name: str = "bao-cao.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("roundtrip_upload", args=[report.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream")})


def confirm(client, report, token: str, choices: dict | None = None):
    data = {"token": token, **{f"choice:{k}": v for k, v in (choices or {}).items()}}
    return client.post(reverse("roundtrip_upload", args=[report.pk]), data)


def state(report) -> dict:
    """Everything an upload to `report` could write: its rows of every history table, and its version."""
    models = list(dict.fromkeys([*sections.history_models(), Report]))

    def records(model):
        rows = model.history.filter(**({"id": report.pk} if model is Report else {"report_id": report.pk}))
        return list(rows.order_by("history_id").values_list("history_id", flat=True))

    return {"version": Report.objects.get(pk=report.pk).version, **{m.__name__: records(m) for m in models}}


def texts(response) -> str:
    return response.content.decode()
