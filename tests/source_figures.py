"""The Q1-2020 figures of the source article, and where each one must be found once entered through the forms.

Source: Cao Bằng, "Tình hình thực hiện công tác cải cách hành chính quý I năm 2020" (16/03/2020),
/work/shared/seed/000_0db565580ac0ac11.txt. Each figure quotes the article's sentence it comes from ("…" cuts
the sentence short), then says:

- what the clerk of the unit that publishes it types, and into which field of the report page
  (`PROVINCE_PASSES`, `CENTRE_PASSES`: one dict per "Lưu nháp", field name → what is typed);
- the words of the narrative report that give the number its meaning (`Figure.said`, inside one of the
  expected sentences of its section, `SENTENCES`);
- its cells in the workbook (`Figure.places`): the sheet, the table (its title), the row of the unit that
  reported it (and, where a unit has several rows, what the row's other columns read), the column's header.

Numbers are typed as a browser posts them: digits in the number inputs (`type="number"`), the article's own
Vietnamese format ("54.362") in the catalogue's localized text inputs, dates as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from seeds import cao_bang as cb

PROVINCE, CENTRE = cb.PROVINCE[0], cb.SERVICE_CENTRE[0]  # "CB", "CB-TTPVHCC"
PROVINCE_CLERK, CENTRE_CLERK, MANAGER = "canbo.tinh", "canbo.tthcc", "quanly.snv"

NEWSPAPER = "Báo Cao Bằng"
RADIO_TV = "Đài Phát thanh và Truyền hình tỉnh Cao Bằng"
# The article's two reception points: the province-wide one-stop software, and the public service centre.
PROVINCE_POINT = "Toàn tỉnh (qua phần mềm một cửa điện tử)"
CENTRE_POINT = "Trung tâm Phục vụ hành chính công tỉnh"


@dataclass(frozen=True)
class Choice:
    """An option of a <select>, or a checkbox, picked by the label the clerk reads on the page."""

    label: str


# --- what the clerks type --------------------------------------------------------------------------------

PROVINCE_PASSES: list[dict[str, object]] = [
    {
        # "Ngày 04/02/2020, UBND tỉnh ban hành Công văn số 186/UBND-NC yêu cầu, đôn đốc các cơ quan, đơn vị triển
        # khai thực hiện Kế hoạch CCHC năm 2020 …"
        "figures1-f_directive_document": "186/UBND-NC",
        "figures1-f_directive_document_asof": "04/02/2020",
        # … and the same document in the list of the quarter's direction documents, with its issuer and title.
        "direction_documents-0-kind": Choice("Công văn"),
        "direction_documents-0-number": "186/UBND-NC",
        "direction_documents-0-issued_on": "04/02/2020",
        "direction_documents-0-issuer": "UBND tỉnh",
        "direction_documents-0-title": "yêu cầu, đôn đốc các cơ quan, đơn vị triển khai thực hiện Kế hoạch CCHC "
        "năm 2020 của tỉnh",
        # "Báo Cao Bằng thực hiện 12 tin, bài về CCHC" — one total of news and articles, not split.
        "outreach_counts-0-outlet": Choice(NEWSPAPER),
        "outreach_counts-0-kind": Choice("Tin, bài (không tách)"),
        "outreach_counts-0-count": "12",
        # "… các cơ quan chức năng của tỉnh đã góp ý đối với 37 dự thảo văn bản QPPL; tự kiểm tra đối với 15 quyết
        # định của UBND tỉnh, 14 nghị quyết của Hội đồng nhân dân tỉnh; kiểm tra đối với 50 văn bản do HĐND, UBND
        # cấp huyện gửi đến."
        "figures2-f_qppl_drafts_commented": "37",
        "figures2-f_qppl_self_inspected_decisions": "15",
        "figures2-f_qppl_self_inspected_resolutions": "14",
        "figures2-f_qppl_district_inspected": "50",
        # "UBND tỉnh ban hành Quyết định số 57/QĐ-UBND ngày 22/01/2020 về công bố danh mục 58 văn bản QPPL hết hiệu
        # lực, ngưng hiệu lực toàn bộ và 31 văn bản hết hiệu lực một phần năm 2019, 02 văn bản hết hiệu lực một
        # phần trước ngày 01/01/2019 …"
        "figures2-f_qppl_expiry_decision": "57/QĐ-UBND",
        "figures2-f_qppl_expiry_decision_asof": "22/01/2020",
        "figures2-f_qppl_expired_full": "58",
        "figures2-f_qppl_expired_part_last_year": "31",
        "figures2-f_qppl_expired_part_earlier": "02",
        # "Chủ tịch UBND tỉnh ban hành 03 Quyết định phê duyệt Quy trình nội bộ trong giải quyết TTHC với 17 quy
        # trình."
        "procedures-decisions_workflows": "3",
        "procedures-workflows_approved": "17",
        # "… tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh Cao Bằng là 1.722
        # TTHC. Đến nay, toàn tỉnh đã thực hiện cắt giảm thời hạn giải quyết đối với 904 TTHC."
        "procedures-procedures_in_force": "1722",
        "procedures-procedures_reduced": "904",
        # "Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến 199/199 xã, phường, thị trấn."
        "procedures-communes_on_one_stop": "199",
        "procedures-communes_total": "199",
        # "… Hệ thống đã tiếp nhận, xử lý 85 phản ánh, kiến nghị." — received and handled.
        "procedures-feedback_received": "85",
        "procedures-feedback_handled": "85",
        # "Từ ngày 01/01/2020 đến ngày 05/03/2020, Hệ thống đã tiếp nhận, xử lý …" — the window, not the quarter.
        "procedures-feedback_from": "01/01/2020",
        "procedures-feedback_to": "05/03/2020",
        # "… các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận giải quyết qua phần mềm 14.595 hồ sơ TTHC (trong
        # đó: giải quyết đúng hạn 11.881 hồ sơ, giải quyết trễ hạn 955 hồ sơ, đang giải quyết 1.759 hồ sơ)."
        # "Đã giải quyết" is required by the form: 11.881 on time + 955 late = 12.836.
        "ledger-0-reception_point": PROVINCE_POINT,
        "ledger-0-received_total": "14595",
        "ledger-0-resolved_on_time": "11881",
        "ledger-0-resolved_late": "955",
        "ledger-0-resolved_total": "12836",
        "ledger-0-pending_total": "1759",
        # "… sắp xếp các đơn vị hành chính cấp huyện (06 huyện: …), cấp xã (76 xã, thị trấn); … bố trí, sắp xếp
        # đối với 386 cán bộ, công chức cấp huyện của 06 huyện, 1.516 cán bộ, công chức cấp xã … Thực hiện chế độ
        # chính sách đối với 278 cán bộ, công chức, viên chức và cán bộ, công chức cấp xã."
        "personnel-districts_merged": "6",
        "personnel-communes_merged": "76",
        "personnel-district_officials_reassigned": "386",
        "personnel-commune_officials_reassigned": "1516",
        "personnel-policy_cases": "278",
        # "… quyết định giao biên chế công chức năm 2020 trong các cơ quan của HĐND, UBND cấp tỉnh, cấp huyện:
        # 2.101 biên chế"
        "personnel-quota_year": "2020",
        "personnel-quota": "2101",
        # "UBND tỉnh đánh giá xếp loại chất lượng 49 tập thể lãnh đạo quản lý …; Quyết định xếp loại đối với 68 cán
        # bộ, công chức; đề xuất mức xếp loại đối với 38 cán bộ, công chức diện Ban Thường vụ Tỉnh ủy quản lý"
        "personnel-collectives_rated": "49",
        "personnel-individuals_decided": "68",
        "personnel-individuals_proposed": "38",
        # "Kết quả xếp loại cán bộ, công chức, viên chức năm 2019: Tổng số: 21.635 người, trong đó Hoàn thành xuất
        # sắc nhiệm vụ 1.809 (8,36%); Hoàn thành tốt nhiệm vụ 18.520 (85,6%); Hoàn thành nhiệm vụ nhưng còn hạn chế
        # về năng lực (đối với công chức) và Hoàn thành nhiệm vụ (đối với viên chức): 1190 (5,5%); Không hoàn thành
        # nhiệm vụ 116 (0,54%)." — one total for all staff; the shares are computed, never typed.
        "ratings-0-rating_year": "2019",
        "ratings-0-category": Choice("Cán bộ, công chức, viên chức (chung)"),
        "ratings-0-excellent": "1809",
        "ratings-0-good": "18520",
        "ratings-0-completed": "1190",
        "ratings-0-not_completed": "116",
        "ratings-0-published_total": "21635",
        # "… quyết định phê duyệt danh sách và cấp kinh phí chính sách tinh giản biên chế theo Nghị định số
        # 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP bổ sung đợt I năm 2020 (lần 3) đối với 43 trường hợp
        # CBCCVC và người lao động trong toàn tỉnh."
        "downsizing-0-year": "2020",
        "downsizing-0-batch": "I",
        "downsizing-0-round": "3",
        "downsizing-0-cases": "43",
        "downsizing-0-legal_bases": [Choice("Nghị định 108/2014/NĐ-CP"), Choice("Nghị định 113/2018/NĐ-CP")],
        # "… phần mềm quản lý văn bản VNPT-iOffice đã kết nối liên thông từ cấp tỉnh đến 100% đơn vị hành chính
        # cấp xã. Tính đến ngày 29/02/2020 đã có 54.362 văn bản trao đổi qua mạng giữa các đơn vị trong tỉnh."
        "figures7-f_egov_documents_exchanged": "54.362",
        "figures7-f_egov_documents_exchanged_asof": "29/02/2020",
        "figures7-f_egov_communes_connected": "100",
        # "Đến nay, trên địa bàn tỉnh Cao Bằng có 72 đơn vị đang thực hiện áp dụng và duy trì hệ thống ISO …"
        "iso-units_applying": "72",
        # The closing paragraphs: "Bên cạnh những kết quả đã đạt được, …", "… nhiệm vụ trọng tâm … quý II như: …".
        "narrative-shortcomings": cb.Q1_2020_SHORTCOMINGS,
        "narrative-causes": cb.Q1_2020_CAUSES,
        "narrative-next_tasks": cb.Q1_2020_TASKS,
    },
    # "Đài Phát thanh và Truyền hình tỉnh đã thực hiện 72 tin về CCHC trong nước và của tỉnh, 12 phóng sự …".
    # The page offers one empty row of counts at a time: each further count is typed after the previous save.
    {
        "outreach_counts-1-outlet": Choice(RADIO_TV),
        "outreach_counts-1-kind": Choice("Tin"),
        "outreach_counts-1-count": "72",
    },
    {
        "outreach_counts-2-outlet": Choice(RADIO_TV),
        "outreach_counts-2-kind": Choice("Phóng sự"),
        "outreach_counts-2-count": "12",
    },
]

CENTRE_PASSES: list[dict[str, object]] = [
    {
        # "Trong quý I, Trung tâm đã tiếp nhận 2.084 hồ sơ TTHC (trong đó: giải quyết đúng hạn 1.604 hồ sơ, giải
        # quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)." — resolved: 1.604 + 10 = 1.614.
        "ledger-0-reception_point": CENTRE_POINT,
        "ledger-0-received_total": "2084",
        "ledger-0-resolved_on_time": "1604",
        "ledger-0-resolved_late": "10",
        "ledger-0-resolved_total": "1614",
        "ledger-0-pending_total": "470",
    },
]


# --- the narrative report: its sentences ---------------------------------------------------------------------

LEAD = "Trong quý I năm 2020, "
# The list of direction documents: the issuer typed ("UBND tỉnh") is the subject, the title follows the number.
DIRECTIVE = (
    LEAD + "UBND tỉnh ban hành Công văn số 186/UBND-NC ngày 04/02/2020 yêu cầu, đôn đốc các cơ quan, đơn vị "
    "triển khai thực hiện Kế hoạch CCHC năm 2020 của tỉnh."
)
OUTREACH = (
    "Báo Cao Bằng thực hiện 12 tin, bài về CCHC; Đài Phát thanh và Truyền hình tỉnh Cao Bằng thực hiện "
    "72 tin và 12 phóng sự về CCHC."
)
LEGAL_REVIEW = (
    LEAD + "UBND tỉnh Cao Bằng đã góp ý đối với 37 dự thảo văn bản QPPL; tự kiểm tra đối với 15 quyết định "
    "của UBND tỉnh, 14 nghị quyết của HĐND tỉnh; kiểm tra đối với 50 văn bản do HĐND, UBND cấp huyện gửi "
    "đến."
)
EXPIRY = (
    "UBND tỉnh Cao Bằng ban hành Quyết định số 57/QĐ-UBND ngày 22/01/2020 về công bố danh mục 58 văn bản "
    "QPPL hết hiệu lực, ngưng hiệu lực toàn bộ; 31 văn bản hết hiệu lực một phần năm 2019; 2 văn bản hết hiệu "
    "lực một phần trước ngày 01/01/2019."
)
WORKFLOWS = (
    LEAD + "Chủ tịch UBND tỉnh Cao Bằng ban hành 3 quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC với 17 "
    "quy trình."
)
IN_FORCE = "Tổng số TTHC thuộc thẩm quyền giải quyết của các cấp chính quyền trên địa bàn tỉnh là 1.722 TTHC."
REDUCED = "Đến nay, toàn tỉnh đã thực hiện cắt giảm thời hạn giải quyết đối với 904 TTHC."
# The example, word for word.
CENTRE_LEDGER = (
    "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 2.084 hồ sơ TTHC (trong đó: giải quyết "
    "đúng hạn 1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)."
)
ONE_STOP = "Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến 199/199 xã, phường, thị trấn."
PROVINCE_LEDGER = (
    "Các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận giải quyết qua phần mềm 14.595 hồ sơ "
    "TTHC (trong đó: giải quyết đúng hạn 11.881 hồ sơ, giải quyết trễ hạn 955 hồ sơ, đang giải quyết "
    "1.759 hồ sơ)."
)
# The feedback system's own window, typed with the figures, leads the sentence instead of the quarter.
FEEDBACK = (
    "Từ ngày 01/01/2020 đến ngày 05/03/2020, UBND tỉnh Cao Bằng đã tiếp nhận, xử lý 85 phản ánh, kiến nghị của "
    "cá nhân, tổ chức."
)
# The district names come from the unit tree's mergers (seeds.load.load_units), not from the form.
REARRANGED = (
    LEAD + "UBND tỉnh Cao Bằng đã thực hiện sắp xếp 6 đơn vị hành chính cấp huyện (Hà Quảng, Thông Nông, Trùng "
    "Khánh, Trà Lĩnh, Quảng Uyên, Phục Hòa) và 76 đơn vị hành chính cấp xã."
)
MERGERS = (
    "Theo Nghị quyết số 864/NQ-UBTVQH14, từ ngày 01/02/2020: huyện Hà Quảng và huyện Thông Nông hợp thành huyện "
    "Hà Quảng; huyện Trùng Khánh và huyện Trà Lĩnh hợp thành huyện Trùng Khánh; huyện Quảng Uyên và huyện Phục "
    "Hòa hợp thành huyện Quảng Hòa."
)
REASSIGNED = (
    "UBND tỉnh Cao Bằng đã xây dựng phương án bố trí, sắp xếp đối với 386 cán bộ, công chức cấp huyện và "
    "1.516 cán bộ, công chức cấp xã."
)
POLICY = "UBND tỉnh Cao Bằng đã thực hiện chế độ, chính sách đối với 278 trường hợp cán bộ, công chức, viên chức."
QUOTA = "UBND tỉnh Cao Bằng quyết định giao 2.101 biên chế công chức năm 2020."
DOWNSIZING = (
    "UBND tỉnh Cao Bằng quyết định phê duyệt danh sách và cấp kinh phí thực hiện chính sách tinh giản "
    "biên chế theo Nghị định số 108/2014/NĐ-CP và Nghị định số 113/2018/NĐ-CP đợt I năm 2020 (lần 3) đối "
    "với 43 trường hợp cán bộ, công chức, viên chức và người lao động."
)
LEADERSHIP = (
    LEAD + "UBND tỉnh Cao Bằng đã đánh giá, xếp loại chất lượng 49 tập thể lãnh đạo, quản lý; quyết định xếp "
    "loại đối với 68 cán bộ, công chức; đề xuất mức xếp loại đối với 38 cán bộ, công chức diện Ban Thường "
    "vụ Tỉnh ủy quản lý."
)
RATINGS = (
    "Kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm 2019: tổng số 21.635 người, trong "
    "đó hoàn thành xuất sắc nhiệm vụ 1.809 (8,36%); hoàn thành tốt nhiệm vụ 18.520 (85,60%); hoàn thành nhiệm "
    "vụ (công chức: còn hạn chế về năng lực) 1.190 (5,50%); không hoàn thành nhiệm vụ 116 (0,54%)."
)
DOCUMENTS = "Tính đến ngày 29/02/2020, đã có 54.362 văn bản trao đổi qua mạng giữa các đơn vị trong tỉnh."
CONNECTED = "Phần mềm quản lý văn bản đã kết nối liên thông đến 100% đơn vị hành chính cấp xã."
ISO = (
    "Đến nay, trên địa bàn tỉnh có 72 đơn vị đang áp dụng, duy trì hệ thống quản lý chất lượng theo tiêu chuẩn "
    "ISO 9001."
)

# Section of the narrative (reports.narrative: "area-<reform area>") → its sentences, in order.
SENTENCES: dict[str, list[str]] = {
    "area-1": [DIRECTIVE, OUTREACH],
    "area-2": [LEGAL_REVIEW, EXPIRY],
    "area-3": [WORKFLOWS, IN_FORCE, REDUCED, CENTRE_LEDGER, ONE_STOP, PROVINCE_LEDGER, FEEDBACK],
    "area-4": [REARRANGED, MERGERS, REASSIGNED, POLICY, QUOTA, DOWNSIZING],
    "area-5": [LEADERSHIP, RATINGS],
    "area-7": [DOCUMENTS, CONNECTED, ISO],
}


# --- the workbook: where each figure is ------------------------------------------------------------------------

SUMMARY = "Tổng hợp"
DIRECTION_SHEET = "1. Chỉ đạo, tuyên truyền"
INSTITUTIONS_SHEET = "2. Thể chế"
PROCEDURES_SHEET = "3. Thủ tục hành chính"
ORGANISATION_SHEET = "4. Tổ chức bộ máy"
CIVIL_SERVICE_SHEET = "5. Chế độ công vụ"
EGOV_SHEET = "7. Chính quyền điện tử"
TEXTS_SHEET = "Hạn chế, nhiệm vụ"
# Titles of the annex tables.
OUTREACH_TABLE = "Số tin, bài tuyên truyền (nhập tổng hợp)"
CATALOGUE_TABLE = "Số liệu bổ sung"
PROCEDURES_TABLE, LEDGER_TABLE = "Số liệu thủ tục hành chính", "Sổ theo dõi hồ sơ một cửa"
ORGANISATION_TABLE = "Biên chế, sắp xếp đơn vị hành chính và chế độ, chính sách"
DOWNSIZING_TABLE = "Tinh giản biên chế"
LEADERSHIP_TABLE = "Đánh giá, xếp loại tập thể, cá nhân lãnh đạo"
RATINGS_TABLE = "Kết quả đánh giá, xếp loại chất lượng"
ISO_TABLE = "Số liệu áp dụng ISO 9001"
# The province's row on the summary is its total row (the scope unit's own figures).
PROVINCE_TOTAL = f"total:{PROVINCE}"


@dataclass(frozen=True)
class Share:
    """A share as the article prints it ("8,36%"); the workbook holds the fraction (0,0836…) formatted as %."""

    percent: Decimal


@dataclass(frozen=True)
class Place:
    """A cell of the workbook: on `sheet`, in the table titled `table` (on the summary: none), on the row of the unit
    `unit` whose other columns read `where`, under the header `header`. `value`: an int (a count, stored as a
    number), a Share, a str (a document number) or a date."""

    sheet: str
    table: str | None
    unit: str
    header: str
    value: object
    where: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class Figure:
    """One figure of the issue's list: its narrative section, the words that say it, and its cells."""

    name: str
    section: str
    said: str
    places: tuple[Place, ...]


