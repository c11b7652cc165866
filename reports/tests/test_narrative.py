"""The narrative report: the Q1-2020 article drafted from the seed, sentences left out when their figures were not
reported, units' figures summed and said so, the .docx, and the page and download as each member of the cast sees
them."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, include, path, reverse
from django.utils import translation
from docx import Document
from docx.shared import Pt

from cchc import services
from cchc import urls as portal_urls
from cchc.choices import UnitKind
from cchc.models import Unit
from conftest import submit
from personnel import services as personnel_services
from procedures import services as procedure_services
from reports.exporters.docx import narrative_docx
from reports.narrative import NOTE, narrative_build
from reports.periods import PeriodSpan

# The views are tested through the portal's URLs, with the narrative's module included if the portal's URLconf
# does not include it yet.
urlpatterns = list(portal_urls.urlpatterns)
if "narrative_report" not in get_resolver("cchc.urls").reverse_dict:
    urlpatterns.append(path("tong-hop/", include("reports.narrative.urls")))
handler403 = portal_urls.handler403
pytestmark = pytest.mark.urls(__name__)

PAGE, DOWNLOAD = "narrative_report", "narrative_download"
Q1 = PeriodSpan.parse("2020-Q1")
LEAD = "Trong quý I năm 2020, "

# The issue's example, word for word.
EXAMPLE = (
    "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 2.084 hồ sơ TTHC (trong đó: giải quyết đúng hạn "
    "1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)"
)

# Every figure of the article in its sentence, by section of the outline.
ARTICLE = {
    "area-1": [
        # The seeded list of direction documents: the issuer typed is the subject, the title follows the number.
        LEAD + "UBND tỉnh ban hành Công văn số 186/UBND-NC ngày 04/02/2020 yêu cầu, đôn đốc các cơ quan, đơn vị "
        "triển khai thực hiện Kế hoạch CCHC năm 2020 của tỉnh.",
        "UBND tỉnh Cao Bằng yêu cầu các cơ quan, đơn vị triển khai đầy đủ các nội dung về văn hóa công vụ theo "
        "Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ.",
        "Báo Cao Bằng thực hiện 12 tin, bài về CCHC; Đài Phát thanh và Truyền hình tỉnh Cao Bằng thực hiện "
        "72 tin và 12 phóng sự về CCHC.",
    ],
    "area-2": [
        LEAD + "UBND tỉnh Cao Bằng đã góp ý đối với 37 dự thảo văn bản QPPL; tự kiểm tra đối với 15 quyết định của "
        "UBND tỉnh, 14 nghị quyết của HĐND tỉnh; kiểm tra đối với 50 văn bản do HĐND, UBND cấp huyện gửi đến.",
        "UBND tỉnh Cao Bằng ban hành Quyết định số 57/QĐ-UBND ngày 22/01/2020 về công bố danh mục 58 văn bản "
        "QPPL hết hiệu lực, ngưng hiệu lực toàn bộ; 31 văn bản hết hiệu lực một phần năm 2019; 2 văn bản hết "
        "hiệu lực một phần trước ngày 01/01/2019.",
    ],
    "area-3": [
        LEAD + "Chủ tịch UBND tỉnh Cao Bằng ban hành 3 quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC "
        "với 17 quy trình.",
        "Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh là 1.722 TTHC.",
        "Đến nay, toàn tỉnh đã thực hiện cắt giảm thời hạn giải quyết đối với 904 TTHC.",
        EXAMPLE + ".",
        "Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến 199/199 xã, phường, thị trấn.",
        "Các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận giải quyết qua phần mềm 14.595 hồ sơ TTHC "
        "(trong đó: giải quyết đúng hạn 11.881 hồ sơ, giải quyết trễ hạn 955 hồ sơ, đang giải quyết "
        "1.759 hồ sơ).",
        "Từ ngày 01/01/2020 đến ngày 05/03/2020, UBND tỉnh Cao Bằng đã tiếp nhận, xử lý 85 phản ánh, kiến nghị "
        "của cá nhân, tổ chức.",
    ],
    "area-4": [
        LEAD + "UBND tỉnh Cao Bằng đã thực hiện sắp xếp 6 đơn vị hành chính cấp huyện (Hà Quảng, Thông Nông, "
        "Trùng Khánh, Trà Lĩnh, Quảng Uyên, Phục Hòa) và 76 đơn vị hành chính cấp xã.",
        "Theo Nghị quyết số 864/NQ-UBTVQH14, từ ngày 01/02/2020: huyện Hà Quảng và huyện Thông Nông hợp thành "
        "huyện Hà Quảng; huyện Trùng Khánh và huyện Trà Lĩnh hợp thành huyện Trùng Khánh; huyện Quảng Uyên và "
        "huyện Phục Hòa hợp thành huyện Quảng Hòa.",
        "UBND tỉnh Cao Bằng đã xây dựng phương án bố trí, sắp xếp đối với 386 cán bộ, công chức cấp huyện và "
        "1.516 cán bộ, công chức cấp xã.",
        "UBND tỉnh Cao Bằng đã thực hiện chế độ, chính sách đối với 278 trường hợp cán bộ, công chức, viên chức.",
        "UBND tỉnh Cao Bằng phê duyệt đề án vị trí việc làm: các đơn vị sự nghiệp công lập; Sở Y tế; Sở Giáo dục "
        "và Đào tạo; Sở Công Thương.",
        "UBND tỉnh Cao Bằng quyết định giao 2.101 biên chế công chức năm 2020.",
        "UBND tỉnh Cao Bằng quyết định phê duyệt danh sách và cấp kinh phí thực hiện chính sách tinh giản "
        "biên chế theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP đợt I năm 2020 (lần 3) "
        "đối với 43 trường hợp cán bộ, công chức, viên chức và người lao động.",
    ],
    "area-5": [
        LEAD + "UBND tỉnh Cao Bằng đã đánh giá, xếp loại chất lượng 49 tập thể lãnh đạo, quản lý; quyết định xếp "
        "loại đối với 68 cán bộ, công chức; đề xuất mức xếp loại đối với 38 cán bộ, công chức diện Ban "
        "Thường vụ Tỉnh ủy quản lý.",
        "Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2019: tổng số 21.635 người, trong "
        "đó hoàn thành xuất sắc nhiệm vụ 1.809 (8,36%); hoàn thành tốt nhiệm vụ 18.520 (85,60%); hoàn thành nhiệm "
        "vụ (công chức: còn hạn chế về năng lực) 1.190 (5,50%); không hoàn thành nhiệm vụ 116 (0,54%).",
    ],
    "area-6": [
        "Các cơ quan, đơn vị trong tỉnh tiếp tục thực hiện cơ chế tự chủ, tự chịu trách nhiệm về sử dụng biên chế "
        "và kinh phí quản lý hành chính theo Nghị định số 130/2005/NĐ-CP; cơ chế tự chủ của đơn vị sự nghiệp công "
        "lập theo Nghị định số 16/2015/NĐ-CP.",
    ],
    "area-7": [
        "Tính đến ngày 29/02/2020, đã có 54.362 văn bản trao đổi qua mạng giữa các đơn vị trong tỉnh.",
        "Phần mềm quản lý văn bản VNPT-iOffice đã kết nối liên thông đến 100% đơn vị hành chính cấp xã.",
        "100% các cơ quan chuyên môn thuộc UBND tỉnh và UBND các huyện, thành phố duy trì, cập nhật thông tin về "
        "hoạt động của cơ quan, đơn vị trên Trang thông tin điện tử.",
        "Đến nay, trên địa bàn tỉnh có 72 đơn vị đang áp dụng, duy trì hệ thống quản lý chất lượng theo tiêu chuẩn "
        "ISO 9001.",
    ],
}

HEADINGS = [
    "I. Kết quả thực hiện công tác cải cách hành chính",
    "1. Chỉ đạo, điều hành và tuyên truyền",
    "2. Cải cách thể chế",
    "3. Cải cách thủ tục hành chính",
    "4. Cải cách tổ chức bộ máy",
    "5. Cải cách chế độ công vụ",
    "6. Cải cách tài chính công",
    "7. Xây dựng chính quyền điện tử, hiện đại hóa hành chính",
    "II. Hạn chế, nguyên nhân",
    "III. Nhiệm vụ trọng tâm quý II năm 2020",
]
NOTHING = "Trong kỳ chưa có số liệu được báo cáo về lĩnh vực này."


def sentences_of(narrative, key: str) -> list[str]:
    [section] = [s for s in narrative.sections if s.key == key]
    return [sentence for paragraph in section.paragraphs for sentence in paragraph.sentences]


def paragraphs_of(narrative, key: str) -> list[str]:
    [section] = [s for s in narrative.sections if s.key == key]
    return [paragraph.text for paragraph in section.paragraphs]


def ledger(report, *, received, resolved, pending, on_time=None, late=None, carried=None, point="Bộ phận một cửa"):
    procedure_services.ledger_rows_save(
        report=report,
        rows=[
            {
                "reception_point": point,
                "received_total": received,
                "resolved_total": resolved,
                "pending_total": pending,
                "resolved_on_time": on_time,
                "resolved_late": late,
                "carried_over": carried,
            }
        ],
        delete_ids=[],
    )


def write_text(report, **texts):
    for name, text in texts.items():
        setattr(report, name, text)
    report.save()
    return report


def docx_lines(data: bytes) -> list[str]:
    """The report's own lines in a .docx of the decree's form: the body between the title block and the
    signature (the letterhead and the signature are tables; the title block is "BÁO CÁO" and the summary)."""
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.strip()]
    return paragraphs[paragraphs.index("BÁO CÁO") + 2 :]


@pytest.fixture
def seeded(demo_data):
    return Unit.objects.get(code="CB")


# --- the article, from the seed --------------------------------------------------------------------


def test_the_q1_2020_province_report_contains_the_issues_example_sentence(seeded):
    narrative = narrative_build(span=Q1, scope=seeded)

    assert EXAMPLE in narrative.text
    assert narrative.issuer == "UBND tỉnh Cao Bằng"
    assert narrative.title == "Báo cáo tình hình thực hiện công tác cải cách hành chính quý I năm 2020"


def test_every_figure_of_the_article_is_in_its_sentence_in_its_section(seeded):
    narrative = narrative_build(span=Q1, scope=seeded)

    missing = [
        (key, sentence)
        for key, sentences in ARTICLE.items()
        for sentence in sentences
        if sentence not in sentences_of(narrative, key)
    ]
    assert missing == []


def test_the_outline_is_domain_mds_and_ends_with_the_reports_own_text(seeded):
    narrative = narrative_build(span=Q1, scope=seeded)

    assert [s.heading for s in narrative.sections] == HEADINGS
    # Public finance: the decrees the units apply (issue 18); a section with nothing reported is said once
    # (test_a_unit_without_figures_gets_one_note_per_section).
    assert paragraphs_of(narrative, "area-6") == ARTICLE["area-6"]
    shortcomings = paragraphs_of(narrative, "shortcomings")
    assert shortcomings[0] == (
        "Bên cạnh những kết quả đã đạt được, công tác CCHC trong quý I năm 2020 còn một số hạn chế sau:"
    )
    assert shortcomings[1].startswith("Còn một số cơ quan, đơn vị gửi kế hoạch, báo cáo về công tác CCHC chậm;")
    assert shortcomings[2] == (
        "Nguyên nhân: Người dân ngại tham gia, do tâm lý muốn trực tiếp đến cơ quan nhà nước "
        "nộp hồ sơ để nhận phiếu hẹn."
    )
    tasks = paragraphs_of(narrative, "next-tasks")
    assert tasks[0] == (
        "Trên cơ sở kết quả CCHC quý I năm 2020, xác định một số nhiệm vụ trọng tâm thực hiện trong "
        "quý II năm 2020 như sau:"
    )
    assert tasks[1].startswith("1. Rà soát, kiện toàn, sắp xếp, quy định chức năng, nhiệm vụ, tổ chức bộ máy")
    assert [t.split(". ", 1)[0] for t in tasks[1:]] == ["1", "2", "3", "4", "5", "6"]  # a numbered list
    assert sum(s.startswith("Trong quý I năm 2020") for s in sentences_of(narrative, "area-3")) == 1
    assert narrative.provisional == ()  # both seeded reports are approved
    assert "None" not in narrative.text


def test_the_body_stays_vietnamese_when_the_user_reads_english(seeded):
    with translation.override("en"):
        narrative = narrative_build(span=Q1, scope=seeded)

    assert EXAMPLE in narrative.text
    assert "1.809 (8,36%)" in narrative.text
    assert [s.heading for s in narrative.sections] == HEADINGS


# --- what is not reported is not said ----------------------------------------------------------------


def test_a_unit_that_reported_nothing_gets_no_none_and_no_zero_sentences(cast, unit_a, report_a):
    narrative = narrative_build(span=Q1, scope=unit_a)

    text = narrative.text
    assert "None" not in text
    assert not re.search(r"(?<![\d.,])0(?![\d.,])", text), text
    for key in ("area-1", "area-2", "area-3", "area-4", "area-5", "area-6", "area-7"):
        assert paragraphs_of(narrative, key) == [NOTHING]
    assert paragraphs_of(narrative, "shortcomings") == ["Chưa có nội dung được báo cáo."]
    assert narrative.reports == 0


def test_a_figure_not_reported_leaves_its_sentence_or_clause_out(cast, province, period):
    report = services.report_get_or_create(unit=province, period=period)
    procedure_services.procedure_figures_save(
        report=report, values={"procedures_in_force": 120, "feedback_received": 5}
    )
    personnel_services.personnel_figures_save(report=report, values={"communes_merged": 4})
    ledger(report, received=30, resolved=20, pending=10)  # totals only, as some sources publish
    submit(report)  # the narrative says what was reported, never a draft

    narrative = narrative_build(span=Q1, scope=province)

    procedures = sentences_of(narrative, "area-3")
    assert procedures == [
        "Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh là 120 TTHC.",
        LEAD + "các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận giải quyết qua phần mềm 30 hồ sơ TTHC (trong đó: "
        "đã giải quyết 20 hồ sơ, đang giải quyết 10 hồ sơ).",
        "UBND tỉnh Thử Nghiệm đã tiếp nhận 5 phản ánh, kiến nghị của cá nhân, tổ chức.",  # "Trong quý" said once
    ]
    assert sentences_of(narrative, "area-4") == [
        LEAD + "UBND tỉnh Thử Nghiệm đã thực hiện sắp xếp 4 đơn vị hành chính cấp xã."
    ]
    assert "None" not in narrative.text
    assert "cắt giảm" not in narrative.text and "cấp huyện" not in narrative.text


# --- who says what ------------------------------------------------------------------------------------


def test_units_figures_are_summed_when_the_scope_has_none_and_the_section_says_so(cast, province, report_a, report_b):
    for report, feedback, on_time, late in ((report_a, 3, 99, 1), (report_b, 4, 80, 20)):
        procedure_services.procedure_figures_save(
            report=report, values={"feedback_received": feedback, "feedback_handled": feedback}
        )
        ledger(report, received=on_time + late + 5, resolved=on_time + late, pending=5, on_time=on_time, late=late)
    submit(report_a, report_b)

    narrative = narrative_build(span=Q1, scope=province)

    assert paragraphs_of(narrative, "area-3") == [
        LEAD + "các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận, giải quyết 210 hồ sơ TTHC (trong đó: giải quyết "
        "đúng hạn 179 hồ sơ, giải quyết trễ hạn 21 hồ sơ, đang giải quyết 10 hồ sơ). "
        "Các cơ quan, đơn vị đã tiếp nhận, xử lý 7 phản ánh, kiến nghị của cá nhân, tổ chức.",
        "Số liệu của các cơ quan, đơn vị trong mục này được tổng hợp từ báo cáo của 2 cơ quan, đơn vị: Sở Nội vụ, "
        "Sở Tư pháp.",
    ]
    [section] = [s for s in narrative.sections if s.key == "area-3"]
    assert section.paragraphs[-1].style == NOTE
    assert narrative.provisional == ("Sở Nội vụ", "Sở Tư pháp")  # submitted, not approved: provisional


def test_the_scopes_own_figure_is_the_total_and_units_are_not_added_to_it(cast, province, report_a):
    procedure_services.procedure_figures_save(report=report_a, values={"feedback_received": 3, "feedback_handled": 3})
    own = services.report_get_or_create(unit=province, period=report_a.period)
    procedure_services.procedure_figures_save(report=own, values={"feedback_received": 10, "feedback_handled": 10})
    submit(report_a, own)

    narrative = narrative_build(span=Q1, scope=province)

    assert sentences_of(narrative, "area-3") == [
        LEAD + "UBND tỉnh Thử Nghiệm đã tiếp nhận, xử lý 10 phản ánh, kiến nghị của cá nhân, tổ chức."
    ]


def test_a_service_centres_ledger_is_said_under_its_reception_point(cast, province, period):
    centre = services.unit_upsert(
        code="T-TT",
        name="Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm",
        kind=UnitKind.SERVICE_CENTRE,
        parent=province,
    )
    report = services.report_get_or_create(unit=centre, period=period)
    ledger(report, received=50, resolved=40, pending=10, on_time=39, late=1, point="Quầy tiếp nhận của Trung tâm")
    submit(report)

    narrative = narrative_build(span=Q1, scope=province)

    assert sentences_of(narrative, "area-3") == [
        LEAD + "Quầy tiếp nhận của Trung tâm đã tiếp nhận 50 hồ sơ TTHC (trong đó: giải quyết đúng hạn 39 hồ sơ, "
        "giải quyết trễ hạn 1 hồ sơ, đang giải quyết 10 hồ sơ)."
    ]


def test_shortcomings_and_tasks_start_with_the_scopes_own_text_then_name_the_other_units(
    cast, province, report_a, report_b
):
    own = services.report_get_or_create(unit=province, period=report_a.period)
    write_text(own, shortcomings="Một số đơn vị gửi báo cáo chậm.", next_tasks="Rà soát TTHC.\nKiểm tra CCHC.")
    write_text(report_a, shortcomings="Chưa cập nhật TTHC.", causes="Thiếu cán bộ.", next_tasks="Cập nhật TTHC.")
    submit(own, report_a)

    narrative = narrative_build(span=Q1, scope=province)

    assert paragraphs_of(narrative, "shortcomings")[1:] == [
        "Một số đơn vị gửi báo cáo chậm.",
        "Sở Nội vụ: Chưa cập nhật TTHC.",
        "Nguyên nhân (Sở Nội vụ): Thiếu cán bộ.",
    ]
    assert paragraphs_of(narrative, "next-tasks")[1:] == [
        "1. Rà soát TTHC.",
        "2. Kiểm tra CCHC.",
        "3. Sở Nội vụ: Cập nhật TTHC.",
    ]


def test_a_longer_span_adds_flows_takes_the_latest_stock_and_counts_a_carry_over_once(cast, province, period):
    q2 = services.period_upsert(year=2020, quarter=2)
    first = services.report_get_or_create(unit=province, period=period)
    second = services.report_get_or_create(unit=province, period=q2)
    ledger(first, received=100, resolved=85, pending=15, on_time=80, late=5)
    ledger(second, received=65, resolved=52, pending=13, on_time=50, late=2, carried=15)
    procedure_services.procedure_figures_save(report=first, values={"procedures_in_force": 100, "feedback_received": 3})
    procedure_services.procedure_figures_save(
        report=second, values={"procedures_in_force": 110, "feedback_received": 4}
    )
    submit(first, second)

    narrative = narrative_build(span=PeriodSpan.parse("2020-H1"), scope=province)

    h1 = "Trong 6 tháng đầu năm 2020, "
    assert sentences_of(narrative, "area-3") == [
        "Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh là 110 TTHC.",
        h1 + "các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận giải quyết qua phần mềm 150 hồ sơ TTHC (trong đó: "
        "giải quyết đúng hạn 130 hồ sơ, giải quyết trễ hạn 7 hồ sơ, đang giải quyết 13 hồ sơ).",
        "UBND tỉnh Thử Nghiệm đã tiếp nhận 7 phản ánh, kiến nghị của cá nhân, tổ chức.",
    ]
    assert narrative.sections[-1].heading == "III. Nhiệm vụ trọng tâm 6 tháng cuối năm 2020"


def test_query_count_is_the_same_for_3_and_20_units(cast, province, period, django_assert_num_queries, client):
    def add_units(start, count):
        for number in range(start, start + count):
            unit = services.unit_upsert(
                code=f"T-N{number:03d}", name=f"Phòng thử nghiệm số {number}", kind=UnitKind.DEPARTMENT, parent=province
            )
            report = services.report_get_or_create(unit=unit, period=period)
            ledger(report, received=20 + number, resolved=15, pending=5 + number, on_time=14, late=1)
            procedure_services.procedure_figures_save(report=report, values={"feedback_received": number})
            personnel_services.personnel_figures_save(report=report, values={"policy_cases": number + 1})
            write_text(report, shortcomings=f"Hạn chế số {number}.")
            submit(report)

    add_units(0, 3)
    client.force_login(cast["manager"])
    url = reverse(PAGE) + "?period=2020-Q1"
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as builder_few:
        narrative_build(span=Q1, scope=province)
    with CaptureQueriesContext(connection) as page_few:
        client.get(url)

    add_units(3, 17)
    with django_assert_num_queries(len(builder_few)):
        narrative = narrative_build(span=Q1, scope=province)
    with django_assert_num_queries(len(page_few)):
        response = client.get(url)
    assert narrative.units == 20
    assert "Phòng thử nghiệm số 19: Hạn chế số 19." in response.content.decode()


# --- the .docx ----------------------------------------------------------------------------------------


def test_the_docx_has_the_same_paragraphs_on_a4_in_times_new_roman_14(seeded):
    narrative = narrative_build(span=Q1, scope=seeded)

    data = narrative_docx(narrative, scope=seeded)
    document = Document(io.BytesIO(data))
    assert docx_lines(data) == narrative.lines()[2:]  # issuer and title are the letterhead and "BÁO CÁO" block
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")] == HEADINGS
    page = document.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)  # A4 (stored in twips)
    for style in ("Normal", "Heading 1", "Heading 2"):
        assert document.styles[style].font.name == "Times New Roman"
        assert document.styles[style].font.size == Pt(14)
    assert document.core_properties.title == narrative.title


# --- the page and the download ------------------------------------------------------------------------


def test_the_page_and_the_download_give_the_province_report_to_its_manager(seeded, client):
    client.force_login(get_user_model().objects.get(username="quanly.snv"))

    page = client.get(reverse(PAGE), {"period": "2020-Q1"})
    download = client.get(reverse(DOWNLOAD), {"period": "2020-Q1"})

    assert page.status_code == 200
    content = page.content.decode()
    assert EXAMPLE in content
    assert f'href="{reverse(DOWNLOAD)}?period=2020-Q1"' in content
    assert download.status_code == 200
    assert download["Content-Type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert download["Content-Disposition"] == 'attachment; filename="cchc-cb-2020-q1.docx"'
    assert docx_lines(download.content) == page.context["narrative"].lines()[2:]


@pytest.mark.parametrize("name", [PAGE, DOWNLOAD])
def test_anonymous_visitors_go_to_the_login_page(client, period, name):
    response = client.get(reverse(name), {"period": "2020-Q1"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", [PAGE, DOWNLOAD])
def test_clerk_b_is_refused_unit_as_report(client, cast, unit_a, report_a, name):
    client.force_login(cast["clerk_b"])

    assert client.get(reverse(name), {"period": "2020-Q1", "scope": unit_a.pk}).status_code == 403


def test_a_clerk_gets_their_own_units_report_and_the_manager_the_provinces(client, cast, report_a, report_b):
    write_text(report_a, shortcomings="Hạn chế của Sở Nội vụ.")
    write_text(report_b, shortcomings="Hạn chế của Sở Tư pháp.")
    submit(report_a, report_b)

    client.force_login(cast["clerk_a"])
    mine = client.get(reverse(PAGE), {"period": "2020-Q1"})
    client.force_login(cast["manager"])
    province = client.get(reverse(PAGE), {"period": "2020-Q1"})

    assert mine.context["narrative"].issuer == "Sở Nội vụ"
    assert "Hạn chế của Sở Nội vụ." in mine.content.decode()
    assert "Sở Tư pháp" not in mine.content.decode()
    assert province.context["narrative"].issuer == "UBND tỉnh Thử Nghiệm"
    assert paragraphs_of(province.context["narrative"], "shortcomings")[1:] == [
        "Sở Nội vụ: Hạn chế của Sở Nội vụ.",
        "Sở Tư pháp: Hạn chế của Sở Tư pháp.",
    ]


@pytest.mark.parametrize("name", [PAGE, DOWNLOAD])
@pytest.mark.parametrize("code", ["2020-Q5", "quý 1"])
def test_a_bad_period_gives_a_clear_message_not_a_file_or_a_500(client, cast, period, name, code):
    client.force_login(cast["manager"])

    response = client.get(reverse(name), {"period": code})

    assert response.status_code == 400
    content = response.content.decode()
    # The narrative reads months and runs of months too (issue 11): the message lists every form it takes.
    assert "không hợp lệ: dùng 2022-08, 2022-Q3, 2022-H1, 2022-9M, 2022 hoặc 2019-10-01..2020-08-31." in content
    assert 'id="id_period"' in content


def test_the_page_is_labelled_in_english_but_the_report_stays_vietnamese(seeded, client, settings):
    client.force_login(get_user_model().objects.get(username="quanly.snv"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse(PAGE), {"period": "2020-Q1"})

    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert EXAMPLE in content
    assert '<article class="card" lang="vi" id="narrative">' in content
