"""The "Thủ tục hành chính" section of the report page, posted as a browser would (clerk A, report A).

Figures and the one-stop ledger are saved through the real page; every bad input is refused with a
Vietnamese message naming the field (status 400, nothing saved); the identity is a warning in a draft
and blocks submission; the carry-over is compared with the previous quarter; registers pre-fill the
figures; an approved report cannot change; the history names ledger changes.
"""

import datetime as dt
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services as cchc_services
from cchc.choices import ReportStatus, Role, UnitKind
from cchc.models import Report
from cchc.selectors import explanations_get
from conftest import _FormParser, fill_narrative, make_user, page_form_data
from procedures import services
from procedures.choices import DecisionKind, ProcedureLevel
from procedures.models import LedgerRow, ProcedureFigures
from tests.report_page import (
    assert_refused,
    checks_on,
    errors_on,
    explanation_field,
    post_page,
    submit_checks_on,
    text,
    texts_of,
    url_of,
    warnings_on,
)

SECTION = "Cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông"
POINT = "Trung tâm Phục vụ hành chính công tỉnh"
# The source's figures for the province's public service centre: the identity holds (1.614 + 470 = 2.084).
CENTRE = {
    "reception_point": POINT,
    "received_total": 2084,
    "resolved_on_time": 1604,
    "resolved_late": 10,
    "resolved_total": 1614,
    "pending_total": 470,
}


def row(index: int = 0, **values) -> dict:
    """Overrides for page_form_data typing `values` into ledger row `index`."""
    return {f"ledger__{index}__{name}": "" if value is None else str(value) for name, value in values.items()}


def centre(index: int = 0, **changes) -> dict:
    return row(index, **{**CENTRE, **changes})


def history_rows(response) -> list[list[str]]:
    """The history table's rows as lists of cell texts."""

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.rows, self.cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.cell = []

        def handle_endtag(self, tag):
            if tag == "td" and self.cell is not None:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    parser = Rows()
    parser.feed(response.content.decode())
    return [r for r in parser.rows if r]


def ledger_save(report: Report, user, *rows: dict) -> Report:
    """Write ledger rows the way the page does: through the section's service, inside report_update."""
    return cchc_services.report_update(
        report=report,
        user=user,
        expected_version=report.version,
        apply=lambda locked: services.ledger_rows_save(report=locked, rows=list(rows), delete_ids=[]),
    )


def snapshot(report: Report) -> tuple:
    """What a refused post must leave untouched."""
    report = Report.objects.get(pk=report.pk)
    return (
        report.version,
        report.status,
        list(LedgerRow.objects.filter(report=report).order_by("pk").values()),
        list(ProcedureFigures.objects.filter(report=report).values()),
    )


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


# --- saving ---------------------------------------------------------------------------------------


def test_clerk_saves_figures_and_a_ledger_row(client, clerk, report_a):
    response = post_page(
        client,
        report_a,
        procedures__procedures_in_force="1803",
        procedures__procedures_reduced="412",
        procedures__communes_on_one_stop="161",
        procedures__communes_total="161",
        procedures__feedback_received="12",
        procedures__feedback_handled="12",
        **centre(
            carried_over=120,
            received_new=1964,
            new_in_person=1500,
            new_online=460,
            new_postal=4,
            resolved_early=0,
            pending_within=460,
            pending_overdue=10,
            returned_withdrawn=0,
        ),
    )
    assert response.status_code == 302, errors_on(response)
    assert response.url == url_of(report_a)
    page = client.get(response.url)
    assert "Đã lưu nháp." in text(page)
    assert not any(POINT in w for w in warnings_on(page))  # the identity holds: nothing to warn about

    figures = ProcedureFigures.objects.get(report=report_a)
    assert (figures.procedures_in_force, figures.procedures_reduced) == (1803, 412)
    assert (figures.communes_on_one_stop, figures.communes_total) == (161, 161)
    assert (figures.feedback_received, figures.feedback_handled, figures.feedback_pending) == (12, 12, None)
    assert figures.decisions_publishing is None  # not reported is not 0

    [ledger] = LedgerRow.objects.filter(report=report_a)
    assert ledger.reception_point == POINT
    assert (ledger.carried_over, ledger.received_new, ledger.received_total) == (120, 1964, 2084)
    assert (ledger.new_in_person, ledger.new_online, ledger.new_postal) == (1500, 460, 4)
    assert (ledger.resolved_early, ledger.resolved_on_time, ledger.resolved_late) == (0, 1604, 10)
    assert (ledger.resolved_total, ledger.pending_within, ledger.pending_overdue) == (1614, 460, 10)
    assert (ledger.pending_total, ledger.returned_withdrawn, ledger.source) == (470, 0, "typed")
    assert Report.objects.get(pk=report_a.pk).version == report_a.version + 1

    # The saved row is shown again, with an empty row to add the next reception point.
    data = page_form_data(client, url_of(report_a))
    assert data["ledger-0-reception_point"] == POINT and data["ledger-0-received_total"] == "2084"
    assert data["ledger-TOTAL_FORMS"] == "2" and data["ledger-1-reception_point"] == ""


