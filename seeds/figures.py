"""The catalogue of additional figures: every figure of the source report that has no domain app.

Admins extend it in Django admin. Values of Q1-2020 are the province's, as the article publishes them.
"""

import datetime as dt

from cchc.choices import FigureType, Measure, ReformArea

DIR, INST, EGOV = ReformArea.DIRECTION, ReformArea.INSTITUTIONS, ReformArea.EGOVERNMENT
FIN = ReformArea.PUBLIC_FINANCE
INT, PCT, DOC, TEXT = FigureType.INTEGER, FigureType.PERCENT, FigureType.DOCUMENT_NUMBER, FigureType.TEXT

# Figures only the province reports (its own decisions and resolutions self-inspected, the district documents it
# inspects): declared with the province's kind, so a department's or the service centre's page does not ask for
# them (admins change the kinds in "Danh mục số liệu bổ sung").
PROVINCE_ONLY = {"qppl_self_inspected_decisions", "qppl_self_inspected_resolutions", "qppl_district_inspected"}

# code, name, name_en, area, unit of measure, type, measure, order
CATALOGUE = [
    (
        "directive_document",
        "Văn bản chỉ đạo, đôn đốc thực hiện kế hoạch CCHC",
        "Directive on carrying out the reform plan",
        DIR,
        "",
        DOC,
        Measure.FLOW,
        10,
    ),
    (
        "qppl_drafts_commented",
        "Dự thảo văn bản QPPL được góp ý",
        "Draft legal documents commented on",
        INST,
        "dự thảo",
        INT,
        Measure.FLOW,
        10,
    ),
    (
        "qppl_self_inspected_decisions",
        "Quyết định của UBND tỉnh được tự kiểm tra",
        "Decisions of the provincial committee self-inspected",
        INST,
        "quyết định",
        INT,
        Measure.FLOW,
        20,
    ),
    (
        "qppl_self_inspected_resolutions",
        "Nghị quyết của HĐND tỉnh được tự kiểm tra",
        "Resolutions of the provincial council self-inspected",
        INST,
        "nghị quyết",
        INT,
        Measure.FLOW,
        30,
    ),
    (
        "qppl_district_inspected",
        "Văn bản của HĐND, UBND cấp huyện được kiểm tra",
        "District documents inspected",
        INST,
        "văn bản",
        INT,
        Measure.FLOW,
        40,
    ),
    (
        "qppl_expiry_decision",
        "Quyết định công bố danh mục văn bản QPPL hết hiệu lực",
        "Decision declaring legal documents expired",
        INST,
        "",
        DOC,
        Measure.FLOW,
        50,
    ),
    (
        "qppl_expired_full",
        "Văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ",
        "Legal documents expired in full",
        INST,
        "văn bản",
        INT,
        Measure.FLOW,
        60,
    ),
    (
        "qppl_expired_part_last_year",
        "Văn bản QPPL hết hiệu lực một phần trong năm trước",
        "Legal documents expired in part in the previous year",
        INST,
        "văn bản",
        INT,
        Measure.FLOW,
        70,
    ),
    (
        "qppl_expired_part_earlier",
        "Văn bản QPPL hết hiệu lực một phần trước ngày 01/01 của năm trước",
        "Legal documents expired in part before 1 January of the previous year",
        INST,
        "văn bản",
        INT,
        Measure.FLOW,
        80,
    ),
    (
        "egov_documents_exchanged",
        "Văn bản trao đổi qua mạng giữa các đơn vị (phần mềm quản lý văn bản)",
        "Documents exchanged electronically",
        EGOV,
        "văn bản",
        INT,
        Measure.STOCK,
        10,
    ),
    (
        "egov_communes_connected",
        "Tỷ lệ đơn vị hành chính cấp xã kết nối phần mềm quản lý văn bản",
        "Communes connected to the document software",
        EGOV,
        "%",
        PCT,
        Measure.STOCK,
        20,
    ),
]

# The article's other passages (issue 18): each has its sentence in reports/narrative/sentences/.
CATALOGUE += [
    (
        "directive_telegram",
        "Công điện đôn đốc triển khai nhiệm vụ",
        "Urgent telegram urging the year's tasks",
        DIR,
        "",
        DOC,
        Measure.FLOW,
        20,
    ),
    (
        "civil_service_culture",
        "Văn bản về văn hóa công vụ được triển khai",
        "Act on civil-service culture carried out",
        DIR,
        "",
        DOC,
        Measure.FLOW,
        30,
    ),
    (
        "finance_autonomy_agencies",
        "Nghị định về tự chủ biên chế, kinh phí quản lý hành chính được áp dụng",
        "Decree on the autonomy of administrative agencies applied",
        FIN,
        "",
        DOC,
        Measure.STOCK,
        10,
    ),
    (
        "finance_autonomy_public_units",
        "Nghị định về cơ chế tự chủ của đơn vị sự nghiệp công lập được áp dụng",
        "Decree on the autonomy of public service units applied",
        FIN,
        "",
        DOC,
        Measure.STOCK,
        20,
    ),
    (
        "egov_document_software",
        "Phần mềm quản lý văn bản đang sử dụng",
        "Document management software in use",
        EGOV,
        "",
        TEXT,
        Measure.STOCK,
        30,
    ),
    (
        "egov_websites_updated",
        "Tỷ lệ cơ quan chuyên môn cấp tỉnh, UBND cấp huyện duy trì, cập nhật trang thông tin điện tử",
        "Departments and districts keeping their websites up to date",
        EGOV,
        "%",
        PCT,
        Measure.STOCK,
        40,
    ),
]

# code → (value, as-of date or the document's date)
Q1_2020_PROVINCE_VALUES = {
    "directive_document": ("186/UBND-NC", dt.date(2020, 2, 4)),
    "qppl_drafts_commented": (37, None),
    "qppl_self_inspected_decisions": (15, None),
    "qppl_self_inspected_resolutions": (14, None),
    "qppl_district_inspected": (50, None),
    "qppl_expiry_decision": ("57/QĐ-UBND", dt.date(2020, 1, 22)),
    "qppl_expired_full": (58, None),
    "qppl_expired_part_last_year": (31, None),
    "qppl_expired_part_earlier": (2, None),
    "egov_documents_exchanged": (54362, dt.date(2020, 2, 29)),
    "egov_communes_connected": (100, None),
    "civil_service_culture": ("1847/QĐ-TTg", dt.date(2018, 12, 27)),
    "finance_autonomy_agencies": ("130/2005/NĐ-CP", None),
    "finance_autonomy_public_units": ("16/2015/NĐ-CP", None),
    "egov_document_software": ("VNPT-iOffice", None),
    "egov_websites_updated": (100, None),
}
