"""The "Cải cách tổ chức bộ máy và chế độ công vụ" section of the report page, posted as a browser would.

Clerk A saves staffing figures, a quality rating, a job-position scheme and a downsizing row through the real
page; every bad input is refused with a Vietnamese message (status 400, nothing saved); a published total that
the grades do not add up to is a warning in a draft and blocks submission; last quarter's quota and headcount
are offered for confirmation; the computed shares are shown by the server once saved (8,36%); the page costs
the same number of queries however many rows it shows.
"""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc import services as cchc_services
from cchc.choices import ReportStatus
from cchc.models import Report
from conftest import page_form_data
from personnel import services
from personnel.models import DownsizingApproval, JobPositionScheme, PersonnelFigures, QualityRating
from tests.report_page import (
    assert_refused,
    checks_on,
    errors_on,
    explanation_field,
    explanations_on,
    post_page,
    submit_checks_on,
    text,
    texts_of,
    url_of,
    warnings_on,
)

SECTION = "Cải cách tổ chức bộ máy và chế độ công vụ"
GRADES_2019 = {"excellent": 1809, "good": 18520, "completed": 1190, "not_completed": 116}
SHARES_2019 = "Tổng số: 21.635 · Xuất sắc: 8,36% · Tốt: 85,60% · Hoàn thành: 5,50% · Không hoàn thành: 0,54%"
NOT_YET = "Tổng số: — · Xuất sắc: — · Tốt: — · Hoàn thành: — · Không hoàn thành: —"
NOT_SAVED = "Chưa lưu: hãy sửa các ô báo lỗi bên dưới."


def rating(index: int = 0, **values) -> dict:
    """Overrides for page_form_data typing the 2019 rating (changed by `values`) into rating row `index`."""
    values = {"rating_year": 2019, "category": "all", **GRADES_2019, **values}
    return {f"ratings__{index}__{name}": "" if value is None else str(value) for name, value in values.items()}


def scheme(index: int = 0, **values) -> dict:
    values = {
        "name": "Đề án vị trí việc làm của Sở Nội vụ",
        "decision_number": "57/QĐ-UBND",
        "decision_date": "02/03/2020",
        **values,
    }
    return {f"schemes__{index}__{name}": value for name, value in values.items()}


def downsizing(bases, index: int = 0, **values) -> dict:
    values = {
        "year": "2020",
        "batch": "I",
        "round": "3",
        "cases": "43",
        "legal_bases": [str(b.pk) for b in bases],
        "decision_number": "186/QĐ-UBND",
        "decision_date": "10/03/2020",
        **values,
    }
    return {f"downsizing__{index}__{name}": value for name, value in values.items()}


def shares_on(response) -> list[str]:
    """The shares line of each rating row of the form; the <template> row that 'Thêm dòng' copies is not one."""
    rows_only = SimpleNamespace(content=re.sub(rb"<template.*?</template>", b"", response.content, flags=re.S))
    return texts_of(rows_only, "rating-shares")


def field_block(response, name: str) -> str:
    """The grid cell of one field: its label, input, help and errors, as text."""
    page = text(response)
    start = page.index(f'name="{name}"')
    begin = page.rindex('<div class="col-', 0, start)
    end = page.find('<div class="col-', start)
    return " ".join(re.sub(r"<[^>]+>", " ", page[begin:end]).split())


def input_value(response, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', text(response))
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def snapshot(report: Report) -> tuple:
    """What a refused post must leave untouched."""
    report = Report.objects.get(pk=report.pk)
    return (
        report.version,
        report.status,
        list(PersonnelFigures.objects.filter(report=report).values()),
        list(QualityRating.objects.filter(report=report).order_by("pk").values()),
        list(JobPositionScheme.objects.filter(report=report).order_by("pk").values()),
        list(DownsizingApproval.objects.filter(report=report).order_by("pk").values()),
    )


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast["clerk_a"])
    return cast["clerk_a"]


@pytest.fixture
def bases(db):
    return [
        services.legal_basis_upsert(number="108/2014/NĐ-CP", name="Nghị định số 108/2014/NĐ-CP"),
        services.legal_basis_upsert(number="113/2018/NĐ-CP", name="Nghị định số 113/2018/NĐ-CP"),
    ]