def test_totals_only_are_enough_every_split_is_optional(client, clerk, report_a):
    response = post_page(
        client, report_a, **row(reception_point=POINT, received_total=2084, resolved_total=1614, pending_total=470)
    )
    assert response.status_code == 302, errors_on(response)
    ledger = LedgerRow.objects.get(report=report_a)
    assert ledger.resolved_on_time is None and ledger.new_online is None and ledger.carried_over is None


def test_channels_without_new_total_fill_it_in(client, clerk, report_a):
    response = post_page(client, report_a, **centre(new_in_person=2000, new_online=84))
    assert response.status_code == 302, errors_on(response)
    assert LedgerRow.objects.get(report=report_a).received_new == 2084


def test_an_untouched_page_saves_no_empty_rows_or_figures(client, clerk, report_a):
    response = post_page(client, report_a)
    assert response.status_code == 302, errors_on(response)
    assert not LedgerRow.objects.filter(report=report_a).exists()
    assert not ProcedureFigures.objects.filter(report=report_a).exists()


def test_a_second_reception_point_is_a_second_row(client, clerk, cast, report_a):
    ledger_save(report_a, cast["clerk_a"], dict(CENTRE))
    response = post_page(
        client,
        report_a,
        **row(
            1,
            reception_point="Bộ phận một cửa UBND huyện Hà Quảng",
            received_total=10,
            resolved_total=9,
            pending_total=1,
        ),
    )
    assert response.status_code == 302, errors_on(response)
    assert list(LedgerRow.objects.filter(report=report_a).values_list("reception_point", flat=True)) == [
        POINT,
        "Bộ phận một cửa UBND huyện Hà Quảng",
    ]


def test_clerk_edits_a_saved_row(client, clerk, cast, report_a):
    ledger_save(report_a, cast["clerk_a"], dict(CENTRE))
    report_a.refresh_from_db()
    response = post_page(client, report_a, **row(resolved_on_time=1600, resolved_early=4))
    assert response.status_code == 302, errors_on(response)
    ledger = LedgerRow.objects.get(report=report_a)
    assert (ledger.resolved_early, ledger.resolved_on_time) == (4, 1600)


def test_deleting_a_ledger_row_removes_it(client, clerk, cast, report_a):
    ledger_save(report_a, cast["clerk_a"], dict(CENTRE), {**CENTRE, "reception_point": "Bộ phận một cửa huyện"})
    report_a.refresh_from_db()
    response = post_page(client, report_a, ledger__0__DELETE="on")
    assert response.status_code == 302, errors_on(response)
    assert list(LedgerRow.objects.filter(report=report_a).values_list("reception_point", flat=True)) == [
        "Bộ phận một cửa huyện"
    ]


# --- bad input: a message naming the field, status 400, nothing saved ------------------------------

