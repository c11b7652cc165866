"""List downloads (issue 17): real date cells in xlsx, dd/mm/yyyy in csv, a Vietnamese sheet name, and the
portal's one file-name pattern cchc-<scope>-<period>.<ext>."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from django.urls import reverse


def test_submissions_export_writes_deadlines_as_dates_in_a_named_sheet(client, cast, report_a, report_b, period):
    client.force_login(cast["manager"])
    url = reverse("report_submissions")

    response = client.get(url, {"period": period.pk, "_export": "xlsx"})

    assert response["Content-Disposition"].endswith('filename="cchc-tinh-hinh-gui-bao-cao-2020-q1.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tình hình gửi báo cáo"]
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    deadline = sheet.cell(2, header.index("Hạn gửi") + 1)
    assert deadline.is_date and deadline.value.date() == dt.date(2020, 3, 20)

    response = client.get(url, {"period": period.pk, "_export": "csv"})
    assert response["Content-Disposition"].endswith('filename="cchc-tinh-hinh-gui-bao-cao-2020-q1.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["Hạn gửi"] for row in rows} == {"20/03/2020"}


def test_my_reports_export_without_a_period_says_every_period(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    response = client.get(reverse("report_mine"), {"_export": "csv", "older": "1"})
    assert response["Content-Disposition"].endswith('filename="cchc-bao-cao-cua-toi-moi-ky.csv"')
