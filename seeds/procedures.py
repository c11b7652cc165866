"""A demo procedure catalogue, so that a dossier import works on a fresh `make run`.

Common provincial and district procedures, under codes in the national format (d.dddddd). They are
demo data for trying the portal: the codes are not looked up from the National Public Service Portal,
and a real deployment loads its own catalogue (admin or import).
"""

from cchc.choices import UnitKind
from procedures.choices import ProcedureLevel

FIELD_JUSTICE, FIELD_HOME, FIELD_PLAN, FIELD_BUILD = "Hộ tịch", "Nội vụ", "Đầu tư tại Việt Nam", "Xây dựng"
FIELD_LAND, FIELD_EDU, FIELD_HEALTH, FIELD_LABOUR = "Đất đai", "Giáo dục và đào tạo", "Y tế", "Lao động"

PROCEDURES = [
    # code, name, field, level, kind of unit that handles it
    ("1.900001", "Cấp bản sao trích lục hộ tịch", FIELD_JUSTICE, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    (
        "1.900002",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        FIELD_JUSTICE,
        ProcedureLevel.PROVINCE,
        UnitKind.DEPARTMENT,
    ),
    ("1.900003", "Đăng ký thành lập hội", FIELD_HOME, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    ("1.900004", "Thi tuyển công chức", FIELD_HOME, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    ("1.900005", "Đăng ký thành lập doanh nghiệp tư nhân", FIELD_PLAN, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    (
        "1.900006",
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        FIELD_PLAN,
        ProcedureLevel.PROVINCE,
        UnitKind.DEPARTMENT,
    ),
    ("1.900007", "Cấp giấy phép xây dựng mới công trình", FIELD_BUILD, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    (
        "1.900008",
        "Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng",
        FIELD_BUILD,
        ProcedureLevel.PROVINCE,
        UnitKind.DEPARTMENT,
    ),
    ("1.900009", "Đăng ký biến động quyền sử dụng đất", FIELD_LAND, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    ("1.900010", "Cấp đổi giấy chứng nhận quyền sử dụng đất", FIELD_LAND, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    ("1.900011", "Công nhận trường đạt chuẩn quốc gia", FIELD_EDU, ProcedureLevel.PROVINCE, UnitKind.DEPARTMENT),
    (
        "1.900012",
        "Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh",
        FIELD_HEALTH,
        ProcedureLevel.PROVINCE,
        UnitKind.DEPARTMENT,
    ),
    (
        "1.900013",
        "Cấp giấy phép lao động cho người nước ngoài",
        FIELD_LABOUR,
        ProcedureLevel.PROVINCE,
        UnitKind.DEPARTMENT,
    ),
    ("1.900014", "Đăng ký khai sinh", FIELD_JUSTICE, ProcedureLevel.DISTRICT, UnitKind.DISTRICT),
    ("1.900015", "Đăng ký kết hôn có yếu tố nước ngoài", FIELD_JUSTICE, ProcedureLevel.DISTRICT, UnitKind.DISTRICT),
    ("1.900016", "Cấp giấy chứng nhận đăng ký hộ kinh doanh", FIELD_PLAN, ProcedureLevel.DISTRICT, UnitKind.DISTRICT),
    ("1.900017", "Cấp giấy phép xây dựng nhà ở riêng lẻ", FIELD_BUILD, ProcedureLevel.DISTRICT, UnitKind.DISTRICT),
    ("1.900018", "Chứng thực bản sao từ bản chính", FIELD_JUSTICE, ProcedureLevel.DISTRICT, UnitKind.DISTRICT),
]

CODES = [row[0] for row in PROCEDURES]


def load_procedures() -> int:
    from procedures.services import procedure_upsert

    for code, name, field, level, unit_kind in PROCEDURES:
        procedure_upsert(code=code, name=name, field=field, level=level, unit_kind=unit_kind)
    return len(PROCEDURES)