BAD_INPUT = {
    "negative count": (centre(pending_total=-1), "Đang giải quyết: không được âm."),
    "negative split": (centre(resolved_early=-1, resolved_on_time=1605), "Giải quyết trước hạn: không được âm."),
    "negative figure": ({"procedures__feedback_received": "-3"}, "Số phản ánh, kiến nghị tiếp nhận: không được âm."),
    "not a number": (centre(received_total="abc"), "Tiếp nhận (kể cả kỳ trước chuyển sang): phải là số nguyên."),
    "not a number, figure": ({"procedures__communes_total": "mười"}, "Tổng số xã: phải là số nguyên."),
    "a decimal": (centre(resolved_late="1,5"), "Giải quyết trễ hạn: phải là số nguyên."),
    # A part above its whole is impossible: refused even in a draft (the checks policy's ERROR).
    "a channel above new": (
        centre(received_new=100, new_in_person=50, new_online=101),
        "Mới: trực tuyến (101) không được lớn hơn Tiếp nhận mới (100).",
    ),
    "an online level above online": (
        centre(received_new=100, new_online=30, new_online_full=31),
        "Trực tuyến: toàn trình (mức độ 4) (31) không được lớn hơn Mới: trực tuyến (30).",
    ),
    "other outcomes above received": (
        centre(other_outcomes=2085),
        "Kết quả khác (2.085) không được lớn hơn Tiếp nhận (kể cả kỳ trước chuyển sang) (2.084).",
    ),
    "returned above received": (
        centre(returned_withdrawn=2085),
        "Trả lại, rút hồ sơ (2.085) không được lớn hơn Tiếp nhận (kể cả kỳ trước chuyển sang) (2.084).",
    ),
    "received missing": (centre(received_total=None), "Tiếp nhận (kể cả kỳ trước chuyển sang): bắt buộc nhập."),
    "resolved missing": (centre(resolved_total=None), "Đã giải quyết: bắt buộc nhập."),
    "pending missing": (centre(pending_total=None), "Đang giải quyết: bắt buộc nhập."),
    "reception point missing": (centre(reception_point=""), "Nơi tiếp nhận: bắt buộc nhập."),
    "reduced > in force": (
        {"procedures__procedures_in_force": "10", "procedures__procedures_reduced": "11"},
        "Số TTHC cắt giảm thời hạn không được lớn hơn số TTHC đang thực hiện.",
    ),
    "communes on one-stop > communes": (
        {"procedures__communes_on_one_stop": "162", "procedures__communes_total": "161"},
        "Số xã triển khai không được lớn hơn tổng số xã.",
    ),
    "handled > received feedback": (
        {"procedures__feedback_received": "3", "procedures__feedback_handled": "4"},
        "Số phản ánh đã xử lý không được lớn hơn số tiếp nhận.",
    ),
}