@pytest.fixture
def report_a_q2(unit_a):
    return cchc_services.report_get_or_create(unit=unit_a, period=cchc_services.period_upsert(year=2020, quarter=2))


@pytest.fixture
def report_a_q4_2019(unit_a, cast):
    """Last quarter's report of unit A, with the stock figures the clerk then entered."""
    report = cchc_services.report_get_or_create(unit=unit_a, period=cchc_services.period_upsert(year=2019, quarter=4))
    return cchc_services.report_update(
        report=report,
        user=cast["clerk_a"],
        expected_version=report.version,
        apply=lambda locked: services.personnel_figures_save(
            report=locked, values={"quota_year": 2019, "quota": 2110, "headcount": 2090, "policy_cases": 12}
        ),
    )


# --- saving ---------------------------------------------------------------------------------------------


def test_clerk_saves_figures_a_rating_a_scheme_and_a_downsizing_row(client, clerk, report_a, bases):
    response = post_page(
        client,
        report_a,
        personnel__quota_year="2020",
        personnel__quota="2101",
        personnel__headcount="2084",
        personnel__collectives_rated="49",
        personnel__individuals_decided="68",
        personnel__individuals_proposed="38",
        personnel__districts_merged="6",
        personnel__communes_merged="76",
        personnel__district_officials_reassigned="386",
        personnel__commune_officials_reassigned="1516",
        personnel__policy_cases="278",
        **rating(published_total=21635),
        **scheme(),
        **downsizing(bases),
    )
    assert response.status_code == 302, errors_on(response)
    assert response.url == url_of(report_a)

    figures = PersonnelFigures.objects.get(report=report_a)
    assert (figures.quota_year, figures.quota, figures.headcount) == (2020, 2101, 2084)
    assert (figures.collectives_rated, figures.individuals_decided, figures.individuals_proposed) == (49, 68, 38)
    assert (figures.districts_merged, figures.communes_merged) == (6, 76)
    assert (figures.district_officials_reassigned, figures.commune_officials_reassigned) == (386, 1516)
    assert figures.policy_cases == 278

    [row] = QualityRating.objects.filter(report=report_a)
    assert (row.unit_id, row.rating_year, row.category, row.published_total) == (report_a.unit_id, 2019, "all", 21635)
    assert (row.excellent, row.good, row.completed, row.not_completed, row.total) == (1809, 18520, 1190, 116, 21635)

    [plan] = JobPositionScheme.objects.filter(report=report_a)
    assert (plan.name, plan.decision_number, plan.decision_date.isoformat()) == (
        "Đề án vị trí việc làm của Sở Nội vụ",
        "57/QĐ-UBND",
        "2020-03-02",
    )
    [approval] = DownsizingApproval.objects.filter(report=report_a)
    assert (approval.year, approval.batch, approval.round, approval.cases) == (2020, "I", 3, 43)
    assert set(approval.legal_bases.all()) == set(bases)
    assert (approval.decision_number, approval.decision_date.isoformat()) == ("186/QĐ-UBND", "2020-03-10")
    assert Report.objects.get(pk=report_a.pk).version == report_a.version + 1

    page = client.get(response.url)
    assert "Đã lưu nháp." in text(page)
    assert not [w for w in warnings_on(page) if "Đánh giá năm" in w]
    # The saved rating shows its computed total and shares; an empty row follows for the next one.
    assert shares_on(page) == [SHARES_2019, NOT_YET]
    data = page_form_data(client, url_of(report_a))
    assert data["ratings-0-excellent"] == "1809" and data["ratings-0-rating_year"] == "2019"
    assert data["ratings-TOTAL_FORMS"] == "2" and data["ratings-1-excellent"] == ""
    assert data["personnel-quota"] == "2101"


def test_total_and_shares_are_never_typed(client, clerk, report_a):
    page = client.get(url_of(report_a))
    assert "Nhập số người theo từng loại; tổng số và tỷ lệ được tính tự động." in text(page)
    assert not re.search(r'name="ratings-0-(total|\w*share\w*)"', text(page))
    for grade in GRADES_2019:
        assert re.search(
            rf'<input type="number" name="ratings-0-{grade}" min="0" inputmode="numeric" '
            rf'data-figure="{grade}"',
            text(page),
        ), grade
    assert "js/rating.js" in text(page)


