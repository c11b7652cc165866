"""The direction documents block of the report page (clerk A, report A): saved through the real page with their
history, a number typed twice refused with a message naming the rows, and the rows under the approval lock."""

import datetime as dt

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from cchc.exceptions import ReportLockedError
from cchc.history import report_history
from outreach.choices import DocumentKind
from outreach.figures import direction_documents
from outreach.models import DirectionDocument
from tests.report_page import errors_on, post_page


def document_row(index=0, **values) -> dict:
    """Overrides for page_form_data typing `values` into direction documents row `index`."""
    defaults = {
        "kind": DocumentKind.LETTER,
        "number": "186/UBND-NC",
        "issued_on": "04/02/2020",
        "issuer": "UBND tỉnh",
        "title": "yêu cầu, đôn đốc triển khai Kế hoạch CCHC năm 2020",
    }
    defaults.update(values)
    return {f"direction_documents__{index}__{name}": str(value) for name, value in defaults.items()}


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


def test_a_clerk_lists_a_document_and_the_figure_layer_reads_it(client, clerk, report_a):
    response = post_page(client, report_a, **document_row())

    assert response.status_code == 302, errors_on(response)
    [row] = direction_documents([report_a.unit_id], [report_a.period])
    assert (row["kind_label"], row["number"], row["issued_on"]) == ("Công văn", "186/UBND-NC", dt.date(2020, 2, 4))
    assert (row["issuer"], row["report_id"]) == ("UBND tỉnh", report_a.pk)
    changes = [c for c in report_history(report_a) if c.model == "văn bản chỉ đạo, điều hành CCHC"]
    assert {c.field for c in changes} >= {"số, ký hiệu", "trích yếu"} and {c.user for c in changes} == {"An"}


def test_a_number_typed_twice_or_badly_is_refused_naming_the_field(client, clerk, report_a):
    response = post_page(
        client, report_a, direction_documents__TOTAL_FORMS="2", **document_row(0), **document_row(1, title="lần hai")
    )
    assert response.status_code == 400
    assert "Số, ký hiệu: dòng 2 nhập lại văn bản 186/UBND-NC của dòng 1." in errors_on(response)

    response = post_page(client, report_a, **document_row(0, number="186 UBND"))
    assert response.status_code == 400
    assert any("Số hiệu văn bản “186 UBND” không đúng định dạng" in e for e in errors_on(response)), errors_on(response)
    assert not DirectionDocument.objects.exists()


def test_the_rows_of_an_approved_report_cannot_be_written(client, clerk, report_a, approved_report_a):
    with pytest.raises(ReportLockedError):
        DirectionDocument(
            report=approved_report_a, kind="plan", number="1/KH-UBND", issued_on=dt.date(2020, 1, 2), title="CCHC"
        ).save()
    # Raw SQL skips Python: the database trigger refuses it (cchc/lockdb.py covers every ReportPart table).
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DirectionDocument._meta.db_table} (report_id, kind, number, issued_on, issuer, title, "
            "created_at, updated_at) VALUES (%s, 'plan', '1/KH-UBND', '2020-01-02', '', 'CCHC', %s, %s)",
            [approved_report_a.pk, dt.datetime(2020, 1, 2), dt.datetime(2020, 1, 2)],
        )
    assert not DirectionDocument.objects.exists()