@pytest.mark.parametrize("overrides, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
@pytest.mark.parametrize("action", ["save", "submit"])
def test_bad_input_names_the_field_and_saves_nothing(client, clerk, report_a, overrides, message, action):
    response = assert_refused(client, report_a, snapshot, message=message, action=action, **overrides)
    # What the clerk typed stays in the form, to be corrected.
    for key, value in overrides.items():
        assert f'name="{key.replace("__", "-")}"' in text(response)
        assert f'value="{value}"' in text(response) or value == ""


def test_a_bad_row_beside_a_good_one_saves_neither(client, clerk, report_a):
    before = snapshot(report_a)
    response = post_page(
        client,
        report_a,
        procedures__procedures_in_force="1803",
        ledger__TOTAL_FORMS="2",
        **centre(),
        **row(1, **{**CENTRE, "reception_point": "Huyện", "pending_total": -1}),
    )
    assert response.status_code == 400
    assert "Đang giải quyết: không được âm." in errors_on(response)
    assert snapshot(report_a) == before


def _duplicate_point_overrides():
    return {"ledger__TOTAL_FORMS": "2", **centre(), **centre(1)}


def test_the_same_reception_point_twice_is_refused(client, clerk, report_a):
    before = snapshot(report_a)
    response = post_page(client, report_a, **_duplicate_point_overrides())
    assert response.status_code == 400
    assert errors_on(response)[0] == "Chưa lưu: hãy sửa các ô báo lỗi bên dưới." and len(errors_on(response)) > 1
    assert snapshot(report_a) == before


def test_a_new_row_repeating_a_saved_reception_point_is_refused(client, clerk, cast, report_a):
    ledger_save(report_a, cast["clerk_a"], dict(CENTRE))
    report_a.refresh_from_db()
    before = snapshot(report_a)
    response = post_page(client, report_a, **centre(1, pending_total=470))
    assert response.status_code == 400
    assert len(errors_on(response)) > 1
    assert snapshot(report_a) == before


def test_the_same_reception_point_twice_is_named_in_vietnamese(client, clerk, report_a):
    response = post_page(client, report_a, **_duplicate_point_overrides())
    errors = errors_on(response)
    assert not any("reception_point" in e for e in errors), errors
    assert any(e.startswith("Nơi tiếp nhận") for e in errors), errors


@pytest.mark.parametrize("part, label", [("carried_over", "Kỳ trước chuyển sang"), ("received_new", "Tiếp nhận mới")])
def test_a_part_above_its_total_names_the_part(client, clerk, report_a, part, label):
    before = snapshot(report_a)
    response = post_page(client, report_a, **centre(**{part: 2085}))
    assert response.status_code == 400
    assert snapshot(report_a) == before
    assert any(e.startswith(label) for e in errors_on(response)), errors_on(response)


def test_figure_errors_keep_the_labels_capitals(client, clerk, report_a):
    response = post_page(client, report_a, procedures__procedures_in_force="abc")
    assert "Số TTHC đang thực hiện: phải là số nguyên." in errors_on(response), errors_on(response)


# --- identity: a warning in a draft, an error at submission -----------------------------------------

IDENTITY = "Số tiếp nhận (2.084) phải bằng đã giải quyết + đang giải quyết + trả lại, rút + kết quả khác (2.085)."


def test_identity_mismatch_saves_as_a_draft_with_a_warning(client, clerk, report_a):
    response = post_page(client, report_a, **centre(pending_total=471))
    assert response.status_code == 302, errors_on(response)
    assert LedgerRow.objects.get(report=report_a).pending_total == 471
    page = client.get(response.url)
    assert f"{POINT}: {IDENTITY}" in checks_on(page, section="procedures")
    assert any("Phải khớp trước khi gửi" in w for w in warnings_on(page, section="procedures"))
    # The list of what blocks submission already says it, before the clerk tries.
    assert f"{SECTION}: {POINT}: {IDENTITY}" in " ".join(submit_checks_on(page))


def test_identity_mismatch_refuses_submission_with_the_message(client, clerk, report_a):
    response = post_page(client, report_a, action="submit", **centre(pending_total=471))
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Đã lưu nháp nhưng chưa gửi được:" in text(page)
    assert f"{SECTION}: {POINT}: {IDENTITY}" in errors_on(page)
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.DRAFT and report.submitted_at is None
    assert LedgerRow.objects.get(report=report_a).pending_total == 471  # the draft was kept

    # Corrected, it goes.
    response = post_page(client, report_a, action="submit", **row(pending_total=470))
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_returned_and_withdrawn_count_in_the_identity(client, clerk, report_a):
    response = post_page(client, report_a, action="submit", **centre(pending_total=465, returned_withdrawn=5))
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


# --- carry-over against the previous quarter --------------------------------------------------------


@pytest.fixture
def previous_quarter(cast, unit_a):
    """Q4-2019 of unit A: the centre ended it with 470 dossiers pending, the district point with 5."""
    previous = cchc_services.period_upsert(year=2019, quarter=4)
    report = cchc_services.report_get_or_create(unit=unit_a, period=previous)
    return ledger_save(
        report,
        cast["clerk_a"],
        {**CENTRE, "received_total": 2000, "resolved_on_time": 1520, "pending_total": 470},
        {"reception_point": "Bộ phận một cửa huyện", "received_total": 9, "resolved_total": 4, "pending_total": 5},
    )


CARRY = f"{POINT}: kỳ trước chuyển sang 400 hồ sơ, nhưng cuối kỳ trước còn 470 hồ sơ đang giải quyết."
CARRY_CODE = f"procedures.ledger.carry_over:{POINT}"


def test_carry_over_equal_to_the_previous_pending_is_silent(client, clerk, report_a, previous_quarter):
    response = post_page(client, report_a, action="submit", **centre(carried_over=470, received_new=1614))
    page = client.get(response.url)
    assert "Đã gửi báo cáo." in text(page)
    assert not any("kỳ trước chuyển sang" in c for c in checks_on(page))


def test_carry_over_differing_from_the_previous_pending_must_be_explained(
    client, clerk, cast, report_a, unit_b, previous_quarter
):
    # Another unit's previous quarter never counts.
    other = cchc_services.report_get_or_create(unit=unit_b, period=previous_quarter.period)
    ledger_save(other, cast["clerk_b"], {**CENTRE, "pending_total": 400, "received_total": 2014})

    response = post_page(client, report_a, **centre(carried_over=400, received_new=1684))
    assert response.status_code == 302, errors_on(response)
    page = client.get(response.url)
    assert CARRY in checks_on(page)
    assert sum("kỳ trước chuyển sang" in c for c in checks_on(page)) == 1

    # Submission is refused until the difference is explained.
    response = post_page(client, report_a, action="submit")
    page = client.get(response.url)
    assert "Đã lưu nháp nhưng chưa gửi được:" in text(page)
    assert f"{SECTION}: {CARRY} Hãy sửa số liệu hoặc ghi giải trình." in errors_on(page)
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT

    # A blank explanation (spaces) is no explanation.
    response = post_page(client, report_a, action="submit", **{explanation_field("procedures", CARRY_CODE): "   "})
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT

    note = "400 hồ sơ chuyển sang; 70 hồ sơ đã được công dân rút trong kỳ nghỉ Tết."
    response = post_page(client, report_a, action="submit", **{explanation_field("procedures", CARRY_CODE): note})
    page = client.get(response.url)
    assert "Đã gửi báo cáo." in text(page)
    assert CARRY in checks_on(page)  # still shown, with its explanation
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.SUBMITTED
    assert explanations_get(report=report) == {CARRY_CODE: note}


def test_a_reception_point_new_this_quarter_is_not_compared(client, clerk, report_a, previous_quarter):
    response = post_page(
        client,
        report_a,
        action="submit",
        **centre(reception_point="Điểm tiếp nhận mới", carried_over=3, received_new=2081),
    )
    assert "Đã gửi báo cáo." in text(client.get(response.url))


# --- pre-fill from the registers ------------------------------------------------------------------


def _procedure(code: str, statutory: str, current: str):
    return services.procedure_upsert(
        code=code,
        name=f"Thủ tục {code}",
        field="Tư pháp",
        level=ProcedureLevel.PROVINCE,
        unit_kind=UnitKind.DEPARTMENT,
        statutory_days=Decimal(statutory),
        current_days=Decimal(current),
    )


@pytest.fixture
def catalogue(db):
    return [_procedure("1.001234", "10", "10"), _procedure("1.001235", "15", "10"), _procedure("1.001236", "5", "5")]


@pytest.fixture
def province_clerk(province):
    return make_user("clerk_t", province, Role.CLERK, first_name="Tâm")


def test_the_province_report_shows_the_catalogue_figures(client, province, period, catalogue, province_clerk):
    report = cchc_services.report_get_or_create(unit=province, period=period)
    client.force_login(province_clerk)
    response = client.get(url_of(report))
    assert response.status_code == 200
    page = text(response)
    assert "Theo sổ đăng ký: 3" in page and "Theo sổ đăng ký: 1" in page


def test_the_province_report_is_prefilled_from_the_catalogue(client, province, period, catalogue, province_clerk):
    report = cchc_services.report_get_or_create(unit=province, period=period)
    client.force_login(province_clerk)
    data = page_form_data(client, url_of(report))
    assert data["procedures-procedures_in_force"] == "3"
    assert data["procedures-procedures_reduced"] == "1"

    # Saved as they stand, the register's figures become the report's, with no warning.
    response = post_page(client, report)
    assert response.status_code == 302, errors_on(response)
    figures = ProcedureFigures.objects.get(report=report)
    assert (figures.procedures_in_force, figures.procedures_reduced) == (3, 1)
    assert not any("sổ đăng ký" in w for w in warnings_on(client.get(url_of(report))))


def test_a_departments_report_is_not_prefilled_from_the_provinces_catalogue(client, clerk, report_a, catalogue):
    data = page_form_data(client, url_of(report_a))
    assert data["procedures-procedures_in_force"] == "" and data["procedures-procedures_reduced"] == ""
    assert "Theo sổ đăng ký" not in text(client.get(url_of(report_a)))


@pytest.fixture
def decisions(unit_a, unit_b):
    """Unit A's decisions: one approving 3 workflows and one publishing in Q1-2020; one of Q4-2019."""
    approving = services.decision_upsert(
        number="12/QĐ-UBND",
        issued_on=dt.date(2020, 2, 10),
        issuer=unit_a,
        kind=DecisionKind.WORKFLOWS,
        title="Phê duyệt quy trình nội bộ",
    )
    services.workflows_set(decision=approving, names=["Quy trình 1", "Quy trình 2", "Quy trình 3"])
    services.decision_upsert(
        number="15/QĐ-UBND", issued_on=dt.date(2020, 3, 31), issuer=unit_a, kind=DecisionKind.PUBLISH
    )
    earlier = services.decision_upsert(
        number="99/QĐ-UBND", issued_on=dt.date(2019, 12, 31), issuer=unit_a, kind=DecisionKind.WORKFLOWS
    )
    services.workflows_set(decision=earlier, names=["Quy trình cũ"])
    other = services.decision_upsert(
        number="7/QĐ-STP", issued_on=dt.date(2020, 1, 5), issuer=unit_b, kind=DecisionKind.WORKFLOWS
    )
    services.workflows_set(decision=other, names=["Quy trình của Sở Tư pháp"])


def test_decisions_of_the_unit_in_the_quarter_are_shown_as_the_register(client, clerk, report_a, decisions):
    page = text(client.get(url_of(report_a)))
    assert "Theo sổ đăng ký: 3" in page  # workflows approved
    assert page.count("Theo sổ đăng ký: 1") == 2  # decisions approving workflows, decisions publishing


def test_decisions_of_the_unit_in_the_quarter_prefill_the_figures(client, clerk, report_a, decisions):
    data = page_form_data(client, url_of(report_a))
    assert data["procedures-decisions_workflows"] == "1"
    assert data["procedures-workflows_approved"] == "3"
    assert data["procedures-decisions_publishing"] == "1"
    assert data["procedures-procedures_in_force"] == ""


def test_a_typed_figure_differing_from_the_register_is_a_warning(client, clerk, report_a, decisions):
    response = post_page(client, report_a, procedures__workflows_approved="5")
    assert response.status_code == 302, errors_on(response)
    assert ProcedureFigures.objects.get(report=report_a).workflows_approved == 5
    page = client.get(response.url)
    assert "Số quy trình nội bộ được phê duyệt: số nhập 5 khác sổ đăng ký 3." in warnings_on(page)
    assert "Theo sổ đăng ký: 3" in text(page)
    # Only a warning: the report is submitted.
    response = post_page(client, report_a, action="submit")
    assert "Đã gửi báo cáo." in text(client.get(response.url))


def test_register_warning_keeps_the_labels_capitals(client, province, period, catalogue, province_clerk):
    report = cchc_services.report_get_or_create(unit=province, period=period)
    client.force_login(province_clerk)
    response = post_page(client, report, procedures__procedures_in_force="5")
    assert response.status_code == 302, errors_on(response)
    assert "Số TTHC đang thực hiện: số nhập 5 khác sổ đăng ký 3." in warnings_on(client.get(response.url))


# --- lock, history, queries -------------------------------------------------------------------------


def test_an_approved_reports_section_cannot_be_changed(client, clerk, cast, report_a):
    response = post_page(client, report_a, procedures__procedures_in_force="1803", **centre())
    assert response.status_code == 302, errors_on(response)
    data = page_form_data(client, url_of(report_a))  # what the clerk's open tab would post later
    report = fill_narrative(Report.objects.get(pk=report_a.pk), clerk)
    report = cchc_services.report_submit(report=report, user=clerk)
    report = cchc_services.report_approve(report=report, user=cast["manager"])
    before = snapshot(report)

    # The page shows the figures as the read document (issue 17), with no input and no save button.
    page = client.get(url_of(report))
    assert "Lưu nháp" not in text(page)
    assert 'id="read-procedures"' in text(page) and 'name="ledger-0-received_total"' not in text(page)

    data.update(
        {
            "action": "save",
            "version": str(report.version),
            "ledger-0-pending_total": "1",
            "ledger-0-DELETE": "on",
            "procedures-procedures_in_force": "1",
        }
    )
    assert client.post(url_of(report), data).status_code == 403
    data["action"] = "submit"
    assert client.post(url_of(report), data).status_code == 403
    assert snapshot(report) == before


def test_history_lists_a_ledger_change(client, clerk, cast, report_a):
    response = post_page(client, report_a, **centre())
    assert response.status_code == 302, errors_on(response)
    response = post_page(client, report_a, **row(pending_total=471, received_total=2085))
    assert response.status_code == 302, errors_on(response)

    client.force_login(cast["manager"])
    rows = history_rows(client.get(reverse("report_history", args=[report_a.pk])))
    ledger_rows = [r for r in rows if r[2] == "sổ theo dõi hồ sơ một cửa"]
    fields = {(r[3], r[4], r[5]) for r in ledger_rows}
    assert ("đang giải quyết", "470", "471") in fields
    assert ("tiếp nhận (kể cả kỳ trước chuyển sang)", "2084", "2085") in fields
    assert ("nơi tiếp nhận", "(trống)", POINT) in fields
    assert all(r[1] == "An" for r in ledger_rows)
    # Newest first: the change comes before the creation.
    assert ledger_rows.index(next(r for r in ledger_rows if r[3] == "đang giải quyết" and r[5] == "471")) < (
        ledger_rows.index(next(r for r in ledger_rows if r[3] == "nơi tiếp nhận"))
    )


def test_history_lists_a_deleted_ledger_row(client, clerk, cast, report_a):
    ledger_save(report_a, clerk, dict(CENTRE))
    report_a.refresh_from_db()
    response = post_page(client, report_a, ledger__0__DELETE="on")
    assert response.status_code == 302, errors_on(response)
    client.force_login(cast["manager"])
    rows = history_rows(client.get(reverse("report_history", args=[report_a.pk])))
    assert any(r[2] == "sổ theo dõi hồ sơ một cửa" and r[4] == POINT for r in rows), rows


@pytest.fixture
def colleague(cast, unit_a):
    """A second clerk of unit A, in a browser of their own."""
    other = Client()
    other.force_login(make_user("clerk_a2", unit_a, Role.CLERK, first_name="Cúc"))
    return other


def opened(client, report, **typed) -> dict:
    """The page as opened now, with `typed` in: posted later, after someone else saved."""
    return {**page_form_data(client, url_of(report), **typed), "action": "save"}


def ledger_of(report) -> dict:
    return {r.reception_point: (r.received_total, r.pending_total) for r in LedgerRow.objects.filter(report=report)}


def test_the_old_3_of_6_scenario_keeps_every_change_of_the_other_clerk(client, clerk, colleague, report_a):
    figures = {
        f"procedures__{name}": "5"
        for name in (
            "procedures_in_force",
            "procedures_reduced",
            "decisions_publishing",
            "decisions_workflows",
            "workflows_approved",
            "communes_total",
        )
    }
    assert post_page(client, report_a, **figures).status_code == 302
    report_a.refresh_from_db()
    mine = opened(
        client,
        report_a,
        procedures__procedures_in_force="7",
        procedures__procedures_reduced="7",
        procedures__decisions_publishing="7",
    )
    theirs = opened(
        colleague,
        report_a,
        procedures__decisions_workflows="9",
        procedures__workflows_approved="9",
        procedures__communes_total="9",
    )
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 302, errors_on(response)
    saved = ProcedureFigures.objects.get(report=report_a)
    assert [saved.procedures_in_force, saved.procedures_reduced, saved.decisions_publishing] == [7, 7, 7]
    assert [saved.decisions_workflows, saved.workflows_approved, saved.communes_total] == [9, 9, 9]


def test_edits_to_different_sections_never_conflict(client, clerk, colleague, report_a):
    mine = opened(client, report_a, **centre())
    theirs = opened(colleague, report_a, narrative__shortcomings="Hạn chế của Cúc")
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 302, errors_on(response)
    assert ledger_of(report_a) == {POINT: (2084, 470)}
    assert Report.objects.get(pk=report_a.pk).shortcomings == "Hạn chế của Cúc"


def test_a_row_added_by_one_and_another_row_edited_by_the_other_are_both_kept(client, clerk, colleague, report_a):
    ledger_save(report_a, clerk, dict(CENTRE))
    report_a.refresh_from_db()
    mine = opened(client, report_a, **centre(1, reception_point="Bộ phận một cửa huyện"))  # I add a row
    theirs = opened(colleague, report_a, **centre(0, pending_total=471, received_total=2085))  # they edit row 0
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 302, errors_on(response)
    assert ledger_of(report_a) == {POINT: (2085, 471), "Bộ phận một cửa huyện": (2084, 470)}


def test_a_row_i_deleted_that_they_did_not_change_is_deleted(client, clerk, colleague, report_a):
    ledger_save(report_a, clerk, dict(CENTRE), {**CENTRE, "reception_point": "Bộ phận một cửa huyện"})
    report_a.refresh_from_db()
    mine = opened(client, report_a)
    index = next(i for i in (0, 1) if mine[f"ledger-{i}-reception_point"] == "Bộ phận một cửa huyện")
    mine[f"ledger-{index}-DELETE"] = "on"
    theirs = opened(colleague, report_a, **centre(1 - index, pending_total=471, received_total=2085))
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 302, errors_on(response)
    assert ledger_of(report_a) == {POINT: (2085, 471)}


def test_a_row_i_deleted_that_they_changed_is_mine_to_choose(client, clerk, colleague, report_a):
    ledger_save(report_a, clerk, dict(CENTRE))
    report_a.refresh_from_db()
    mine = opened(client, report_a, ledger__0__DELETE="on")
    colleague.post(url_of(report_a), opened(colleague, report_a, **row(0, pending_total=471, received_total=2085)))
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 409
    assert "xóa dòng" in " ".join(texts_of(response, "merge-choice"))
    assert ledger_of(report_a) == {POINT: (2085, 471)}
    data = _form_of(response)
    data["choose:ledger-0-DELETE"] = "mine"
    assert client.post(url_of(report_a), data).status_code == 302
    assert ledger_of(report_a) == {}


def test_the_same_ledger_figure_changed_by_both_is_chosen_side_by_side(client, clerk, colleague, report_a):
    ledger_save(report_a, clerk, dict(CENTRE))
    report_a.refresh_from_db()
    mine = opened(client, report_a, **row(0, pending_total=472, received_total=2086))
    theirs = opened(colleague, report_a, **row(0, pending_total=471, received_total=2086))
    assert colleague.post(url_of(report_a), theirs).status_code == 302
    before = snapshot(report_a)
    response = client.post(url_of(report_a), mine)
    assert response.status_code == 409
    choices = texts_of(response, "merge-choice")
    assert len(choices) == 1, choices  # received: both typed 2086, no conflict
    assert "Đang giải quyết" in choices[0] and "471" in choices[0] and "472" in choices[0] and "Cúc" in choices[0]
    assert snapshot(report_a) == before  # nothing saved until the clerk chooses
    data = _form_of(response)
    data["choose:ledger-0-pending_total"] = "mine"
    response = client.post(url_of(report_a), data)
    assert response.status_code == 302, errors_on(response)
    assert ledger_of(report_a) == {POINT: (2086, 472)}


def _form_of(response) -> dict:
    parser = _FormParser("report-form")
    parser.feed(response.content.decode())
    return {**parser.data, "action": "save"}


def _queries_of_the_page(client, report) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url_of(report))
    assert response.status_code == 200
    return len(queries)