def _annex(sheet: str, table: str, header: str, value, unit: str = PROVINCE, where=()) -> Place:
    return Place(sheet, table, unit, header, value, tuple(where))


def _summary(header: str, value, unit: str = PROVINCE_TOTAL) -> Place:
    return Place(SUMMARY, None, unit, header, value)


NEWSPAPER_ROW = (("Cơ quan báo chí", NEWSPAPER), ("Loại tin, bài", "Tin, bài (không tách)"))
RADIO_NEWS_ROW = (("Cơ quan báo chí", RADIO_TV), ("Loại tin, bài", "Tin"))
RADIO_REPORTAGE_ROW = (("Cơ quan báo chí", RADIO_TV), ("Loại tin, bài", "Phóng sự"))
PROVINCE_LEDGER_ROW = (("Nơi tiếp nhận", PROVINCE_POINT),)
CENTRE_LEDGER_ROW = (("Nơi tiếp nhận", CENTRE_POINT),)
QUOTA_ROW = (("Năm giao biên chế", 2020),)
DOWNSIZING_ROW = (("Năm", 2020), ("Đợt", "I"), ("Lần", 3), ("Căn cứ", "108/2014/NĐ-CP; 113/2018/NĐ-CP"))
RATING_ROW = (("Năm đánh giá", 2019), ("Đối tượng", "Cán bộ, công chức, viên chức (chung)"))

