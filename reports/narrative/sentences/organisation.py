"""Sentences of the organisation area (units merged, officials reassigned, job-position schemes, staffing
quota, downsizing) and of the civil-service area (leadership rating, the annual rating per year)."""

from __future__ import annotations

from cchc.choices import UnitKind
from cchc.templatetags.cchc import pct
from personnel import figures as personnel_figures
from personnel.figures import GRADE_FIELDS, share

from ..picking import Picker
from ..wording import SOME_UNITS, and_join, area_name, cap, day_text, document_name, lower_first, num, short_name


class OrganisationSentences(Picker):
    """Organisation of the apparatus; civil servants."""

    # 4. organisation

    def units_rearranged(self) -> str | None:
        """The units rearranged: the counts entered, each level naming the units the unit tree's mergers ended
        in the span ("6 đơn vị hành chính cấp huyện (Hà Quảng, Thông Nông, …)")."""
        picked = self.pick("personnel", ("districts_merged", "communes_merged"))
        if picked is None:
            return None
        names = self.merged_names()
        parts = []
        for name, level, kind in (
            ("districts_merged", "cấp huyện", UnitKind.DISTRICT),
            ("communes_merged", "cấp xã", UnitKind.COMMUNE),
        ):
            if picked[name] is None:
                continue
            listed = f" ({', '.join(names[kind])})" if names.get(kind) else ""
            parts.append(f"{num(picked[name])} đơn vị hành chính {level}{listed}")
        return f"{self.lead}{self.subject(picked)} đã thực hiện sắp xếp {and_join(parts)}."

    def merged_names(self) -> dict[str, list[str]]:
        """The short names ("Hà Quảng") of the units merged in the span, per kind, in the tree's order."""
        out: dict[str, list[str]] = {}
        for merger in self.data.mergers:
            for name, kind in merger["merged"]:
                short = short_name(name)
                if short not in out.setdefault(kind, []):
                    out[kind].append(short)
        return out

    def mergers(self) -> str | None:
        """ "Theo Nghị quyết số 864/NQ-UBTVQH14, từ ngày 01/02/2020: huyện Hà Quảng và huyện Thông Nông
        hợp thành huyện Hà Quảng; …" from the unit tree's mergers in the span."""
        by_act: dict[tuple, list[str]] = {}
        for merger in self.data.mergers:
            merged = and_join([area_name(name) for name, _kind in merger["merged"]])
            into = area_name(merger["into"])
            by_act.setdefault((merger["resolution"], merger["effective_on"]), []).append(f"{merged} hợp thành {into}")
        said = [
            f"Theo {document_name(resolution)}, từ ngày {day_text(day)}: {'; '.join(items)}."
            for (resolution, day), items in by_act.items()
        ]
        return " ".join(said) or None

    def officials_reassigned(self) -> str | None:
        names = ("district_officials_reassigned", "commune_officials_reassigned")
        picked = self.pick("personnel", names)
        if picked is None:
            return None
        parts = [
            f"{num(picked[name])} cán bộ, công chức {level}"
            for name, level in zip(names, ("cấp huyện", "cấp xã"), strict=True)
            if picked[name] is not None
        ]
        return f"{cap(self.subject(picked))} đã xây dựng phương án bố trí, sắp xếp đối với {and_join(parts)}."

    def policy_cases(self) -> str | None:
        picked = self.pick("personnel", ("policy_cases",))
        if picked is None:
            return None
        return (
            f"{cap(self.subject(picked))} đã thực hiện chế độ, chính sách đối với {num(picked['policy_cases'])} "
            f"trường hợp cán bộ, công chức, viên chức."
        )

    def quota(self) -> str | None:
        picked = self.pick("personnel", ("quota", "headcount"))
        if picked is None or (picked["quota"] is None and picked["headcount"] is None):
            return None
        clauses = []
        if picked["quota"] is not None:
            # A year is not a count: summed over units it means nothing, so only the scope's own is said.
            quota_year = self.data.quota_years.get(self.scope.pk)
            year = f" năm {quota_year}" if picked.own and quota_year else ""
            clauses.append(f"quyết định giao {num(picked['quota'])} biên chế công chức{year}")
        if picked["headcount"] is not None:
            clauses.append(f"số công chức hiện có là {num(picked['headcount'])}")
        return f"{cap(self.subject(picked))} {'; '.join(clauses)}."

    def job_schemes(self) -> str | None:
        rows = self.own_or_below(self.data.schemes)
        if not rows:
            return None
        items = []
        for report, row in rows:
            item = row["name"]
            if row["decision_number"]:
                item += f" ({document_name(row['decision_number'], row['decision_date'])})"
            if report.unit_id != self.scope.pk:
                item += f" của {report.unit.name}"
            items.append(item)
        own = rows[0][0].unit_id == self.scope.pk
        who = self.scope.name if own else cap(SOME_UNITS)
        return f"{who} phê duyệt đề án vị trí việc làm: {'; '.join(items)}."

    def downsizing(self) -> list[str]:
        out = []
        for report, approval in self.own_or_below(self.data.downsizing):
            bases = sorted(approval["legal_bases"])
            legal = f" theo {and_join([document_name(b) for b in bases])}" if bases else ""
            round_ = f" (lần {approval['round']})" if approval["round"] else ""
            decision = (
                f", tại {document_name(approval['decision_number'], approval['decision_date'])}"
                if approval["decision_number"]
                else ""
            )
            out.append(
                f"{self.lead}{report.unit.name} quyết định phê duyệt danh sách và cấp kinh phí thực hiện "
                f"chính sách tinh giản biên chế{legal} đợt {approval['batch']} năm {approval['year']}{round_} đối với "
                f"{num(approval['cases'])} trường hợp cán bộ, công chức, viên chức và người lao động{decision}."
            )
        return out

    # 5. civil service

    def leadership_rating(self) -> str | None:
        picked = self.pick("personnel", ("collectives_rated", "individuals_decided", "individuals_proposed"))
        if picked is None:
            return None
        standing = {UnitKind.PROVINCE.value: " Tỉnh ủy", UnitKind.DISTRICT.value: " Huyện ủy"}.get(self.scope.kind, "")
        clauses = [
            text % num(picked[name])
            for name, text in (
                ("collectives_rated", "đánh giá, xếp loại chất lượng %s tập thể lãnh đạo, quản lý"),
                ("individuals_decided", "quyết định xếp loại đối với %s cán bộ, công chức"),
                (
                    "individuals_proposed",
                    "đề xuất mức xếp loại đối với %s cán bộ, công chức diện Ban Thường vụ"
                    + (standing if picked.own else "")
                    + " quản lý",
                ),
            )
            if picked[name] is not None
        ]
        return f"{self.lead}{self.subject(picked)} đã {'; '.join(clauses)}."

    def ratings(self) -> list[str]:
        """The annual rating per rating year: total and each grade with its share of the total."""
        ratings = self.data.ratings
        if ratings.get(self.scope.pk):
            chosen = {self.scope.pk: ratings[self.scope.pk]}
        else:
            chosen = {u: r for u, r in ratings.items() if u != self.scope.pk}
            self.summed.update(chosen)
        years: dict[int, tuple[dict[str, int], set[str]]] = {}
        for per_year in chosen.values():
            for year, (counts, categories) in per_year.items():
                before, seen = years.get(year, (dict.fromkeys(GRADE_FIELDS, 0), set()))
                years[year] = ({n: before[n] + counts[n] for n in GRADE_FIELDS}, seen | categories)
        out = []
        for year, (counts, categories) in sorted(years.items()):
            total = sum(counts.values())
            if not total:
                continue
            category = categories.pop() if len(categories) == 1 else personnel_figures.ALL_CATEGORY
            who = lower_first(personnel_figures.category_label(category)).removesuffix(" (chung)")
            labels = personnel_figures.grade_labels(category)
            grades = [
                f"{lower_first(labels[name])} {num(counts[name])} ({pct(share(counts[name], total))})"
                for name in GRADE_FIELDS
            ]
            out.append(
                f"Kết quả đánh giá, xếp loại chất lượng {who} năm {year}: tổng số {num(total)} người, "
                f"trong đó {'; '.join(grades)}."
            )
        return out
