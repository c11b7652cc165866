"""Published scorecards: frozen as reported, revisions numbered, as reported vs revised (issue 15).

The done-when scenario runs on the seeded Q1-2020 figures: publish, reopen the service centre's report and move
10 dossiers from on time to late, approve; the published page still reads 99,38 % and its files are the same
bytes, the live grid reads 98,76 % and marks the cell, the comparison lists the change with the reopen reason,
and a revision can be published.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc import services
from cchc.exceptions import NotAllowed
from cchc.models import Report, Unit
from procedures import services as procedure_services
from procedures.models import LedgerRow
from reports.builder import scorecard_build
from reports.periods import PeriodSpan
from reports.publishing import services as publishing
from reports.publishing import snapshot
from reports.publishing.models import ImmutableError, Publication, PublicationFile
from reports.tests.test_views import cell

Q1 = PeriodSpan.parse("2020-Q1")
ON_TIME = "tthc.on_time_rate"
REASON = "Trung tâm báo sai 10 hồ sơ trễ hạn (phát hiện khi đối chiếu phần mềm một cửa)."


@pytest.fixture
def seeded(demo_data):
    users = get_user_model().objects
    return {
        "manager": users.get(username="quanly.snv"),
        "clerk": users.get(username="canbo.tthcc"),
        "province": Unit.objects.get(code="CB"),
        "centre": Unit.objects.get(code="CB-TTPVHCC"),
    }


def move_ten_dossiers_to_late(seeded) -> Report:
    """Reopen the centre's Q1 report with a reason, correct the ledger (1.604 → 1.594 on time, 10 → 20 late)."""
    report = Report.objects.get(unit=seeded["centre"], period__year=2020, period__quarter=1)
    report = services.report_reopen(report=report, user=seeded["manager"], reason=REASON)
    row = LedgerRow.objects.get(report=report)
    assert (row.resolved_on_time, row.resolved_late) == (1604, 10)

    def apply(locked):
        procedure_services.ledger_rows_save(
            report=locked,
            rows=[
                {
                    "id": row.pk,
                    "reception_point": row.reception_point,
                    "received_total": row.received_total,
                    "resolved_on_time": 1594,
                    "resolved_late": 20,
                    "resolved_total": row.resolved_total,
                    "pending_total": row.pending_total,
                }
            ],
            delete_ids=[],
        )

    report = services.report_update(report=report, user=seeded["clerk"], expected_version=report.version, apply=apply)
    report = services.report_submit(report=report, user=seeded["clerk"])
    return services.report_approve(report=report, user=seeded["manager"])


def test_published_scorecard_stays_as_reported_after_a_report_is_corrected(client, seeded):
    manager = seeded["manager"]
    publication = publishing.publication_publish(user=manager, span=Q1, scope_unit=seeded["province"])
    files = {f.kind: bytes(f.content) for f in publication.files.all()}
    assert set(files) == {"xlsx", "docx"} and publication.revision == 1

    move_ten_dossiers_to_late(seeded)
    name = seeded["centre"].name
    Unit.objects.filter(pk=seeded["centre"].pk).update(name="Trung tâm (tên mới)")  # renamed since

    client.force_login(manager)
    page = client.get(reverse("publication_detail", args=[publication.pk])).content.decode()
    assert cell(page, "CB-TTPVHCC", ON_TIME)["text"] == "99,38%"
    assert name in page and "Trung tâm (tên mới)" not in page
    assert 'id="publication-intact">nguyên vẹn' in re.sub(r"\s+", " ", page).replace("> ", ">")
    for kind, content in files.items():
        response = client.get(reverse("publication_file", args=[publication.pk]), {"tep": kind})
        assert response.status_code == 200 and response.content == content, kind

    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q1"}).content.decode()
    live = cell(grid, "CB-TTPVHCC", ON_TIME)
    assert live["text"] == "98,76%"
    assert "revised-mark" in live["html"]
    assert "revised-mark" not in cell(grid, "CB", ON_TIME)["html"]  # the province's own figure is unchanged

    compare = client.get(reverse("publication_compare", args=[publication.pk])).content.decode()
    row = re.search(r'<tr data-unit="CB-TTPVHCC" data-code="tthc.on_time_rate">(.*?)</tr>', compare, re.S).group(1)
    assert "99,38%" in row and "98,76%" in row and "1.604 / 1.614" in row and "1.594 / 1.614" in row
    assert REASON in row

    with pytest.raises(ValidationError, match="Lý do công bố lại"):
        publishing.publication_publish(user=manager, span=Q1, scope_unit=seeded["province"])
    revision = publishing.publication_publish(
        user=manager, span=Q1, scope_unit=seeded["province"], reason="Sửa số hồ sơ trễ hạn của Trung tâm."
    )
    assert revision.revision == 2
    page = client.get(reverse("publication_detail", args=[revision.pk])).content.decode()
    assert cell(page, "CB-TTPVHCC", ON_TIME)["text"] == "98,76%"
    # The first publication stays as it was, listed beside the revision.
    page = client.get(reverse("publication_detail", args=[publication.pk])).content.decode()
    assert cell(page, "CB-TTPVHCC", ON_TIME)["text"] == "99,38%"
    assert "Đã có lần công bố sau thay thế bản này." in page
    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q1"}).content.decode()
    assert "revised-mark" not in cell(grid, "CB-TTPVHCC", ON_TIME)["html"]  # the grid now agrees with revision 2


