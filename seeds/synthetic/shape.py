"""The shape of the synthetic province: its labels, codes and names, its units by kind, its quarters."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc.choices import UnitKind
from cchc.models import Period, Unit
from cchc.text import nfc
from outreach.choices import OutletKind

PREFIX = "SYN-"
DEFAULT_CODE = "SYN-01"
DEFAULT_END = (2026, 4)
LABEL = "(tổng hợp)"
PROVINCE_NAME = "Tỉnh mô phỏng (dữ liệu tổng hợp)"
RECEPTION_POINT = "Bộ phận một cửa (mô phỏng)"
OUTLETS = (
    ("Báo mô phỏng (dữ liệu tổng hợp)", OutletKind.NEWSPAPER),
    ("Đài mô phỏng (dữ liệu tổng hợp)", OutletKind.RADIO_TV),
)
NARRATIVE = {
    "shortcomings": "Dữ liệu tổng hợp (mô phỏng) để trình diễn và đo hiệu năng; không phải số liệu thật.",
    "causes": "Số liệu do lệnh generate_synthetic sinh ngẫu nhiên.",
    "next_tasks": "Không áp dụng (dữ liệu tổng hợp).",
}
SEASON = {1: 0.9, 2: 1.0, 3: 1.05, 4: 1.1}


class SyntheticDataError(Exception):
    """The synthetic province cannot be built or removed as asked; the message says why (in Vietnamese)."""


@dataclass
class UnitPlan:
    """One unit to create: its place in the tree and its random generator."""

    number: int  # 1-based position among the N units: the generator's seed and the order of the tree
    code: str
    name: str
    kind: str
    parent_code: str
    communes: int = 0  # for a district, how many communes it has (communes_total, ISO subtree size)
    unit: Unit | None = field(default=None, repr=False)


# --- the shape of the province --------------------------------------------------------------------


def split_kinds(n: int) -> tuple[int, int, int]:
    """How N units divide into departments, districts and communes: about 2 : 1 : 7, at least one department."""
    if n <= 0:
        return 0, 0, 0
    departments = max(1, round(n * 0.2))
    districts = max(1, round(n * 0.1)) if n >= 3 else 0
    communes = n - departments - districts
    if districts == 0:
        departments, communes = departments + communes, 0
    return departments, districts, communes


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def plan_units(*, code: str, n: int) -> list[UnitPlan]:
    """The N units in the order of the tree: departments, then each district followed by its communes."""
    departments, districts, communes = split_kinds(n)
    plans: list[UnitPlan] = []
    dw, hw, xw = _width(departments, 3), _width(districts, 2), _width(communes, 4)
    for i in range(1, departments + 1):
        plans.append(UnitPlan(0, f"{code}-S{i:0{dw}d}", f"Sở mô phỏng {i:0{dw}d} {LABEL}", UnitKind.DEPARTMENT, code))
    per, extra = divmod(communes, districts) if districts else (0, 0)
    commune = 0
    for d in range(1, districts + 1):
        district_code = f"{code}-H{d:0{hw}d}"
        count = per + (1 if d <= extra else 0)
        plans.append(
            UnitPlan(0, district_code, f"Huyện mô phỏng {d:0{hw}d} {LABEL}", UnitKind.DISTRICT, code, communes=count)
        )
        for _ in range(count):
            commune += 1
            plans.append(
                UnitPlan(
                    0,
                    f"{code}-X{commune:0{xw}d}",
                    f"Xã mô phỏng {commune:0{xw}d} {LABEL}",
                    UnitKind.COMMUNE,
                    district_code,
                )
            )
    for number, plan in enumerate(plans, start=1):
        plan.number = number
    return plans


def quarter_range(end: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """The `count` quarters ending with `end`, oldest first."""
    year, quarter = end
    out = []
    for _ in range(count):
        out.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return out[::-1]


def default_end() -> tuple[int, int]:
    """The latest quarter that exists as a period, else 2026-Q4."""
    latest = Period.objects.order_by("-year", "-quarter").values_list("year", "quarter").first()
    return tuple(latest) if latest else DEFAULT_END


def check_code(code: str) -> str:
    code = nfc(code).upper()
    if not code.startswith(PREFIX) or len(code) <= len(PREFIX) or len(code) > 20:
        raise SyntheticDataError(
            f"Mã tỉnh mô phỏng “{code}” không hợp lệ: phải bắt đầu bằng “{PREFIX}” và dài không quá 20 ký tự."
        )
    return code


def province_name(code: str) -> str:
    return PROVINCE_NAME if code == DEFAULT_CODE else f"Tỉnh mô phỏng {code} (dữ liệu tổng hợp)"