def test_report_page_queries_do_not_grow_with_ledger_rows(
    client, clerk, report_a, report_b, cast, django_assert_max_num_queries
):
    ledger_save(report_a, clerk, dict(CENTRE))
    one_row = _queries_of_the_page(client, report_a)

    points = [{**CENTRE, "reception_point": f"Bộ phận một cửa số {i}"} for i in range(10)]
    ledger_save(report_b, cast["clerk_b"], *points)
    client.force_login(cast["clerk_b"])
    with django_assert_max_num_queries(one_row):
        response = client.get(url_of(report_b))
    assert response.status_code == 200
    # ten rows and the empty one; the <template> rows that "Thêm dòng" copies are not rows of the form
    rows = re.sub(r"<template.*?</template>", "", text(response), flags=re.S)
    assert rows.count("data-ledger-row") == 11


def test_a_service_centre_is_not_asked_the_provinces_procedure_figures(client, province, period):
    """The centre's page asks its ledger and feedback, not the procedures the province publishes, its
    workflow decisions or the communes' one-stop system (issue 17); saving keeps what was stored there."""
    from cchc.choices import Role, UnitKind
    from conftest import make_user
    from procedures import services as procedure_services
    from procedures.models import ProcedureFigures

    centre = cchc_services.unit_upsert(
        code="T-TT", name="Trung tâm Phục vụ hành chính công", kind=UnitKind.SERVICE_CENTRE, parent=province
    )
    report = cchc_services.report_get_or_create(unit=centre, period=period)
    procedure_services.procedure_figures_save(report=report, values={"communes_total": 12})  # stored before
    client.force_login(make_user("canbo.trungtam", centre, Role.CLERK))

    page = text(client.get(url_of(report)))
    assert 'name="procedures-feedback_received"' in page
    for name in ("procedures_in_force", "decisions_publishing", "workflows_approved", "communes_total"):
        assert f'name="procedures-{name}"' not in page, name

    response = post_page(client, report, procedures__feedback_received="7")
    assert response.status_code == 302
    stored = ProcedureFigures.objects.get(report=report)
    assert (stored.feedback_received, stored.communes_total) == (7, 12)