def test_an_untouched_page_saves_no_empty_rows_or_figures(client, clerk, report_a):
    response = post_page(client, report_a)
    assert response.status_code == 302, errors_on(response)
    assert not PersonnelFigures.objects.filter(report=report_a).exists()
    assert not QualityRating.objects.exists() and not JobPositionScheme.objects.exists()
    assert not DownsizingApproval.objects.exists()


def test_a_rating_row_is_deleted_with_its_checkbox(client, clerk, report_a):
    post_page(client, report_a, **rating())
    response = post_page(client, report_a, ratings__0__DELETE="on")
    assert response.status_code == 302, errors_on(response)
    assert not QualityRating.objects.exists()


def test_civil_servants_third_grade_has_its_own_name(client, clerk, report_a):
    post_page(client, report_a, **rating(category="civil_servant"))
    page = client.get(url_of(report_a))
    assert field_block(page, "ratings-0-completed").startswith("Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực *")
    assert field_block(page, "ratings-1-completed").startswith(
        "Hoàn thành nhiệm vụ (công chức: còn hạn chế về năng lực) *"
    )


# --- bad input: status 400, a message naming the field, nothing saved -------------------------------------

BAD_INPUT = {
    "negative grade": (rating(good=-1), "Hoàn thành tốt nhiệm vụ: không được âm."),
    "grade not a number": (rating(excellent="abc"), "Hoàn thành xuất sắc nhiệm vụ: phải là số nguyên."),
    "grade a decimal": (rating(not_completed="1,5"), "Không hoàn thành nhiệm vụ: phải là số nguyên."),
    "grade missing": (
        rating(completed=None),
        "Hoàn thành nhiệm vụ (công chức: còn hạn chế về năng lực): bắt buộc nhập.",
    ),
    "negative published total": (rating(published_total=-1), "Tổng số theo văn bản công bố: không được âm."),
    "rating year missing": (rating(rating_year=None), "Năm đánh giá: bắt buộc nhập."),
    "rating year not a number": (rating(rating_year="năm ngoái"), "Năm đánh giá: phải là số nguyên."),
    "negative quota": ({"personnel__quota": "-5"}, "Biên chế công chức được giao: không được âm."),
    "headcount not a number": ({"personnel__headcount": "abc"}, "Số công chức hiện có: phải là số nguyên."),
    "negative policy cases": (
        {"personnel__policy_cases": "-1"},
        "Trường hợp được thực hiện chế độ, chính sách: không được âm.",
    ),
    "scheme decision number shape": (
        scheme(decision_number="57-QD"),
        "Số quyết định: Số hiệu văn bản “57-QD” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP).",
    ),
    "scheme decision date": (scheme(decision_date="31/02/2020"), None),
    "downsizing decision number shape": (
        {"downsizing__0__decision_number": "57-QD"},
        "Số quyết định phê duyệt: Số hiệu văn bản “57-QD” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP).",
    ),
    "downsizing decision date": ({"downsizing__0__decision_date": "31/02/2020"}, None),
    "downsizing without a case": ({"downsizing__0__cases": "0"}, "Số trường hợp phải lớn hơn 0."),
    "downsizing negative cases": ({"downsizing__0__cases": "-4"}, "Số trường hợp: không được âm."),
    "downsizing without a legal basis": ({"downsizing__0__legal_bases": []}, "Căn cứ: "),
}


@pytest.mark.parametrize("overrides, message", BAD_INPUT.values(), ids=BAD_INPUT.keys())
@pytest.mark.parametrize("action", ["save", "submit"])
def test_bad_input_names_the_field_and_saves_nothing(client, clerk, report_a, bases, overrides, message, action):
    if any(key.startswith("downsizing") for key in overrides):
        overrides = {**downsizing(bases), **overrides}
    # A good rating and good figures beside the bad input are not saved either.
    overrides = {**rating(1), "ratings__TOTAL_FORMS": "2", "personnel__collectives_rated": "49", **overrides}
    response = assert_refused(client, report_a, snapshot, action=action, **overrides)
    errors = errors_on(response)
    assert len(errors) == 2, errors
    if message is not None:
        assert errors[1].startswith(message), errors
    # What the clerk typed stays in the form, to be corrected.
    for key, value in overrides.items():
        if isinstance(value, str) and value and key.split("__")[-1] not in ("TOTAL_FORMS", "category"):
            assert input_value(response, key.replace("__", "-")) == value, key