_D = DIRECTION_SHEET
_I = INSTITUTIONS_SHEET
_P = PROCEDURES_SHEET
_O = ORGANISATION_SHEET
_C = CIVIL_SERVICE_SHEET
_E = EGOV_SHEET

FIGURES: list[Figure] = [
    Figure(
        "direction 186/UBND-NC of 04/02/2020",
        "area-1",
        "ban hành Công văn số 186/UBND-NC ngày 04/02/2020 yêu cầu, đôn đốc",
        (
            _annex(_D, CATALOGUE_TABLE, "Văn bản chỉ đạo, đôn đốc thực hiện kế hoạch CCHC", "186/UBND-NC"),
            _annex(
                _D,
                CATALOGUE_TABLE,
                "Văn bản chỉ đạo, đôn đốc thực hiện kế hoạch CCHC: ngày văn bản",
                dt.date(2020, 2, 4),
            ),
        ),
    ),
    Figure(
        "newspaper 12 items",
        "area-1",
        "Báo Cao Bằng thực hiện 12 tin, bài về CCHC",
        (_annex(_D, OUTREACH_TABLE, "Số lượng", 12, where=NEWSPAPER_ROW),),
    ),
    Figure(
        "radio-television 72 news items",
        "area-1",
        "Đài Phát thanh và Truyền hình tỉnh Cao Bằng thực hiện 72 tin và",
        (_annex(_D, OUTREACH_TABLE, "Số lượng", 72, where=RADIO_NEWS_ROW),),
    ),
    Figure(
        "radio-television 12 reportages",
        "area-1",
        "72 tin và 12 phóng sự về CCHC",
        (
            _annex(_D, OUTREACH_TABLE, "Số lượng", 12, where=RADIO_REPORTAGE_ROW),
            _summary("Số phóng sự về CCHC (phóng sự)", 12),
        ),
    ),
    Figure(
        "37 drafts commented",
        "area-2",
        "góp ý đối với 37 dự thảo văn bản QPPL",
        (
            _annex(_I, CATALOGUE_TABLE, "Dự thảo văn bản QPPL được góp ý (dự thảo)", 37),
            _summary("Dự thảo văn bản QPPL được góp ý (dự thảo)", 37),
        ),
    ),
    Figure(
        "15 decisions self-inspected",
        "area-2",
        "tự kiểm tra đối với 15 quyết định của UBND tỉnh",
        (
            _annex(_I, CATALOGUE_TABLE, "Quyết định của UBND tỉnh được tự kiểm tra (quyết định)", 15),
            _summary("Quyết định của UBND tỉnh được tự kiểm tra (quyết định)", 15),
        ),
    ),
    Figure(
        "14 resolutions self-inspected",
        "area-2",
        "14 nghị quyết của HĐND tỉnh",
        (
            _annex(_I, CATALOGUE_TABLE, "Nghị quyết của HĐND tỉnh được tự kiểm tra (nghị quyết)", 14),
            _summary("Nghị quyết của HĐND tỉnh được tự kiểm tra (nghị quyết)", 14),
        ),
    ),
    Figure(
        "50 district documents inspected",
        "area-2",
        "kiểm tra đối với 50 văn bản do HĐND, UBND cấp huyện gửi đến",
        (
            _annex(_I, CATALOGUE_TABLE, "Văn bản của HĐND, UBND cấp huyện được kiểm tra (văn bản)", 50),
            _summary("Văn bản của HĐND, UBND cấp huyện được kiểm tra (văn bản)", 50),
        ),
    ),
    Figure(
        "decision 57/QĐ-UBND of 22/01/2020",
        "area-2",
        "ban hành Quyết định số 57/QĐ-UBND ngày 22/01/2020 về công bố",
        (
            _annex(_I, CATALOGUE_TABLE, "Quyết định công bố danh mục văn bản QPPL hết hiệu lực", "57/QĐ-UBND"),
            _annex(
                _I,
                CATALOGUE_TABLE,
                "Quyết định công bố danh mục văn bản QPPL hết hiệu lực: ngày văn bản",
                dt.date(2020, 1, 22),
            ),
        ),
    ),
    Figure(
        "58 documents expired in full",
        "area-2",
        "58 văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ",
        (
            _annex(_I, CATALOGUE_TABLE, "Văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ (văn bản)", 58),
            _summary("Văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ (văn bản)", 58),
        ),
    ),
    Figure(
        "31 documents expired in part in 2019",
        "area-2",
        "31 văn bản hết hiệu lực một phần năm 2019",
        (
            _annex(_I, CATALOGUE_TABLE, "Văn bản QPPL hết hiệu lực một phần trong năm trước (văn bản)", 31),
            _summary("Văn bản QPPL hết hiệu lực một phần trong năm trước (văn bản)", 31),
        ),
    ),
    Figure(
        "2 documents expired in part before 2019",
        "area-2",
        "2 văn bản hết hiệu lực một phần trước ngày 01/01/2019",
        (
            _annex(
                _I, CATALOGUE_TABLE, "Văn bản QPPL hết hiệu lực một phần trước ngày 01/01 của năm trước (văn bản)", 2
            ),
            _summary("Văn bản QPPL hết hiệu lực một phần trước ngày 01/01 của năm trước (văn bản)", 2),
        ),
    ),
    Figure(
        "3 decisions approving internal workflows",
        "area-3",
        "ban hành 3 quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC",
        (_annex(_P, PROCEDURES_TABLE, "Số quyết định phê duyệt quy trình nội bộ", 3),),
    ),
    Figure(
        "17 internal workflows",
        "area-3",
        "trong giải quyết TTHC với 17 quy trình",
        (_annex(_P, PROCEDURES_TABLE, "Số quy trình nội bộ được phê duyệt", 17),),
    ),
    Figure(
        "1.722 procedures",
        "area-3",
        "trên địa bàn tỉnh là 1.722 TTHC",
        (
            _annex(_P, PROCEDURES_TABLE, "Số TTHC đang thực hiện", 1722),
            _summary("Số TTHC đang thực hiện (thủ tục)", 1722),
        ),
    ),
    Figure(
        "904 procedures with reduced time",
        "area-3",
        "cắt giảm thời hạn giải quyết đối với 904 TTHC",
        (_annex(_P, PROCEDURES_TABLE, "Số TTHC đã cắt giảm thời hạn", 904),),
    ),
    Figure(
        "service centre 2.084 received",
        "area-3",
        "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 2.084 hồ sơ TTHC",
        (
            _annex(_P, LEDGER_TABLE, "Tiếp nhận (kể cả kỳ trước chuyển sang)", 2084, CENTRE, CENTRE_LEDGER_ROW),
            _summary("Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) (hồ sơ)", 2084, CENTRE),
        ),
    ),
    Figure(
        "service centre 1.604 on time",
        "area-3",
        "2.084 hồ sơ TTHC (trong đó: giải quyết đúng hạn 1.604 hồ sơ",
        (_annex(_P, LEDGER_TABLE, "Giải quyết đúng hạn", 1604, CENTRE, CENTRE_LEDGER_ROW),),
    ),
    Figure(
        "service centre 10 late",
        "area-3",
        "1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ",
        (
            _annex(_P, LEDGER_TABLE, "Giải quyết trễ hạn", 10, CENTRE, CENTRE_LEDGER_ROW),
            _summary("Hồ sơ giải quyết trễ hạn (hồ sơ)", 10, CENTRE),
        ),
    ),
    Figure(
        "service centre 470 pending",
        "area-3",
        "10 hồ sơ, đang giải quyết 470 hồ sơ)",
        (_annex(_P, LEDGER_TABLE, "Đang giải quyết", 470, CENTRE, CENTRE_LEDGER_ROW),),
    ),
    Figure(
        "199 of 199 communes on the one-stop system",
        "area-3",
        "Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến 199/199 xã, phường, thị trấn",
        (
            _annex(_P, PROCEDURES_TABLE, "Số xã triển khai hệ thống một cửa điện tử", 199),
            _annex(_P, PROCEDURES_TABLE, "Tổng số xã", 199),
            _summary("Tỷ lệ xã triển khai một cửa điện tử (%)", Share(Decimal(100))),
        ),
    ),
    Figure(
        "14.595 received through the one-stop software",
        "area-3",
        "đã tiếp nhận giải quyết qua phần mềm 14.595 hồ sơ TTHC",
        (
            _annex(_P, LEDGER_TABLE, "Tiếp nhận (kể cả kỳ trước chuyển sang)", 14595, where=PROVINCE_LEDGER_ROW),
            _summary("Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) (hồ sơ)", 14595),
        ),
    ),
    Figure(
        "11.881 on time",
        "area-3",
        "14.595 hồ sơ TTHC (trong đó: giải quyết đúng hạn 11.881 hồ sơ",
        (_annex(_P, LEDGER_TABLE, "Giải quyết đúng hạn", 11881, where=PROVINCE_LEDGER_ROW),),
    ),
    Figure(
        "955 late",
        "area-3",
        "11.881 hồ sơ, giải quyết trễ hạn 955 hồ sơ",
        (
            _annex(_P, LEDGER_TABLE, "Giải quyết trễ hạn", 955, where=PROVINCE_LEDGER_ROW),
            _summary("Hồ sơ giải quyết trễ hạn (hồ sơ)", 955),
        ),
    ),
    Figure(
        "1.759 pending",
        "area-3",
        "955 hồ sơ, đang giải quyết 1.759 hồ sơ)",
        (_annex(_P, LEDGER_TABLE, "Đang giải quyết", 1759, where=PROVINCE_LEDGER_ROW),),
    ),
    Figure(
        "85 feedback items",
        "area-3",
        "đã tiếp nhận, xử lý 85 phản ánh, kiến nghị",
        (
            _annex(_P, PROCEDURES_TABLE, "Số phản ánh, kiến nghị tiếp nhận", 85),
            _annex(_P, PROCEDURES_TABLE, "Số phản ánh, kiến nghị đã xử lý", 85),
        ),
    ),
    Figure(
        "6 districts rearranged",
        "area-4",
        "sắp xếp 6 đơn vị hành chính cấp huyện",
        (_annex(_O, ORGANISATION_TABLE, "Đơn vị hành chính cấp huyện được sắp xếp", 6),),
    ),
    Figure(
        "76 communes rearranged",
        "area-4",
        "và 76 đơn vị hành chính cấp xã",
        (_annex(_O, ORGANISATION_TABLE, "Đơn vị hành chính cấp xã được sắp xếp", 76),),
    ),
    Figure(
        "386 district officials re-assigned",
        "area-4",
        "sắp xếp đối với 386 cán bộ, công chức cấp huyện",
        (_annex(_O, ORGANISATION_TABLE, "Cán bộ, công chức cấp huyện được bố trí, sắp xếp", 386),),
    ),
    Figure(
        "1.516 commune officials re-assigned",
        "area-4",
        "và 1.516 cán bộ, công chức cấp xã",
        (_annex(_O, ORGANISATION_TABLE, "Cán bộ, công chức cấp xã được bố trí, sắp xếp", 1516),),
    ),
    Figure(
        "278 policy cases",
        "area-4",
        "chế độ, chính sách đối với 278 trường hợp",
        (_annex(_O, ORGANISATION_TABLE, "Trường hợp được thực hiện chế độ, chính sách", 278),),
    ),
    Figure(
        "quota 2.101",
        "area-4",
        "quyết định giao 2.101 biên chế công chức năm 2020",
        (_annex(_O, ORGANISATION_TABLE, "Biên chế công chức được giao", 2101, where=QUOTA_ROW),),
    ),
    Figure(
        "43 downsizing cases",
        "area-4",
        "đợt I năm 2020 (lần 3) đối với 43 trường hợp",
        (
            _annex(_O, DOWNSIZING_TABLE, "Số trường hợp", 43, where=DOWNSIZING_ROW),
            _summary("Số trường hợp tinh giản biên chế (trường hợp)", 43),
        ),
    ),
    Figure(
        "49 collectives rated",
        "area-5",
        "xếp loại chất lượng 49 tập thể lãnh đạo, quản lý",
        (_annex(_C, LEADERSHIP_TABLE, "Tập thể lãnh đạo được đánh giá, xếp loại", 49),),
    ),
    Figure(
        "68 individuals decided",
        "area-5",
        "quyết định xếp loại đối với 68 cán bộ, công chức",
        (_annex(_C, LEADERSHIP_TABLE, "Cá nhân được quyết định xếp loại", 68),),
    ),
    Figure(
        "38 individuals proposed",
        "area-5",
        "đề xuất mức xếp loại đối với 38 cán bộ, công chức diện Ban Thường vụ Tỉnh ủy quản lý",
        (_annex(_C, LEADERSHIP_TABLE, "Cá nhân đề xuất mức xếp loại (diện Ban Thường vụ quản lý)", 38),),
    ),
    Figure(
        "2019 ratings 21.635 in total",
        "area-5",
        "năm 2019: tổng số 21.635 người",
        (
            _annex(_C, RATINGS_TABLE, "Tổng số theo văn bản công bố", 21635, where=RATING_ROW),
            _annex(_C, RATINGS_TABLE, "Tổng số được đánh giá, xếp loại", 21635, where=RATING_ROW),
            _summary("Số CBCCVC được đánh giá, xếp loại (người)", 21635),
        ),
    ),
    Figure(
        "1.809 (8,36%) excellent",
        "area-5",
        "hoàn thành xuất sắc nhiệm vụ 1.809 (8,36%)",
        (
            _annex(_C, RATINGS_TABLE, "Hoàn thành xuất sắc nhiệm vụ", 1809, where=RATING_ROW),
            _summary("Tỷ lệ hoàn thành xuất sắc nhiệm vụ (%)", Share(Decimal("8.36"))),
        ),
    ),
    Figure(
        "18.520 (85,60%) good",
        "area-5",
        "hoàn thành tốt nhiệm vụ 18.520 (85,60%)",
        (_annex(_C, RATINGS_TABLE, "Hoàn thành tốt nhiệm vụ", 18520, where=RATING_ROW),),
    ),
    Figure(
        "1.190 (5,50%) completed",
        "area-5",
        "hoàn thành nhiệm vụ (công chức: còn hạn chế về năng lực) 1.190 (5,50%)",
        (_annex(_C, RATINGS_TABLE, "Hoàn thành nhiệm vụ", 1190, where=RATING_ROW),),
    ),
    Figure(
        "116 (0,54%) not completed",
        "area-5",
        "không hoàn thành nhiệm vụ 116 (0,54%)",
        (
            _annex(_C, RATINGS_TABLE, "Không hoàn thành nhiệm vụ", 116, where=RATING_ROW),
            _summary("Tỷ lệ không hoàn thành nhiệm vụ (%)", Share(Decimal("0.54"))),
        ),
    ),
    Figure(
        "54.362 electronic documents",
        "area-7",
        "Tính đến ngày 29/02/2020, đã có 54.362 văn bản trao đổi qua mạng giữa các đơn vị",
        (
            _annex(
                _E,
                CATALOGUE_TABLE,
                "Văn bản trao đổi qua mạng giữa các đơn vị (phần mềm quản lý văn bản) (văn bản)",
                54362,
            ),
            _annex(
                _E,
                CATALOGUE_TABLE,
                "Văn bản trao đổi qua mạng giữa các đơn vị (phần mềm quản lý văn bản): tính đến ngày",
                dt.date(2020, 2, 29),
            ),
            _summary("Văn bản trao đổi qua mạng giữa các đơn vị (phần mềm quản lý văn bản) (văn bản)", 54362),
        ),
    ),
    Figure(
        "100% of communes connected",
        "area-7",
        "kết nối liên thông đến 100% đơn vị hành chính cấp xã",
        (
            _annex(
                _E,
                CATALOGUE_TABLE,
                "Tỷ lệ đơn vị hành chính cấp xã kết nối phần mềm quản lý văn bản",
                Share(Decimal(100)),
            ),
            _summary("Tỷ lệ đơn vị hành chính cấp xã kết nối phần mềm quản lý văn bản (%)", Share(Decimal(100))),
        ),
    ),
    Figure(
        "72 units applying ISO 9001",
        "area-7",
        "trên địa bàn tỉnh có 72 đơn vị đang áp dụng, duy trì hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001",
        (
            _annex(_E, ISO_TABLE, "Số đơn vị áp dụng, duy trì ISO 9001", 72),
            _summary("Số đơn vị áp dụng, duy trì ISO 9001 (đơn vị)", 72),
        ),
    ),
]

