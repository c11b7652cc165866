"""The whole article from data (issue 18): every figure, document number, date and named unit of the source
article is said by the narrative generated for 2020-Q1 after `seed_demo`, inside its sentence.

Source: /work/shared/seed/000_0db565580ac0ac11.txt (Cao Bằng, Q1 2020). Each item is what the article says, the
way the narrative writes it (`said`: "02" → "2", "1190" → "1.190", "85,6%" → "85,60%"), and the words around it
(`context`), as tests/source_figures.py records them: the item must sit inside the context, and the context
inside one sentence of its section, so a number found elsewhere (in a list of numbers, another sentence) does
not count. A second test keeps a quarter with little data clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from cchc import services
from cchc.models import Period, Unit
from conftest import submit
from procedures import services as procedure_services
from reports.narrative import NOTE, narrative_build
from reports.periods import PeriodSpan
from seeds import cao_bang as cb

Q1 = PeriodSpan.parse("2020-Q1")


@dataclass(frozen=True)
class Item:
    """One item of the article: as the article writes it, as the narrative says it, and the words around it."""

    article: str
    section: str
    context: str
    said: str = ""

    @property
    def text(self) -> str:
        return self.said or self.article


def _items(section: str, context: str, *articles: str | tuple[str, str]) -> list[Item]:
    out = []
    for article in articles:
        article, said = article if isinstance(article, tuple) else (article, "")
        out.append(Item(article, section, context, said))
    return out


DIRECTION, INSTITUTIONS, PROCEDURES = "area-1", "area-2", "area-3"
ORGANISATION, CIVIL_SERVICE, FINANCE, EGOV = "area-4", "area-5", "area-6", "area-7"
TASKS = "next-tasks"

ITEMS: list[Item] = [
    # 1. Direction: the documents with number and date, the civil-service-culture decision, outreach.
    # The direction documents are a list (number, date, issuer, title): the issuer is the sentence's subject.
    *_items(
        DIRECTION,
        "UBND tỉnh ban hành Công văn số 186/UBND-NC ngày 04/02/2020 yêu cầu, đôn đốc các cơ quan, đơn vị triển "
        "khai thực hiện Kế hoạch CCHC năm 2020 của tỉnh",
        "UBND tỉnh",
        "186/UBND-NC",
        "04/02/2020",
        "Kế hoạch CCHC năm 2020 của tỉnh",
    ),
    *_items(
        DIRECTION,
        "nội dung về văn hóa công vụ theo Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ",
        "1847/QĐ-TTg",
        "27/12/2018",
        "Thủ tướng Chính phủ",
    ),
    *_items(DIRECTION, "Báo Cao Bằng thực hiện 12 tin, bài về CCHC", "Báo Cao Bằng", "12 tin, bài"),
    *_items(
        DIRECTION,
        "Đài Phát thanh và Truyền hình tỉnh Cao Bằng thực hiện 72 tin và 12 phóng sự về CCHC",
        "Đài Phát thanh và Truyền hình tỉnh",
        "72 tin",
        "12 phóng sự",
    ),
    # 2. Institutions.
    *_items(INSTITUTIONS, "góp ý đối với 37 dự thảo văn bản QPPL", "37"),
    *_items(INSTITUTIONS, "tự kiểm tra đối với 15 quyết định của UBND tỉnh, 14 nghị quyết", "15", "14"),
    *_items(INSTITUTIONS, "kiểm tra đối với 50 văn bản do HĐND, UBND cấp huyện gửi đến", "50"),
    *_items(
        INSTITUTIONS,
        "ban hành Quyết định số 57/QĐ-UBND ngày 22/01/2020 về công bố danh mục 58 văn bản QPPL hết hiệu lực, "
        "ngưng hiệu lực toàn bộ",
        "57/QĐ-UBND",
        "22/01/2020",
        "58",
    ),
    *_items(INSTITUTIONS, "31 văn bản hết hiệu lực một phần năm 2019", "31", "năm 2019"),
    *_items(
        INSTITUTIONS,
        "2 văn bản hết hiệu lực một phần trước ngày 01/01/2019",
        ("02", "2 văn bản"),
        "01/01/2019",
    ),
    # 3. Procedures and the one-stop shop.
    *_items(
        PROCEDURES,
        "Chủ tịch UBND tỉnh Cao Bằng ban hành 3 quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC với 17 quy "
        "trình",
        ("03", "3 quyết định"),
        "17",
    ),
    *_items(PROCEDURES, "của các cấp chính quyền trên địa bàn tỉnh là 1.722 TTHC", "1.722"),
    *_items(PROCEDURES, "cắt giảm thời hạn giải quyết đối với 904 TTHC", "904"),
    *_items(
        PROCEDURES,
        "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 2.084 hồ sơ TTHC (trong đó: giải quyết đúng hạn "
        "1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)",
        "Trung tâm Phục vụ hành chính công",
        "2.084",
        "1.604",
        "10",
        "470",
    ),
    *_items(PROCEDURES, "triển khai thực hiện đến 199/199 xã, phường, thị trấn", "199/199"),
    *_items(
        PROCEDURES,
        "tiếp nhận giải quyết qua phần mềm 14.595 hồ sơ TTHC (trong đó: giải quyết đúng hạn 11.881 hồ sơ, giải "
        "quyết trễ hạn 955 hồ sơ, đang giải quyết 1.759 hồ sơ)",
        "14.595",
        "11.881",
        "955",
        "1.759",
    ),
    *_items(
        PROCEDURES,
        "Từ ngày 01/01/2020 đến ngày 05/03/2020, UBND tỉnh Cao Bằng đã tiếp nhận, xử lý 85 phản ánh, kiến nghị",
        "01/01/2020",
        "05/03/2020",
        "85",
    ),
    # 4. Organisation: the districts merged, named from the unit tree; the schemes; quota; downsizing.
    *_items(
        ORGANISATION,
        "sắp xếp 6 đơn vị hành chính cấp huyện (Hà Quảng, Thông Nông, Trùng Khánh, Trà Lĩnh, Quảng Uyên, "
        "Phục Hòa) và 76 đơn vị hành chính cấp xã",
        ("06", "6 đơn vị hành chính cấp huyện"),
        "Hà Quảng",
        "Thông Nông",
        "Trùng Khánh",
        "Trà Lĩnh",
        "Phục Hòa",
        "Quảng Uyên",
        "76",
    ),
    *_items(
        ORGANISATION,
        "bố trí, sắp xếp đối với 386 cán bộ, công chức cấp huyện và 1.516 cán bộ, công chức cấp xã",
        "386",
        "1.516",
    ),
    *_items(ORGANISATION, "chế độ, chính sách đối với 278 trường hợp", "278"),
    *_items(
        ORGANISATION,
        "phê duyệt đề án vị trí việc làm: các đơn vị sự nghiệp công lập; Sở Y tế; Sở Giáo dục và Đào tạo; Sở "
        "Công Thương",
        "các đơn vị sự nghiệp công lập",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
        "Sở Công Thương",
    ),
    *_items(ORGANISATION, "quyết định giao 2.101 biên chế công chức năm 2020", "2.101", "năm 2020"),
    *_items(
        ORGANISATION,
        "tinh giản biên chế theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP đợt I năm 2020 (lần "
        "3) đối với 43 trường hợp",
        "108/2014/NĐ-CP",
        "113/2018/NĐ-CP",
        "đợt I năm 2020",
        "lần 3",
        "43",
    ),
    # 5. Civil service.
    *_items(CIVIL_SERVICE, "xếp loại chất lượng 49 tập thể lãnh đạo, quản lý", "49"),
    *_items(CIVIL_SERVICE, "quyết định xếp loại đối với 68 cán bộ, công chức", "68"),
    *_items(CIVIL_SERVICE, "đề xuất mức xếp loại đối với 38 cán bộ, công chức diện Ban Thường vụ Tỉnh ủy", "38"),
    *_items(
        CIVIL_SERVICE,
        "cán bộ, công chức, viên chức năm 2019: tổng số 21.635 người",
        "năm 2019",
        "21.635",
    ),
    *_items(CIVIL_SERVICE, "hoàn thành xuất sắc nhiệm vụ 1.809 (8,36%)", "1.809", "8,36%"),
    *_items(CIVIL_SERVICE, "hoàn thành tốt nhiệm vụ 18.520 (85,60%)", "18.520", ("85,6%", "85,60%")),
    *_items(CIVIL_SERVICE, "1.190 (5,50%)", ("1190", "1.190"), ("5,5%", "5,50%")),
    *_items(CIVIL_SERVICE, "không hoàn thành nhiệm vụ 116 (0,54%)", "116", "0,54%"),
    # 6. Public finance: the decrees applied, from the catalogue.
    *_items(
        FINANCE,
        "sử dụng biên chế và kinh phí quản lý hành chính theo Nghị định số 130/2005/NĐ-CP",
        "130/2005/NĐ-CP",
    ),
    *_items(FINANCE, "cơ chế tự chủ của đơn vị sự nghiệp công lập theo Nghị định số 16/2015/NĐ-CP", "16/2015/NĐ-CP"),
    # 7. E-government: the software in use, documents exchanged, websites, ISO.
    *_items(
        EGOV,
        "Phần mềm quản lý văn bản VNPT-iOffice đã kết nối liên thông đến 100% đơn vị hành chính cấp xã",
        "VNPT-iOffice",
        "100%",
    ),
    *_items(
        EGOV,
        "Tính đến ngày 29/02/2020, đã có 54.362 văn bản trao đổi qua mạng",
        "29/02/2020",
        "54.362",
    ),
    *_items(
        EGOV,
        "100% các cơ quan chuyên môn thuộc UBND tỉnh và UBND các huyện, thành phố duy trì, cập nhật thông tin",
        "100%",
    ),
    *_items(EGOV, "có 72 đơn vị đang áp dụng, duy trì hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001", "72"),
    # The next quarter's tasks, from the report's text.
    *_items(TASKS, "chuyển đổi hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015", "ISO 9001:2015"),
    *_items(TASKS, "dịch vụ công trực tuyến mức độ 3 của cấp sở và cấp huyện", "mức độ 3"),
]


@pytest.fixture
def seeded(demo_data) -> Unit:
    return Unit.objects.get(code=cb.PROVINCE[0])


def sentences_of(narrative, key: str) -> list[str]:
    [section] = [s for s in narrative.sections if s.key == key]
    return [sentence for paragraph in section.paragraphs for sentence in paragraph.sentences]


def test_the_list_has_about_seventy_items_each_inside_its_context():
    assert len(ITEMS) >= 70
    assert [i for i in ITEMS if i.text not in i.context] == []


def test_every_item_of_the_article_is_inside_its_sentence_for_2020_q1(seeded):
    narrative = narrative_build(span=Q1, scope=seeded)

    missing = [
        (item.article, item.section, item.context)
        for item in ITEMS
        if not any(item.context in sentence for sentence in sentences_of(narrative, item.section))
    ]
    assert missing == []


def test_a_quarter_with_little_data_stays_clean(seeded):
    """Q2 2020: the province typed one figure. No empty heading, no "None", no 0 for a figure not reported, and
    nothing of Q1 (the mergers of February, the catalogue's decrees) leaks into it."""
    province = seeded
    clerk = get_user_model().objects.get(username="canbo.tinh")
    report = services.report_get_or_create(unit=province, period=Period.objects.get(year=2020, quarter=2))
    services.report_update(
        report=report,
        user=clerk,
        expected_version=report.version,
        apply=lambda r: procedure_services.procedure_figures_save(report=r, values={"procedures_in_force": 1722}),
    )
    submit(report)  # the narrative reads reported figures only, never a draft

    narrative = narrative_build(span=PeriodSpan.parse("2020-Q2"), scope=province)

    assert "None" not in narrative.text
    assert all(section.paragraphs for section in narrative.sections if section.level == 2)  # no empty heading
    assert not [s for s in narrative.sentences if re.search(r"(?<![\d.,/])0(?![\d.,/%])", s)]  # no 0 for a gap
    said = [s for s in narrative.sentences if "1.722" in s]
    assert said == ["Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh là 1.722 TTHC."]
    for absent in ("Hà Quảng", "864/NQ-UBTVQH14", "130/2005/NĐ-CP", "VNPT-iOffice", "1847/QĐ-TTg"):
        assert absent not in narrative.text
    notes = [p for section in narrative.sections for p in section.paragraphs if p.style == NOTE]
    assert notes  # the areas without figures say so, once each


def test_online_public_services_are_said_by_level_from_the_procedure_catalogue(seeded):
    """2020 is before Decree 42/2022/NĐ-CP: the catalogue's online procedures are said as levels 3 and 4."""
    from procedures.choices import OnlineLevel
    from procedures.models import Procedure

    codes = list(Procedure.objects.order_by("code").values_list("code", flat=True))
    Procedure.objects.filter(code__in=codes[:3]).update(online_level=OnlineLevel.LEVEL_3)
    Procedure.objects.filter(code__in=codes[3:5]).update(online_level=OnlineLevel.LEVEL_4)

    narrative = narrative_build(span=Q1, scope=seeded)

    assert (
        f"Dịch vụ công trực tuyến được cung cấp đối với 3 TTHC mức độ 3 và 2 TTHC mức độ 4 trong tổng số "
        f"{len(codes)} TTHC của danh mục đang có hiệu lực."
    ) in sentences_of(narrative, PROCEDURES)


def _add_to_province_q1(province, apply) -> None:
    """Reopen the province's approved Q1-2020 report, let its clerk `apply` a change, submit it again."""
    report = services.report_get_or_create(unit=province, period=Period.objects.get(year=2020, quarter=1))
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if report.status != "draft":
        report = services.report_reopen(report=report, user=admin, reason="Bổ sung số liệu")
    clerk = get_user_model().objects.get(username="canbo.tinh")
    services.report_update(report=report, user=clerk, expected_version=report.version, apply=apply)
    report.refresh_from_db()
    submit(report)


def test_direction_documents_are_listed_with_their_titles_each_issuer_the_subject(seeded):
    """The list figure of direction documents (outreach.figures.direction_documents): one sentence per issuer,
    the reporting unit when no issuer is typed, and a document number said once even when the catalogue's
    directive figure holds it too."""
    from outreach import services as outreach_services
    from outreach.choices import DocumentKind

    rows = [
        {
            "id": None,
            "kind": DocumentKind.DECISION,
            "number": "12/QĐ-UBND",
            "issued_on": "2020-01-10",
            "issuer": "Chủ tịch UBND tỉnh",
            "title": "V/v phê duyệt quy trình nội bộ giải quyết TTHC",
        },
        {
            "id": None,
            "kind": DocumentKind.PLAN,
            "number": "20/KH-UBND",
            "issued_on": "2020-01-15",
            "issuer": "",
            "title": "Thực hiện CCHC năm 2020",
        },
    ]
    province = seeded
    _add_to_province_q1(province, lambda r: outreach_services.documents_save(report=r, rows=rows, delete_ids=[]))

    said = sentences_of(narrative_build(span=Q1, scope=province), DIRECTION)
    text = " ".join(said)

    assert (
        "Chủ tịch UBND tỉnh ban hành Quyết định số 12/QĐ-UBND ngày 10/01/2020 về việc phê duyệt quy trình nội bộ "
        "giải quyết TTHC." in text
    )
    assert f"{province.name} ban hành Kế hoạch số 20/KH-UBND ngày 15/01/2020 thực hiện CCHC năm 2020." in said
    assert sum(sentence.count("186/UBND-NC") for sentence in said) == 1


def test_outreach_on_agency_portals_is_said_only_where_entered(seeded):
    from outreach import services as outreach_services
    from outreach.choices import ItemKind, OutletKind

    before = " ".join(sentences_of(narrative_build(span=Q1, scope=seeded), DIRECTION))
    assert "cổng, trang thông tin điện tử" not in before  # the article gives no figure: nothing is said

    portal = outreach_services.outlet_upsert(name="Cổng thông tin điện tử tỉnh", kind=OutletKind.WEB_PORTAL)
    _add_to_province_q1(
        seeded, lambda r: outreach_services.count_upsert(report=r, outlet=portal, kind=ItemKind.NEWS, count=20)
    )

    said = sentences_of(narrative_build(span=Q1, scope=seeded), DIRECTION)
    assert (
        "Các cổng, trang thông tin điện tử của cơ quan, đơn vị đăng tải tin, bài tuyên truyền về CCHC: Cổng thông "
        "tin điện tử tỉnh 20 tin." in said
    )
    assert any("Báo Cao Bằng thực hiện 12 tin, bài về CCHC" in sentence for sentence in said)


def test_the_move_to_iso_9001_2015_is_said_only_where_entered(seeded):
    """The article gives no figure of the 2015 version: nothing is said. Entered alone (no units applying typed),
    it still has its sentence."""
    from iso import services as iso_services

    assert not [s for s in sentences_of(narrative_build(span=Q1, scope=seeded), EGOV) if "9001:2015" in s]

    report = services.report_get_or_create(unit=seeded, period=Period.objects.get(year=2020, quarter=2))
    services.report_update(
        report=report,
        user=get_user_model().objects.get(username="canbo.tinh"),
        expected_version=report.version,
        apply=lambda r: iso_services.iso_figures_save(report=r, values={"units_on_2015": 5, "units_transitioning": 3}),
    )
    submit(report)

    said = sentences_of(narrative_build(span=PeriodSpan.parse("2020-Q2"), scope=seeded), EGOV)
    assert (
        "Đến nay, trên địa bàn tỉnh có 5 đơn vị áp dụng TCVN ISO 9001:2015 và 3 đơn vị đang chuyển đổi sang TCVN "
        "ISO 9001:2015." in said
    )