@pytest.mark.parametrize(
    "field, value", [("schemes-0-decision_number", "57-QD"), ("downsizing-0-decision_number", "57-QD")]
)
def test_a_decision_number_error_is_shown_at_its_field(client, clerk, report_a, bases, field, value):
    overrides = {**downsizing(bases)} if field.startswith("downsizing") else scheme()
    overrides[field.replace("-", "__")] = value
    response = post_page(client, report_a, **overrides)
    assert response.status_code == 400
    block = field_block(response, field)
    assert block.startswith("Số quyết định") and "“57-QD” không đúng định dạng" in block, block


def test_a_decision_number_error_names_its_field(client, clerk, report_a):
    response = post_page(client, report_a, **scheme(decision_number="57-QD"))
    assert any(e.startswith("Số quyết định: ") for e in errors_on(response)), errors_on(response)


def test_a_scheme_without_its_name_names_the_field(client, clerk, report_a):
    before = snapshot(report_a)
    response = post_page(client, report_a, **scheme(name=""))
    assert response.status_code == 400
    assert snapshot(report_a) == before
    assert "Đề án: bắt buộc nhập." in errors_on(response), errors_on(response)


@pytest.mark.parametrize("prefix", ["schemes", "downsizing"])
def test_an_impossible_decision_date_is_called_a_date_of_the_field(client, clerk, report_a, bases, prefix):
    overrides = scheme() if prefix == "schemes" else downsizing(bases)
    overrides[f"{prefix}__0__decision_date"] = "31/02/2020"
    response = post_page(client, report_a, **overrides)
    assert response.status_code == 400
    [error] = errors_on(response)[1:]
    assert error.startswith("Ngày quyết định") and "số nguyên" not in error, error


@pytest.mark.parametrize("action", ["save", "submit"])
def test_a_rating_year_after_the_reports_year_is_refused(client, clerk, report_a, action):
    before = snapshot(report_a)
    response = post_page(client, report_a, action=action, personnel__quota="2101", **rating(rating_year=2021))
    assert response.status_code == 400
    assert "Năm đánh giá 2021: không được sau năm của kỳ báo cáo (2020)." in errors_on(response)
    assert snapshot(report_a) == before
    assert input_value(response, "ratings-0-rating_year") == "2021"


def test_the_reports_own_year_may_be_rated(client, clerk, report_a):
    response = post_page(client, report_a, **rating(rating_year=2020))
    assert response.status_code == 302, errors_on(response)
    assert QualityRating.objects.get().rating_year == 2020


def test_a_year_already_reported_is_refused_pointing_to_the_first_entry(client, clerk, report_a, report_a_q2):
    assert post_page(client, report_a, **rating()).status_code == 302
    before = snapshot(report_a_q2)
    response = post_page(client, report_a_q2, **rating(good=18000))
    assert response.status_code == 400
    assert (
        "Kết quả đánh giá năm 2019 (Cán bộ, công chức, viên chức (chung)) của đơn vị đã được nhập trong báo cáo "
        "Quý I/2020." in errors_on(response)
    ), errors_on(response)
    assert snapshot(report_a_q2) == before
    assert QualityRating.objects.get().good == 18520


def test_the_same_year_twice_on_one_page_is_refused(client, clerk, report_a):
    before = snapshot(report_a)
    response = post_page(client, report_a, ratings__TOTAL_FORMS="2", **rating(), **rating(1))
    assert response.status_code == 400
    assert any("đã được nhập" in e for e in errors_on(response)), errors_on(response)
    assert snapshot(report_a) == before


# --- the published total: a warning in a draft, an error at submission --------------------------------------

MISMATCH = (
    "Đánh giá năm 2019 (Cán bộ, công chức, viên chức (chung)): các loại xếp loại cộng lại 21.635, "
    "khác tổng số công bố 21.636."
)


def test_a_published_total_the_grades_miss_saves_as_a_draft_with_a_warning(client, clerk, report_a):
    response = post_page(client, report_a, **rating(published_total=21636))
    assert response.status_code == 302, errors_on(response)
    assert QualityRating.objects.get().published_total == 21636
    page = client.get(response.url)
    assert MISMATCH in checks_on(page, section="personnel")
    assert any("Phải khớp trước khi gửi" in w for w in warnings_on(page, section="personnel"))
    assert f"{SECTION}: {MISMATCH}" in " ".join(submit_checks_on(page))