# The province's closing text, as typed: (narrative section, its paragraph, the text sheet's "Mục", the text).
TEXTS = [
    ("shortcomings", cb.Q1_2020_SHORTCOMINGS, "Hạn chế", cb.Q1_2020_SHORTCOMINGS),
    ("shortcomings", "Nguyên nhân: " + cb.Q1_2020_CAUSES, "Nguyên nhân", cb.Q1_2020_CAUSES),
    ("next-tasks", "1. " + cb.Q1_2020_TASKS.split("; ")[0] + ".", "Nhiệm vụ trọng tâm kỳ tới", cb.Q1_2020_TASKS),
]
# The article's tasks for quarter II, as the narrative numbers them: one per "; " that starts a new task (the
# fourth keeps its "; nâng cao chất lượng …", which continues it).
TASKS = [
    "1. Rà soát, kiện toàn, sắp xếp, quy định chức năng, nhiệm vụ, tổ chức bộ máy cơ quan hành chính nhà nước theo "
    "hướng dẫn của Trung ương.",
    "2. Tổ chức kiểm tra công tác CCHC tại các cơ quan, đơn vị theo kế hoạch.",
    "3. Tiếp tục rà soát, thực hiện đơn giản hóa TTHC trên các lĩnh vực quản lý nhà nước.",
    "4. Triển khai có hiệu quả việc thực hiện cơ chế một cửa, một cửa liên thông, ứng dụng CNTT vào Bộ phận tiếp "
    "nhận và trả kết quả; nâng cao chất lượng thực hiện dịch vụ công trực tuyến mức độ 3 của cấp sở và cấp huyện.",
    "5. Triển khai áp dụng chuyển đổi hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 theo kế hoạch.",
    "6. Chỉ đạo các cơ quan, đơn vị tăng cường công tác tự kiểm tra, đôn đốc thực hiện nhiệm vụ CCHC, đẩy mạnh thực "
    "hiện kỷ luật, kỷ cương hành chính và văn hóa công vụ tại cơ quan, đơn vị, địa phương.",
]
