"""Sentences of the e-government area: documents exchanged online, communes connected, ISO 9001."""

from __future__ import annotations

from iso.figures import ISO_9001_2015

from ..picking import Picker
from ..wording import SOME_UNITS, cap, day_text, num, span_phrase, typed_pct

DOCUMENTS_EXCHANGED, COMMUNES_CONNECTED = "egov_documents_exchanged", "egov_communes_connected"


class EgovSentences(Picker):
    """E-government and ISO."""

    # 7. e-government and ISO

    def documents_exchanged(self) -> str | None:
        picked = self.pick_figures([DOCUMENTS_EXCHANGED])
        figure = picked[DOCUMENTS_EXCHANGED] if picked else None
        if figure is None or figure.number is None:
            return None
        lead = f"Tính đến ngày {day_text(figure.as_of)}, " if figure.as_of else f"Đến hết {span_phrase(self.span)}, "
        within = f" trong {self.territory}" if picked.own and self.territory else ""
        return f"{lead}đã có {num(figure.number)} văn bản trao đổi qua mạng giữa các đơn vị{within}."

    def communes_connected(self) -> str | None:
        picked = self.pick_figures([COMMUNES_CONNECTED])
        figure = picked[COMMUNES_CONNECTED] if picked else None
        if figure is None or figure.number is None:
            return None
        said = (
            f"phần mềm quản lý văn bản đã kết nối liên thông đến {typed_pct(figure.number)} đơn vị hành chính cấp xã."
        )
        return f"Tính đến ngày {day_text(figure.as_of)}, {said}" if figure.as_of else cap(said)

    def iso(self) -> list[str]:
        picked = self.pick(
            "iso", ("units_applying", "units_on_2015", "units_transitioning", "units_announced"), topmost=True
        )
        if picked is None:
            return []
        out = []
        if picked["units_applying"] is not None:
            if picked.own:
                where = f"trên địa bàn {self.territory}" if self.territory else f"tại {self.scope.name}"
            else:
                where = f"tại {SOME_UNITS}"
            details = [
                text % num(picked[name])
                for name, text in (
                    ("units_on_2015", f"%s đơn vị áp dụng {ISO_9001_2015}"),
                    ("units_transitioning", f"%s đơn vị đang chuyển đổi sang {ISO_9001_2015}"),
                )
                if picked[name] is not None
            ]
            detail = f" (trong đó: {', '.join(details)})" if details else ""
            out.append(
                f"Đến nay, {where} có {num(picked['units_applying'])} đơn vị đang áp dụng, duy trì hệ thống "
                f"quản lý chất lượng theo tiêu chuẩn ISO 9001{detail}."
            )
        if picked["units_announced"] is not None:
            out.append(
                f"{self.lead}có {num(picked['units_announced'])} đơn vị công bố hệ thống quản lý chất lượng "
                f"phù hợp tiêu chuẩn ISO 9001."
            )
        return out
