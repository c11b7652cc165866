"""The narrative's sentences, one method per sentence, grouped by reform area in the modules of this package.

Every method returns None (or []) when its figures were not reported, so the sentence is left out: never
"None", never a 0 in place of a missing figure. `Sentences` gathers them; any catalogue figure an admin adds
without a sentence of its own gets a plain "name: value" sentence in its area (`other_figures`).
"""

from __future__ import annotations

from cchc.choices import FigureType, ReformArea

from ..wording import day_text, num, sentence, typed_pct
from .direction import CULTURE, DIRECTIVE, EXPIRY, LEGAL_REVIEW, TELEGRAM, DirectionSentences
from .egov import COMMUNES_CONNECTED, DOCUMENTS_EXCHANGED, SOFTWARE, WEBSITES, EgovSentences
from .finance import FINANCE_FIGURES, FinanceSentences
from .organisation import OrganisationSentences
from .procedures import ProcedureSentences

KNOWN_FIGURES = {
    DIRECTIVE,
    TELEGRAM,
    CULTURE,
    *LEGAL_REVIEW,
    *EXPIRY,
    *FINANCE_FIGURES,
    DOCUMENTS_EXCHANGED,
    COMMUNES_CONNECTED,
    SOFTWARE,
    WEBSITES,
}


class Sentences(DirectionSentences, ProcedureSentences, OrganisationSentences, FinanceSentences, EgovSentences):
    """Every sentence of the seven reform areas, built from `NarrativeData` for one scope and span."""

    # any other catalogue figure an admin added

    def other_figures(self, area: ReformArea) -> list[str]:
        codes: dict[str, tuple[int, str]] = {}
        for per_unit in self.data.catalogue.values():
            for code, listed in per_unit.items():
                if listed.area == area and code not in KNOWN_FIGURES:
                    codes[code] = (listed.order, code)
        out = []
        for code in sorted(codes, key=lambda c: codes[c]):
            picked = self.pick_figures([code])
            figure = picked[code] if picked else None
            if figure is None:
                continue
            name = f"{figure.name} (tính đến ngày {day_text(figure.as_of)})" if figure.as_of else figure.name
            if figure.number is not None:
                if figure.value_type == FigureType.PERCENT:
                    value = typed_pct(figure.number)
                else:
                    value = num(figure.number) + (f" {figure.unit_of_measure}" if figure.unit_of_measure else "")
            else:
                value = self.documents(figure, picked is not None and picked.own)
            if value:
                out.append(sentence(f"{name}: {value}"))
        return out
