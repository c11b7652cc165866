"""Reference data of Cao Bằng province, from the source report and the 2020 and 2025 map changes.

Codes are the portal's own (stable, readable); they are not the national statistical codes. Only
units we know are listed: the 199 communes are not invented (the source article gives their number,
not their names), so commune figures are entered at the level the source publishes them.
"""

import datetime as dt

PROVINCE = ("CB", "UBND tỉnh Cao Bằng")

# The provincial departments and bodies reporting on administrative reform in 2020.
DEPARTMENTS = [
    ("CB-VP", "Văn phòng UBND tỉnh"),
    ("CB-SNV", "Sở Nội vụ"),
    ("CB-STP", "Sở Tư pháp"),
    ("CB-SKHDT", "Sở Kế hoạch và Đầu tư"),
    ("CB-STC", "Sở Tài chính"),
    ("CB-SCT", "Sở Công Thương"),
    ("CB-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("CB-SGTVT", "Sở Giao thông vận tải"),
    ("CB-SXD", "Sở Xây dựng"),
    ("CB-STNMT", "Sở Tài nguyên và Môi trường"),
    ("CB-STTTT", "Sở Thông tin và Truyền thông"),
    ("CB-SLDTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("CB-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("CB-SKHCN", "Sở Khoa học và Công nghệ"),
    ("CB-SGDDT", "Sở Giáo dục và Đào tạo"),
    ("CB-SYT", "Sở Y tế"),
    ("CB-SNGV", "Sở Ngoại vụ"),
    ("CB-TTR", "Thanh tra tỉnh"),
    ("CB-BDT", "Ban Dân tộc"),
    ("CB-BQLKKT", "Ban Quản lý Khu kinh tế tỉnh"),
]

# Under the provincial People's Committee office.
SERVICE_CENTRE = ("CB-TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh Cao Bằng", "CB-VP")

# Resolution 864/NQ-UBTVQH14 (in force 01/02/2020) merged six districts into three.
MERGER_DAY = dt.date(2020, 2, 1)
MERGER_RESOLUTION = "864/NQ-UBTVQH14"
# The district level ended on 01/07/2025: communes report straight to the province.
DISTRICT_LEVEL_END = dt.date(2025, 6, 30)

DISTRICTS_KEPT = [
    ("CB-H-TPCB", "UBND thành phố Cao Bằng"),
    ("CB-H-BAOLAM", "UBND huyện Bảo Lâm"),
    ("CB-H-BAOLAC", "UBND huyện Bảo Lạc"),
    ("CB-H-HALANG", "UBND huyện Hạ Lang"),
    ("CB-H-HOAAN", "UBND huyện Hòa An"),
    ("CB-H-NGUYENBINH", "UBND huyện Nguyên Bình"),
    ("CB-H-THACHAN", "UBND huyện Thạch An"),
]

# New district (from 01/02/2020) ← the districts it replaced (which end on 31/01/2020).
DISTRICTS_MERGED = [
    (
        ("CB-H-HAQUANG-2020", "UBND huyện Hà Quảng"),
        [("CB-H-HAQUANG", "UBND huyện Hà Quảng (trước 01/02/2020)"), ("CB-H-THONGNONG", "UBND huyện Thông Nông")],
    ),
    (
        ("CB-H-TRUNGKHANH-2020", "UBND huyện Trùng Khánh"),
        [("CB-H-TRUNGKHANH", "UBND huyện Trùng Khánh (trước 01/02/2020)"), ("CB-H-TRALINH", "UBND huyện Trà Lĩnh")],
    ),
    (
        ("CB-H-QUANGHOA", "UBND huyện Quảng Hòa"),
        [("CB-H-QUANGUYEN", "UBND huyện Quảng Uyên"), ("CB-H-PHUCHOA", "UBND huyện Phục Hòa")],
    ),
]

FIRST_YEAR, LAST_YEAR = 2019, 2026

# Text of the Q1-2020 report (source article), entered as the province's narrative.
Q1_2020_SHORTCOMINGS = (
    "Còn một số cơ quan, đơn vị gửi kế hoạch, báo cáo về công tác CCHC chậm; một số đơn vị chưa thường xuyên "
    "rà soát, cập nhật quy định về TTHC; việc tham mưu, ban hành các quyết định công bố TTHC của các cơ quan "
    "chuyên môn thuộc UBND tỉnh chưa kịp thời; việc thực hiện tiếp nhận và giải quyết TTHC dịch vụ công trực "
    "tuyến mức độ 3 ở các cơ quan, đơn vị còn hạn chế."
)
Q1_2020_CAUSES = "Người dân ngại tham gia, do tâm lý muốn trực tiếp đến cơ quan nhà nước nộp hồ sơ để nhận phiếu hẹn."
Q1_2020_TASKS = (
    "Rà soát, kiện toàn, sắp xếp, quy định chức năng, nhiệm vụ, tổ chức bộ máy cơ quan hành chính nhà nước theo "
    "hướng dẫn của Trung ương; Tổ chức kiểm tra công tác CCHC tại các cơ quan, đơn vị theo kế hoạch; Tiếp tục rà "
    "soát, thực hiện đơn giản hóa TTHC trên các lĩnh vực quản lý nhà nước; Triển khai có hiệu quả việc thực hiện "
    "cơ chế một cửa, một cửa liên thông, ứng dụng CNTT vào Bộ phận tiếp nhận và trả kết quả; nâng cao chất lượng "
    "thực hiện dịch vụ công trực tuyến mức độ 3 của cấp sở và cấp huyện; Triển khai áp dụng chuyển đổi hệ thống "
    "quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 theo kế hoạch; Chỉ đạo các cơ quan, đơn vị tăng cường "
    "công tác tự kiểm tra, đôn đốc thực hiện nhiệm vụ CCHC, đẩy mạnh thực hiện kỷ luật, kỷ cương hành chính và "
    "văn hóa công vụ tại cơ quan, đơn vị, địa phương."
)
# The article was published on 16/03/2020 at 08:13; the Department of Home Affairs approved it the next day.
Q1_2020_SUBMITTED_AT = dt.datetime(2020, 3, 16, 8, 13)
Q1_2020_APPROVED_AT = dt.datetime(2020, 3, 17, 9, 0)

# Q1-2020 procedure figures at the level the article publishes them.
Q1_2020_PROVINCE_PROCEDURES = {
    "procedures_in_force": 1722,
    "procedures_reduced": 904,
    "decisions_workflows": 3,
    "workflows_approved": 17,
    "communes_on_one_stop": 199,
    "communes_total": 199,
    "feedback_received": 85,
    "feedback_handled": 85,
    # "Từ ngày 01/01/2020 đến ngày 05/03/2020, Hệ thống đã tiếp nhận, xử lý 85 phản ánh, kiến nghị."
    "feedback_from": dt.date(2020, 1, 1),
    "feedback_to": dt.date(2020, 3, 5),
}
# (unit code, reception point, received incl. carried over, on time, late, pending)
Q1_2020_LEDGERS = [
    ("CB", "Toàn tỉnh (qua phần mềm một cửa điện tử)", 14595, 11881, 955, 1759),
    ("CB-TTPVHCC", "Trung tâm Phục vụ hành chính công tỉnh", 2084, 1604, 10, 470),
]

# Organisation and civil service, Q1-2020, at the province level (the article's figures).
LEGAL_BASES = [
    ("108/2014/NĐ-CP", "Nghị định số 108/2014/NĐ-CP về chính sách tinh giản biên chế"),
    ("113/2018/NĐ-CP", "Nghị định số 113/2018/NĐ-CP sửa đổi, bổ sung Nghị định số 108/2014/NĐ-CP"),
    ("143/2020/NĐ-CP", "Nghị định số 143/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 108/2014/NĐ-CP"),
    ("29/2023/NĐ-CP", "Nghị định số 29/2023/NĐ-CP quy định về tinh giản biên chế"),
]
Q1_2020_PROVINCE_PERSONNEL = {
    "quota_year": 2020,
    "quota": 2101,
    "collectives_rated": 49,
    "individuals_decided": 68,
    "individuals_proposed": 38,
    "districts_merged": 6,
    "communes_merged": 76,
    "district_officials_reassigned": 386,
    "commune_officials_reassigned": 1516,
    "policy_cases": 278,
}
# The 2019 rating of cadres, civil servants and public employees, published as one total.
Q1_2020_RATING_2019 = {
    "rating_year": 2019,
    "category": "all",
    "excellent": 1809,
    "good": 18520,
    "completed": 1190,
    "not_completed": 116,
    "published_total": 21635,
}
# Round 3 of batch I of 2020, under Decrees 108/2014 and 113/2018.
Q1_2020_DOWNSIZING = {
    "year": 2020,
    "batch": "I",
    "round": 3,
    "cases": 43,
    "legal_bases": ["108/2014/NĐ-CP", "113/2018/NĐ-CP"],
}

# Demo accounts (README.md lists them). One password for all, for a demo only.
DEMO_PASSWORD = "CaoBang@2020"
DEMO_ACCOUNTS = [
    # username, full name (last, first), unit code, role; role None = superuser
    ("admin", ("Quản trị", "viên"), None, None),
    ("quanly.snv", ("Nguyễn Thị", "Hoa"), "CB", "manager"),
    ("canbo.tthcc", ("Hoàng Văn", "Minh"), "CB-TTPVHCC", "clerk"),
    ("canbo.hoaan", ("Nông Thị", "Lan"), "CB-H-HOAAN", "clerk"),
    ("canbo.tinh", ("Lục Văn", "Bình"), "CB", "clerk"),
    ("xem.ubnd", ("Bế Văn", "Tuấn"), "CB", "viewer"),
]
