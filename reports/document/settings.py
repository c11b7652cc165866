"""The document setting of a scope unit: its own row, else defaults read from the unit tree.

Defaults follow Nghị định 30/2020/NĐ-CP for a report of an Ủy ban nhân dân: the issuing body is the unit's name in
capitals ("UBND TỈNH CAO BẰNG"; a department's carries its province above it), the place is the province's name,
the number suffix "BC-UBND" (a department's "BC"), and the signer lines of a People's Committee (or "GIÁM ĐỐC").
"""

from __future__ import annotations

from dataclasses import dataclass

from cchc.choices import UnitKind
from cchc.models import Unit

from .models import DocumentSetting

COMMITTEES = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE)
COMMITTEE_SIGNER = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
MINISTRY = "Bộ Nội vụ"  # a province reports its CCHC to the Ministry of Home Affairs
PROVINCE_PREFIX = "UBND tỉnh "


@dataclass(frozen=True)
class Letterhead:
    """What the template's form needs besides the narrative."""

    issuing_parent: str
    issuing_body: str
    place: str
    number_suffix: str
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer_name: str
    template: bytes | None = None


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def _province(unit: Unit) -> Unit | None:
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def default_letterhead(unit: Unit) -> Letterhead:
    """The form of `unit`'s report when no admin has set it."""
    province = _province(unit)
    place = province.name.removeprefix(PROVINCE_PREFIX) if province else ""
    committee = unit.kind in COMMITTEES
    return Letterhead(
        issuing_parent="" if committee or province is None else province.name.upper(),
        issuing_body=unit.name.upper(),
        place=place,
        number_suffix="BC-UBND" if committee else "BC",
        recipients=(f"{unit.parent.name if unit.parent else MINISTRY} (b/c);", "Lưu: VT."),
        signer_lines=COMMITTEE_SIGNER if committee else ("GIÁM ĐỐC",),
        signer_name="",
    )


def letterhead_of(unit: Unit) -> Letterhead:
    """`unit`'s own setting, else its defaults; a blank field of a setting takes the default's value."""
    default = default_letterhead(unit)
    setting = DocumentSetting.objects.filter(unit=unit).first()
    if setting is None:
        return default
    return Letterhead(
        issuing_parent=setting.issuing_parent,
        issuing_body=setting.issuing_body or default.issuing_body,
        place=setting.place or default.place,
        number_suffix=setting.number_suffix or default.number_suffix,
        recipients=_lines(setting.recipients) or default.recipients,
        signer_lines=_lines(setting.signer_lines) or default.signer_lines,
        signer_name=setting.signer_name,
        template=bytes(setting.template) if setting.template else None,
    )
