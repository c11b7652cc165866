"""The Q1-2020 passages of the source article that the first seed left out (issue 18), entered through the
services the report page uses. Called from `seeds.load` while the province's Q1-2020 report is a draft, so a
second run (the report approved) changes nothing.

"UBND tỉnh phê duyệt đề án vị trí việc làm các đơn vị sự nghiệp công lập; phê duyệt đề án vị trí việc làm
thuộc Sở Y tế, Sở Giáo dục và Đào tạo, Sở Công Thương" — the article gives no decision numbers, so none is typed.
"""

from __future__ import annotations

from cchc.models import Report
from personnel import services as personnel_services

Q1_2020_SCHEMES = [
    "các đơn vị sự nghiệp công lập",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
]


def save_q1_2020(report: Report) -> None:
    """The province's job-position schemes approved in Q1 2020."""
    personnel_services.schemes_save(
        report=report,
        rows=[{"name": name, "decision_number": "", "decision_date": None} for name in Q1_2020_SCHEMES],
        delete_ids=[],
    )
