"""The Q1-2020 passages of the source article that the first seed left out (issue 18), entered through the
services the report page uses. Called from `seeds.load` while the province's Q1-2020 report is a draft, so a
second run (the report approved) changes nothing.

"UBND tỉnh phê duyệt đề án vị trí việc làm các đơn vị sự nghiệp công lập; phê duyệt đề án vị trí việc làm
thuộc Sở Y tế, Sở Giáo dục và Đào tạo, Sở Công Thương" — the article gives no decision numbers, so none is typed.
"""

from __future__ import annotations

import datetime as dt

from cchc.models import Report
from outreach import services as outreach_services
from outreach.choices import DocumentKind
from outreach.models import DirectionDocument
from personnel import services as personnel_services

Q1_2020_SCHEMES = [
    "các đơn vị sự nghiệp công lập",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
]


def save_q1_2020(report: Report) -> None:
    """The province's job-position schemes and direction documents of Q1 2020."""
    personnel_services.schemes_save(
        report=report,
        rows=[{"name": name, "decision_number": "", "decision_date": None} for name in Q1_2020_SCHEMES],
        delete_ids=[],
    )
    save_q1_2020_documents(report)


# "Ngày 04/02/2020, UBND tỉnh ban hành Công văn số 186/UBND-NC yêu cầu, đôn đốc các cơ quan, đơn vị triển khai
# thực hiện Kế hoạch CCHC năm 2020 của tỉnh …": the quarter's direction document with a number. The urgent
# telegram the Chairman signed has none in the article, so it stays out of the list.
Q1_2020_DOCUMENTS = [
    {
        "kind": DocumentKind.LETTER,
        "number": "186/UBND-NC",
        "issued_on": dt.date(2020, 2, 4),
        "issuer": "UBND tỉnh",
        "title": "yêu cầu, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch CCHC năm 2020 của tỉnh",
    },
]


def save_q1_2020_documents(report: Report) -> None:
    """The province's direction documents of Q1 2020; a document already entered (by number) is kept as is."""
    entered = set(DirectionDocument.objects.filter(report=report).values_list("number", flat=True))
    rows = [{"id": None, **row} for row in Q1_2020_DOCUMENTS if row["number"] not in entered]
    if rows:
        outreach_services.documents_save(report=report, rows=rows, delete_ids=[])