def test_revised_workbook_has_a_sheet_of_differences(client, seeded):
    publication = publishing.publication_publish(user=seeded["manager"], span=Q1, scope_unit=seeded["province"])
    move_ten_dossiers_to_late(seeded)
    client.force_login(seeded["manager"])

    response = client.get(reverse("publication_revised", args=[publication.pk]))

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Chênh lệch"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    centre = [r for r in rows if r[1] == "CB-TTPVHCC" and r[2] and "đúng hạn" in r[2].lower()]
    assert centre and centre[0][3:5] == ["99,38%", "98,76%"]
    assert REASON in centre[0][7]


def test_snapshot_round_trip_keeps_every_cell(seeded):
    units = [seeded["centre"]]
    card = scorecard_build(span=Q1, units=units, total_unit=seeded["province"])
    back = snapshot.scorecard_from_json(snapshot.scorecard_to_json(card))
    assert back.rows[0].cells[ON_TIME] == card.rows[0].cells[ON_TIME]
    assert back.total.cells == card.total.cells
    assert back.columns == card.columns and back.span == card.span


# --- immutability, permissions --------------------------------------------------------------------


@pytest.fixture
def published(cast, province, period):
    return publishing.publication_publish(user=cast["manager"], span=Q1, scope_unit=province)


def test_a_publication_cannot_be_changed_or_deleted(published):
    published.reason = "sửa"
    with pytest.raises(ImmutableError):
        published.save()
    with pytest.raises(ImmutableError):
        published.delete()
    stored = published.files.first()
    with pytest.raises(ImmutableError):
        stored.save()
    with pytest.raises(ImmutableError):
        Publication.objects.filter(pk=published.pk).update(reason="sửa")
    with pytest.raises(ImmutableError):
        PublicationFile.objects.all().delete()
    assert Publication.objects.count() == 1 and PublicationFile.objects.count() >= 1
    assert publishing.publication_verify(published)


def test_only_managers_of_the_scope_publish(cast, province, unit_a, period):
    for role in ("clerk_a", "viewer"):
        with pytest.raises(NotAllowed):
            publishing.publication_publish(user=cast[role], span=Q1, scope_unit=province)
    assert publishing.publication_publish(user=cast["admin"], span=Q1, scope_unit=unit_a).revision == 1


def test_a_span_without_period_is_refused_with_a_message(cast, province, period):
    with pytest.raises(ValidationError, match="chưa có kỳ báo cáo 2031-Q1"):
        publishing.publication_publish(user=cast["manager"], span=PeriodSpan.parse("2031-Q1"), scope_unit=province)


@pytest.mark.parametrize(("role", "status"), [("manager", 200), ("viewer", 200), ("clerk_a", 403), ("admin", 200)])
def test_published_page_is_scoped(client, cast, published, role, status):
    client.force_login(cast[role])
    assert client.get(reverse("publication_detail", args=[published.pk])).status_code == status
    assert client.get(reverse("publication_compare", args=[published.pk])).status_code == status
    assert client.get(reverse("publication_file", args=[published.pk]), {"tep": "xlsx"}).status_code == status


def test_publish_form_posts_a_publication_and_refuses_a_revision_without_reason(client, cast, province, period):
    client.force_login(cast["manager"])
    url = reverse("publication_create") + "?period=2020-Q1"
    response = client.post(url, {"scope": province.pk, "reason": ""})
    publication = Publication.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("publication_detail", args=[publication.pk])
    response = client.post(url, {"scope": province.pk, "reason": ""}, follow=True)
    assert "Lý do công bố lại: bắt buộc nhập" in response.content.decode()
    assert Publication.objects.count() == 1
    client.force_login(cast["viewer"])
    assert client.post(url, {"scope": province.pk, "reason": "x"}).status_code == 403


def test_two_publications_in_a_row_get_consecutive_revisions(cast, province, period):
    """SQLite serialises writers: publishing one after the other numbers 1, 2, 3."""
    revisions = [
        publishing.publication_publish(user=cast["manager"], span=Q1, scope_unit=province, reason=f"lần {n}").revision
        for n in range(3)
    ]
    assert revisions == [1, 2, 3]


def test_admin_reads_publications_and_their_history_but_cannot_change_them(client, cast, published):
    client.force_login(cast["admin"])
    base = "/quan-tri/reports/publication/"
    assert client.get(base).status_code == 200
    page = client.get(f"{base}{published.pk}/change/")
    assert page.status_code == 200 and published.checksum in page.content.decode()
    assert client.get(f"{base}{published.pk}/history/").status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{published.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/quan-tri/reports/correctiveaction/").status_code == 200


def test_a_revision_number_taken_meanwhile_is_retried_not_duplicated(cast, province, period, monkeypatch):
    """The unique constraint backs the lock: a number read stale collides, and the next attempt takes the next."""
    publishing.publication_publish(user=cast["manager"], span=Q1, scope_unit=province)
    real, calls = publishing._latest_revision, []

    def stale_once(scope_unit, span):
        calls.append(span)
        return 0 if len(calls) == 1 else real(scope_unit, span)  # the first read inside the lock is stale

    monkeypatch.setattr(publishing, "_latest_revision", stale_once)
    again = publishing.publication_publish(user=cast["manager"], span=Q1, scope_unit=province, reason="Sửa số liệu.")

    assert again.revision == 2 and len(calls) == 2
    assert sorted(Publication.objects.values_list("revision", flat=True)) == [1, 2]


def test_the_published_page_reads_in_english_when_chosen(client, cast, published, settings):
    client.force_login(cast["manager"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("publication_detail", args=[published.pk])).content.decode()

    assert "Publications of this period and scope" in page and "Compare with today's figures" in page