def test_a_published_total_the_grades_miss_blocks_submission(client, clerk, report_a):
    response = post_page(client, report_a, action="submit", **rating(published_total=21636))
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Đã lưu nháp nhưng chưa gửi được:" in text(page)
    assert f"{SECTION}: {MISMATCH} Hãy sửa số liệu hoặc ghi giải trình." in errors_on(page)
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.DRAFT and report.submitted_at is None

    # Corrected, it goes.
    response = post_page(client, report_a, action="submit", ratings__0__published_total="21635")
    assert response.status_code == 302
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


def test_a_published_total_the_grades_miss_may_be_explained_as_published(client, clerk, cast, report_a):
    """The checks policy: the document's own figures do not add up; the clerk types them as published and
    says so, and the manager reads it beside the check."""
    post_page(client, report_a, **rating(published_total=21636))
    note = "Văn bản công bố ghi tổng 21.636; các loại cộng lại 21.635."
    field = explanation_field("personnel", "personnel.rating_total:2019:all")
    response = post_page(client, report_a, action="submit", **{field: note})
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    client.force_login(cast["manager"])
    page = client.get(url_of(report_a))
    assert MISMATCH in checks_on(page, section="personnel")
    assert f"Giải trình: {note}" in explanations_on(page, section="personnel")


def test_a_rating_without_a_published_total_is_submitted(client, clerk, report_a):
    response = post_page(client, report_a, action="submit", **rating())
    assert response.status_code == 302
    assert "Đã gửi báo cáo." in text(client.get(response.url))
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


# --- last quarter's stock, offered for confirmation --------------------------------------------------------


def test_last_quarters_stock_is_named_for_the_clerk_to_confirm(client, clerk, report_a, report_a_q4_2019):
    page = client.get(url_of(report_a))
    for name, value in (("personnel-quota", "2.?110"), ("personnel-headcount", "2.?090")):
        block = field_block(page, name)
        assert re.search(rf"Quý trước: {value} — hãy xác nhận\.", block), block
    assert "Quý trước" not in field_block(page, "personnel-policy_cases")  # a flow of the quarter, not a stock


def test_quota_and_headcount_start_from_last_quarter(client, clerk, report_a, report_a_q4_2019):
    page = client.get(url_of(report_a))
    assert input_value(page, "personnel-quota") == "2110"
    assert input_value(page, "personnel-headcount") == "2090"
    assert input_value(page, "personnel-quota_year") == "2019"
    assert input_value(page, "personnel-policy_cases") is None

    # Confirmed as they are, they are this quarter's figures.
    response = post_page(client, report_a)
    assert response.status_code == 302, errors_on(response)
    figures = PersonnelFigures.objects.get(report=report_a)
    assert (figures.quota_year, figures.quota, figures.headcount, figures.policy_cases) == (2019, 2110, 2090, None)


def test_the_clerk_corrects_last_quarters_figures(client, clerk, report_a, report_a_q4_2019):
    response = post_page(
        client, report_a, personnel__quota_year="2020", personnel__quota="2101", personnel__headcount="2084"
    )
    assert response.status_code == 302, errors_on(response)
    figures = PersonnelFigures.objects.get(report=report_a)
    assert (figures.quota_year, figures.quota, figures.headcount) == (2020, 2101, 2084)
    # Saved figures are shown from now on; last quarter's stay in the help text.
    page = client.get(url_of(report_a))
    assert (input_value(page, "personnel-quota"), input_value(page, "personnel-headcount")) == ("2101", "2084")
    assert "Quý trước" in field_block(page, "personnel-quota")
    # The earlier report is untouched.
    assert PersonnelFigures.objects.get(report=report_a_q4_2019).quota == 2110


def test_without_an_earlier_report_nothing_is_prefilled(client, clerk, report_a):
    page = client.get(url_of(report_a))
    assert input_value(page, "personnel-quota") is None
    assert "Quý trước" not in text(page)


# --- the locked report ---------------------------------------------------------------------------------------


