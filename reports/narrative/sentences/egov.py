"""Sentences of the e-government area: documents exchanged online, communes connected, ISO 9001."""

from __future__ import annotations

from iso.figures import ISO_9001_2015

from ..picking import Picker
from ..wording import SOME_UNITS, and_join, cap, day_text, num, span_phrase, typed_pct

DOCUMENTS_EXCHANGED, COMMUNES_CONNECTED = "egov_documents_exchanged", "egov_communes_connected"
SOFTWARE, WEBSITES = "egov_document_software", "egov_websites_updated"


class EgovSentences(Picker):
    """E-government and ISO."""

    # 7. e-government and ISO

    def documents_exchanged(self) -> str | None:
        picked = self.pick_figures([DOCUMENTS_EXCHANGED])
        figure = picked[DOCUMENTS_EXCHANGED] if picked else None
        if figure is None or figure.number is None:
            return None
        lead = f"Tính đến ngày {day_text(figure.as_of)}, " if figure.as_of else f"Đến hết {span_phrase(self.span)}, "
        within = f" trong {self.territory}" if picked is not None and picked.own and self.territory else ""
        return f"{lead}đã có {num(figure.number)} văn bản trao đổi qua mạng giữa các đơn vị{within}."

    def communes_connected(self) -> str | None:
        picked = self.pick_figures([COMMUNES_CONNECTED])
        figure = picked[COMMUNES_CONNECTED] if picked else None
        if figure is None or figure.number is None:
            return None
        software = self.software_name()
        said = (
            f"phần mềm quản lý văn bản{software} đã kết nối liên thông đến {typed_pct(figure.number)} đơn vị "
            f"hành chính cấp xã."
        )
        return f"Tính đến ngày {day_text(figure.as_of)}, {said}" if figure.as_of else cap(said)

    def software_name(self) -> str:
        """ " VNPT-iOffice": the document software named, when entered (several units' names listed)."""
        picked = self.pick_figures([SOFTWARE])
        figure = picked[SOFTWARE] if picked else None
        if figure is None:
            return ""
        return " " + ", ".join(dict.fromkeys(text for text, _day, _unit in figure.texts))

    def websites(self) -> str | None:
        picked = self.pick_figures([WEBSITES])
        figure = picked[WEBSITES] if picked else None
        if figure is None or figure.number is None:
            return None
        return (
            f"{typed_pct(figure.number)} các cơ quan chuyên môn thuộc UBND tỉnh và UBND các huyện, thành phố duy "
            f"trì, cập nhật thông tin về hoạt động của cơ quan, đơn vị trên Trang thông tin điện tử."
        )

    def iso(self) -> list[str]:
        picked = self.pick(
            "iso", ("units_applying", "units_on_2015", "units_transitioning", "units_announced"), topmost=True
        )
        if picked is None:
            return []
        out = []
        if picked.own:
            where = f"trên địa bàn {self.territory}" if self.territory else f"tại {self.scope.name}"
        else:
            where = f"tại {SOME_UNITS}"
        # The move to ISO 9001:2015 is said where entered, inside the units applying or on its own.
        details = [
            text % num(picked[name])
            for name, text in (
                ("units_on_2015", f"%s đơn vị áp dụng {ISO_9001_2015}"),
                ("units_transitioning", f"%s đơn vị đang chuyển đổi sang {ISO_9001_2015}"),
            )
            if picked[name] is not None
        ]
        if picked["units_applying"] is not None:
            detail = f" (trong đó: {', '.join(details)})" if details else ""
            out.append(
                f"Đến nay, {where} có {num(picked['units_applying'])} đơn vị đang áp dụng, duy trì hệ thống "
                f"quản lý chất lượng theo tiêu chuẩn ISO 9001{detail}."
            )
        elif details:
            out.append(f"Đến nay, {where} có {and_join(details)}.")
        if picked["units_announced"] is not None:
            out.append(
                f"{self.lead}có {num(picked['units_announced'])} đơn vị công bố hệ thống quản lý chất lượng "
                f"phù hợp tiêu chuẩn ISO 9001."
            )
        return out
