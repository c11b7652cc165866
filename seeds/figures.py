"""The catalogue of additional figures: every figure of the source report that has no domain app.

Admins extend it in Django admin. Values of Q1-2020 are the province's, as the article publishes them.
"""

import datetime as dt

from cchc.choices import FigureType, Measure, ReformArea

DIR, INST, EGOV = ReformArea.DIRECTION, ReformArea.INSTITUTIONS, ReformArea.EGOVERNMENT
INT, PCT, DOC = FigureType.INTEGER, FigureType.PERCENT, FigureType.DOCUMENT_NUMBER

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
}
