"""Sentences of the first two reform areas: direction (documents issued, outreach) and institutions (legal
documents reviewed, expired)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from outreach.figures import KINDS, PORTAL_ORDER

from ..picking import Picker
from ..wording import and_join, cap, day_text, num, purpose

# Catalogue figures (seeds/figures.py) that have a sentence of their own here.
DIRECTIVE = "directive_document"
TELEGRAM, CULTURE = "directive_telegram", "civil_service_culture"
LEGAL_REVIEW = (
    "qppl_drafts_commented",
    "qppl_self_inspected_decisions",
    "qppl_self_inspected_resolutions",
    "qppl_district_inspected",
)
EXPIRY = ("qppl_expiry_decision", "qppl_expired_full", "qppl_expired_part_last_year", "qppl_expired_part_earlier")

# What each kind of outreach item is called in a sentence ("72 tin và 12 phóng sự").
ITEM_WORDS = {
    "news": "tin",
    "article": "bài viết",
    "news_or_article": "tin, bài",
    "reportage": "phóng sự",
    "column": "chuyên mục, chuyên trang",
    "event": "sự kiện, cuộc thi",
}


class DirectionSentences(Picker):
    """Direction and outreach; institutional reform."""

    # 1. direction and outreach

    def directive(self) -> list[str]:
        """The direction documents of the quarter, listed (number, date, title), each issuer the subject of its
        own sentence; then the catalogue's directive figure, for documents typed there and not in the list."""
        said = self.direction_documents()
        listed = {row["number"] for _report, row in self.own_or_below(self.data.documents)}
        picked = self.pick_figures([DIRECTIVE])
        figure = picked[DIRECTIVE] if picked else None
        if picked is None or figure is None:
            return said
        figure = dataclasses.replace(figure, texts=[t for t in figure.texts if t[0] not in listed])
        documents = self.documents(figure, picked.own) if figure.texts else ""
        if documents:
            said.append(
                f"{self.lead}{self.subject(picked)} ban hành {documents} yêu cầu, đôn đốc các cơ quan, đơn vị triển "
                f"khai thực hiện Kế hoạch CCHC năm {self.span.year}."
            )
        return said

    def direction_documents(self) -> list[str]:
        """ "UBND tỉnh ban hành Công văn số 186/UBND-NC ngày 04/02/2020 yêu cầu, đôn đốc …; Quyết định số …": the
        subject is the document's issuer as entered, else the unit that reported it (the scope's own documents
        when it listed any, else its units')."""
        by_subject: dict[str, list[str]] = {}
        for report, row in self.own_or_below(self.data.documents):
            subject = row["issuer"].strip() or report.unit.name
            name = f"{row['kind_label']} số {row['number']} ngày {day_text(row['issued_on'])}"
            by_subject.setdefault(subject, []).append(f"{name} {purpose(row['title'])}".strip())
        return [
            f"{self.lead if i == 0 else ''}{cap(subject)} ban hành {'; '.join(names)}."
            for i, (subject, names) in enumerate(by_subject.items())
        ]

    def telegram(self) -> str | None:
        picked = self.pick_figures([TELEGRAM])
        documents = self.documents(picked[TELEGRAM], picked.own) if picked else ""
        if not documents:
            return None
        return (
            f"{cap(self.subject(picked))} ban hành {documents} đôn đốc các cơ quan, đơn vị khẩn trương, nghiêm túc "
            f"triển khai nhiệm vụ năm {self.span.year}."
        )

    def civil_service_culture(self) -> str | None:
        picked = self.pick_figures([CULTURE])
        documents = self.documents(picked[CULTURE], picked.own) if picked else ""
        if not documents:
            return None
        return (
            f"{cap(self.subject(picked))} yêu cầu các cơ quan, đơn vị triển khai đầy đủ các nội dung về văn hóa "
            f"công vụ theo {documents}."
        )

    def outreach(self) -> list[str]:
        """The press and broadcasters by outlet; then, only where entered, the agencies' portals and websites."""
        counts = self.data.outreach
        if counts.get(self.scope.pk):
            chosen = counts[self.scope.pk]
        else:
            below = [u for u, c in counts.items() if u != self.scope.pk and any(c.values())]
            self.summed.update(below)
            chosen = defaultdict(int)
            for unit_id in below:
                for key, count in counts[unit_id].items():
                    chosen[key] += count
        by_outlet: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
        for (order, outlet, kind), count in chosen.items():
            if count:
                by_outlet[(order, outlet)][kind] = count
        media, portals = [], []
        for (order, outlet), kinds in sorted(by_outlet.items()):
            items = and_join([f"{num(kinds[kind])} {ITEM_WORDS[kind]}" for kind in KINDS if kind in kinds])
            if order == PORTAL_ORDER:
                portals.append(f"{outlet} {items}")
            else:
                media.append(f"{outlet} thực hiện {items} về CCHC")
        out = [f"{self.lead}{'; '.join(media)}."] if media else []
        if portals:
            out.append(
                f"{self.lead}các cổng, trang thông tin điện tử của cơ quan, đơn vị đăng tải tin, bài tuyên truyền "
                f"về CCHC: {'; '.join(portals)}."
            )
        return out

    # 2. institutional reform

    def legal_review(self) -> str | None:
        picked = self.pick_figures(LEGAL_REVIEW)
        if picked is None:
            return None
        drafts, decisions, resolutions, district = (picked[c].number if picked[c] else None for c in LEGAL_REVIEW)
        clauses = []
        if drafts is not None:
            clauses.append(f"góp ý đối với {num(drafts)} dự thảo văn bản QPPL")
        inspected = [
            f"{num(value)} {text}"
            for value, text in ((decisions, "quyết định của UBND tỉnh"), (resolutions, "nghị quyết của HĐND tỉnh"))
            if value is not None
        ]
        if inspected:
            clauses.append("tự kiểm tra đối với " + ", ".join(inspected))
        if district is not None:
            clauses.append(f"kiểm tra đối với {num(district)} văn bản do HĐND, UBND cấp huyện gửi đến")
        if not clauses:
            return None
        return f"{self.lead}{self.subject(picked)} đã {'; '.join(clauses)}."

    def expired_documents(self) -> str | None:
        picked = self.pick_figures(EXPIRY)
        if picked is None:
            return None
        decision, full, last_year, earlier = (picked[c] for c in EXPIRY)
        year_before = self.span.year - 1
        counts = []
        if full and full.number is not None:
            counts.append(f"{num(full.number)} văn bản QPPL hết hiệu lực, ngưng hiệu lực toàn bộ")
        if last_year and last_year.number is not None:
            counts.append(f"{num(last_year.number)} văn bản hết hiệu lực một phần năm {year_before}")
        if earlier and earlier.number is not None:
            counts.append(
                f"{num(earlier.number)} văn bản hết hiệu lực một phần trước ngày {day_text(dt.date(year_before, 1, 1))}"
            )
        listing = "danh mục " + ("; ".join(counts) if counts else "văn bản QPPL hết hiệu lực, ngưng hiệu lực")
        documents = self.documents(decision, picked.own)
        if documents:
            return f"{self.lead}{self.subject(picked)} ban hành {documents} về công bố {listing}."
        if counts:
            return f"{self.lead}{self.subject(picked)} đã công bố {listing}."
        return None