def test_an_approved_report_shows_its_rating_as_text_and_refuses_a_post(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    post_page(client, report_a, **rating())
    report = cchc_services.report_submit(report=Report.objects.get(pk=report_a.pk), user=cast["clerk_a"])
    cchc_services.report_approve(report=report, user=cast["manager"])
    page = client.get(url_of(report_a))
    # Issue 17: the approved report is read as the document (the rating as text, its shares), no inputs.
    assert 'id="report-document"' in text(page) and 'name="ratings-0-excellent"' not in text(page)
    assert shares_on(page)[0] == SHARES_2019
    data = {"version": str(Report.objects.get(pk=report_a.pk).version), "ratings-0-good": "1", "action": "save"}
    assert client.post(url_of(report_a), data).status_code == 403
    assert QualityRating.objects.get().good == 18520


# --- what the page costs ----------------------------------------------------------------------------------


def _add_rows(report: Report, user, start: int, count: int, bases=None) -> None:
    report = Report.objects.get(pk=report.pk)
    categories = ["all", "cadre", "civil_servant", "public_employee", "commune_official"]

    def apply(locked):
        services.ratings_save(
            report=locked,
            delete_ids=[],
            rows=[
                {"id": None, "rating_year": 2010 + i // 5, "category": categories[i % 5], **GRADES_2019}
                for i in range(start, start + count)
            ],
        )
        services.schemes_save(
            report=locked,
            delete_ids=[],
            rows=[
                {"id": None, "name": f"Đề án {i}", "decision_number": f"{i + 1}/QĐ-UBND"}
                for i in range(start, start + count)
            ],
        )
        if bases:
            services.downsizing_save(
                report=locked,
                delete_ids=[],
                rows=[
                    {"id": None, "year": 2020, "batch": "I", "round": i + 1, "cases": 2, "legal_bases": bases}
                    for i in range(start, start + count)
                ],
            )

    cchc_services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def _page_queries(client, report) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url_of(report))
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_more_ratings_and_schemes(client, clerk, report_a):
    client.get(url_of(report_a))  # warm up (content types, session)
    _add_rows(report_a, clerk, 0, 1)
    few = _page_queries(client, report_a)
    _add_rows(report_a, clerk, 1, 12)
    assert len(shares_on(client.get(url_of(report_a)))) == 14
    assert _page_queries(client, report_a) == few


def test_the_page_costs_the_same_queries_with_more_downsizing_rows(client, clerk, report_a, bases):
    client.get(url_of(report_a))
    _add_rows(report_a, clerk, 0, 1, bases)
    few = _page_queries(client, report_a)
    _add_rows(report_a, clerk, 1, 12, bases)
    assert _page_queries(client, report_a) == few


# --- the seeded province: the Q1-2020 report's shares ------------------------------------------------------


@pytest.mark.parametrize("username", ["quanly.snv", "canbo.tinh", "xem.ubnd"])
def test_seeded_province_report_shows_the_2019_shares(client, demo_data, username):
    client.force_login(get_user_model().objects.get(username=username))
    report = Report.objects.get(unit__code="CB", period__year=2020, period__quarter=1)
    page = client.get(url_of(report))
    assert page.status_code == 200
    assert shares_on(page)[0] == SHARES_2019
    for value in ("8,36%", "85,60%", "5,50%", "0,54%"):
        assert value in text(page)
    assert not [w for w in warnings_on(page) if "Đánh giá năm" in w]


def test_a_service_centre_is_not_asked_the_quota_or_the_restructuring(client, province, period):
    """The centre's page asks its staffing and ratings, not the province's quota or the district/commune
    restructuring (issue 17); saving it leaves what was stored in those fields as it was."""
    from cchc.choices import Role, UnitKind
    from conftest import make_user

    centre = cchc_services.unit_upsert(
        code="T-TT", name="Trung tâm Phục vụ hành chính công", kind=UnitKind.SERVICE_CENTRE, parent=province
    )
    report = cchc_services.report_get_or_create(unit=centre, period=period)
    services.personnel_figures_save(report=report, values={"quota": 30, "headcount": 25})  # stored before
    client.force_login(make_user("canbo.trungtam", centre, Role.CLERK))

    page = text(client.get(url_of(report)))
    assert 'name="personnel-headcount"' in page
    for name in ("quota", "quota_year", "districts_merged", "communes_merged", "district_officials_reassigned"):
        assert f'name="personnel-{name}"' not in page, name

    response = post_page(client, report, personnel__headcount="26")
    assert response.status_code == 302
    stored = PersonnelFigures.objects.get(report=report)
    assert (stored.headcount, stored.quota) == (26, 30)
