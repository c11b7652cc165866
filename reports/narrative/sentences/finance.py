"""Sentences of the public-finance area: the decrees on autonomy the units apply (catalogue figures)."""

from __future__ import annotations

from ..picking import Picker
from ..wording import cap

# Catalogue figures (seeds/figures.py): the decree each kind of unit's autonomy follows, as entered.
AUTONOMY = (
    (
        "finance_autonomy_agencies",
        "cơ chế tự chủ, tự chịu trách nhiệm về sử dụng biên chế và kinh phí quản lý hành chính",
    ),
    ("finance_autonomy_public_units", "cơ chế tự chủ của đơn vị sự nghiệp công lập"),
)
FINANCE_FIGURES = tuple(code for code, _said in AUTONOMY)


class FinanceSentences(Picker):
    """Public finance."""

    def autonomy(self) -> str | None:
        """ "… tiếp tục thực hiện cơ chế tự chủ … theo Nghị định số 130/2005/NĐ-CP; cơ chế tự chủ của đơn vị sự
        nghiệp công lập theo Nghị định số 16/2015/NĐ-CP." """
        picked = self.pick_figures(FINANCE_FIGURES)
        if picked is None:
            return None
        clauses = []
        for code, said in AUTONOMY:
            documents = self.documents(picked[code], picked.own)
            if documents:
                clauses.append(f"{said} theo {documents}")
        if not clauses:
            return None
        # The units apply the decrees: the province's own entry speaks for the units in its territory.
        who = f"các cơ quan, đơn vị trong {self.territory}" if picked.own and self.territory else self.subject(picked)
        return f"{cap(who)} tiếp tục thực hiện {'; '.join(clauses)}."
