"""Sentences of the procedures area: decisions, procedures in force and reduced, the one-stop ledgers (each
service centre's reception points, then the area's total), feedback."""

from __future__ import annotations

from cchc.choices import UnitKind

from ..picking import Picker
from ..wording import SOME_UNITS, and_join, cap, day_text, num


class ProcedureSentences(Picker):
    """Administrative procedures and the one-stop shop."""

    # 3. procedures and the one-stop shop

    def procedure_decisions(self) -> str | None:
        picked = self.pick("procedures", ("decisions_publishing", "decisions_workflows", "workflows_approved"))
        if picked is None:
            return None
        publishing, decisions, workflows = (
            picked["decisions_publishing"],
            picked["decisions_workflows"],
            picked["workflows_approved"],
        )
        # A People's Committee's decisions publishing procedures and approving workflows are signed by its Chairman.
        clauses = []
        if publishing is not None:
            clauses.append(f"ban hành {num(publishing)} quyết định công bố TTHC")
        if decisions is not None:
            with_workflows = f" với {num(workflows)} quy trình" if workflows is not None else ""
            clauses.append(
                f"ban hành {num(decisions)} quyết định phê duyệt quy trình nội bộ trong giải quyết TTHC{with_workflows}"
            )
        elif workflows is not None:
            clauses.append(f"phê duyệt {num(workflows)} quy trình nội bộ trong giải quyết TTHC")
        return f"{self.lead}{self.signer(picked)} {'; '.join(clauses)}."

    def procedures_in_force(self) -> str | None:
        picked = self.pick("procedures", ("procedures_in_force",))
        if picked is None:
            return None
        if picked.own:
            whose = f"các cấp chính quyền trên địa bàn {self.territory}" if self.territory else self.scope.name
        else:
            whose = SOME_UNITS
        return f"Tổng số TTHC thuộc thẩm quyền giải quyết của {whose} là {num(picked['procedures_in_force'])} TTHC."

    def procedures_reduced(self) -> str | None:
        picked = self.pick("procedures", ("procedures_reduced",))
        if picked is None:
            return None
        who = f"toàn {self.territory}" if picked.own and self.territory else self.subject(picked)
        reduced = num(picked["procedures_reduced"])
        return f"Đến nay, {who} đã thực hiện cắt giảm thời hạn giải quyết đối với {reduced} TTHC."

    def online_services(self) -> str | None:
        """The catalogue's procedures offered online: levels 3 and 4 before Decree 42/2022/NĐ-CP, fully and
        partly online after; said only when the catalogue has any online procedure."""
        picked = self.pick("catalogue", ("in_force", "full", "partial", "level_3", "level_4"), topmost=True)
        if picked is None or not (picked["full"] or picked["partial"]):
            return None
        if picked["level_3"] is not None or picked["level_4"] is not None:
            levels = [(picked["level_3"] or 0, "mức độ 3"), (picked["level_4"] or 0, "mức độ 4")]
        else:
            levels = [(picked["full"] or 0, "trực tuyến toàn trình"), (picked["partial"] or 0, "trực tuyến một phần")]
        parts = [f"{num(count)} TTHC {label}" for count, label in levels if count]
        return (
            f"Dịch vụ công trực tuyến được cung cấp đối với {and_join(parts)} trong tổng số "
            f"{num(picked['in_force'])} TTHC của danh mục đang có hiệu lực."
        )

    @staticmethod
    def ledger_parts(totals: dict) -> str:
        """ "(trong đó: giải quyết đúng hạn 1.604 hồ sơ, giải quyết trễ hạn 10 hồ sơ, đang giải quyết 470 hồ sơ)"."""
        parts = [
            f"{label} {num(totals[name])} hồ sơ"
            for name, label in (
                ("resolved_early", "giải quyết trước hạn"),
                ("resolved_on_time", "giải quyết đúng hạn"),
                ("resolved_late", "giải quyết trễ hạn"),
            )
            if totals.get(name) is not None
        ]
        if not parts:  # the source published the resolved total only
            parts.append(f"đã giải quyết {num(totals['resolved_total'])} hồ sơ")
        parts.append(f"đang giải quyết {num(totals['pending_total'])} hồ sơ")
        if totals.get("returned_withdrawn"):
            parts.append(f"trả lại, rút {num(totals['returned_withdrawn'])} hồ sơ")
        if totals.get("other_outcomes"):
            parts.append(f"kết quả khác {num(totals['other_outcomes'])} hồ sơ")
        online = ProcedureSentences.online_part(totals)
        return f"(trong đó: {', '.join(parts)}){online}"

    @staticmethod
    def online_part(totals: dict) -> str:
        """ "; tiếp nhận trực tuyến 1.200 hồ sơ (toàn trình 800, một phần 400)" when the ledger gave the channel."""
        if totals.get("new_online") is None:
            return ""
        levels = [
            f"{label} {num(totals[name])}"
            for name, label in (("new_online_full", "toàn trình"), ("new_online_partial", "một phần"))
            if totals.get(name) is not None
        ]
        split = f" ({', '.join(levels)})" if levels else ""
        return f"; tiếp nhận mới trực tuyến {num(totals['new_online'])} hồ sơ{split}"

    def centre_ledgers(self) -> list[str]:
        """One sentence per reception point of each service centre, naming the point."""
        out = []
        for unit_id, point in self.data.points:
            if self.data.units[unit_id].kind == UnitKind.SERVICE_CENTRE:
                totals = self.data.ledger((unit_id, point))
                out.append(
                    f"{self.lead}{point} đã tiếp nhận {num(totals['received_total'])} hồ sơ TTHC "
                    f"{self.ledger_parts(totals)}."
                )
        return out

    def communes_one_stop(self) -> str | None:
        picked = self.pick("procedures", ("communes_on_one_stop", "communes_total"))
        if picked is None or picked["communes_on_one_stop"] is None:
            return None
        of_total = f"/{num(picked['communes_total'])}" if picked["communes_total"] is not None else ""
        return (
            f"Hệ thống thông tin một cửa điện tử đã được triển khai thực hiện đến "
            f"{num(picked['communes_on_one_stop'])}{of_total} xã, phường, thị trấn."
        )

    def one_stop_total(self) -> str | None:
        """The area's one-stop ledger: the scope's own (the province's is province-wide), else its units' summed."""
        points, units = list(self.data.points), self.data.units
        if self.scope.kind == UnitKind.SERVICE_CENTRE:
            return None  # its points have their own sentences
        own = [point for point in points if point[0] == self.scope.pk]
        where = f" trên địa bàn {self.territory}" if self.territory else ""
        if own:
            chosen = own
            if self.scope.kind == UnitKind.PROVINCE:
                said = f"{SOME_UNITS}{where} đã tiếp nhận giải quyết qua phần mềm"
            else:
                said = f"{self.scope.name} đã tiếp nhận"
        else:
            chosen = [point for point in points if point[0] != self.scope.pk]
            if not any(units[unit_id].kind != UnitKind.SERVICE_CENTRE for unit_id, _point in chosen):
                return None  # nothing beyond the centres' own sentences
            self.summed.update(unit_id for unit_id, _point in chosen)
            said = f"{SOME_UNITS}{where} đã tiếp nhận, giải quyết"
        totals = self.data.ledgers_group(chosen)  # the points added up by the figure layer
        return f"{self.lead}{said} {num(totals['received_total'])} hồ sơ TTHC {self.ledger_parts(totals)}."

    def feedback(self) -> str | None:
        picked = self.pick("procedures", ("feedback_received", "feedback_handled", "feedback_pending"))
        if picked is None:
            return None
        received, handled, pending = (
            picked["feedback_received"],
            picked["feedback_handled"],
            picked["feedback_pending"],
        )
        clauses = []
        if received is not None and received == handled:
            clauses.append(f"đã tiếp nhận, xử lý {num(received)} phản ánh, kiến nghị của cá nhân, tổ chức")
        else:
            if received is not None:
                clauses.append(f"đã tiếp nhận {num(received)} phản ánh, kiến nghị của cá nhân, tổ chức")
            if handled is not None:
                clauses.append(f"đã xử lý {num(handled)} phản ánh, kiến nghị")
        if pending is not None:
            clauses.append(f"đang xử lý {num(pending)} phản ánh, kiến nghị")
        window = self.feedback_window() if picked.own else ""
        lead = f"{window}, " if window else self.lead
        return f"{lead}{self.subject(picked)} {'; '.join(clauses)}."

    def feedback_window(self) -> str:
        """ "Từ ngày 01/01/2020 đến ngày 05/03/2020": the window the scope's feedback figures were counted over,
        when it gave one (the feedback system publishes its own window, not the quarter)."""
        start, end = self.data.feedback_windows.get(self.scope.pk, (None, None))
        parts = [f"{word} ngày {day_text(day)}" for word, day in (("từ", start), ("đến", end)) if day]
        return cap(" ".join(parts))
