"""Which figures a sentence of the narrative says (DESIGN.md, "Figures are entered at the level their source
publishes them"): the scope unit's own figures when it reported any of them, otherwise the figures of the units
below it, added up by the figure layer, and the section then names those units in a note."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cchc.choices import FigureType
from cchc.models import Report, Unit

from ..periods import PeriodSpan
from .data import CatalogueFigure, NarrativeData
from .wording import GOVERNING, SOME_UNITS, document_name, span_phrase, territory_of


@dataclass
class Picked:
    """The figures one sentence says: the scope's own (`own`), or summed over the units below."""

    values: dict
    own: bool

    def __getitem__(self, name):
        return self.values.get(name)


class Picker:
    """Chooses the figures each sentence says (the scope's own, or its units' added up) and keeps the units whose
    figures were summed into the current section, for the section's note. The sentence classes build on it."""

    def __init__(self, data: NarrativeData, span: PeriodSpan, scope: Unit):
        self.data, self.span, self.scope = data, span, scope
        self.lead = f"Trong {span_phrase(span)}, "
        self.territory = territory_of(scope)
        self.summed: set[int] = set()  # units whose figures were summed into the current section

    # which figures a sentence says

    def pick(self, area: str, names: Iterable[str], *, topmost: bool = False) -> Picked | None:
        """The scope's own figures if it reported any of `names`, else the units below that did, added up.

        Values over the span and over units are the figure layer's (`NarrativeData.values`, `.group`). With
        `topmost`, a unit below another reporting unit is left out (its figure is inside its parent's).
        """
        names = list(names)
        data = self.data
        if self.scope.pk in data.units:
            own = data.values(self.scope.pk, area)
            if any(own.get(n) is not None for n in names):
                return Picked({n: own.get(n) for n in names}, own=True)
        below = [
            u for u in data.units if u != self.scope.pk and any(data.values(u, area).get(n) is not None for n in names)
        ]
        if topmost:
            paths = {u: data.units[u].path for u in below}
            below = [u for u in below if not any(o != u and paths[u].startswith(paths[o]) for o in below)]
        if not below:
            return None
        self.summed.update(below)
        summed = data.group(below, area)
        return Picked({n: summed.get(n) for n in names}, own=False)

    def pick_figures(self, codes: Iterable[str]) -> Picked | None:
        """Catalogue figures, as `pick`: counts add up over units; a typed percentage of several units has no
        total (neither their sum nor their mean is the group's share), so it is left out; texts are listed."""
        codes = list(codes)
        figures = self.data.catalogue
        own = figures.get(self.scope.pk, {})
        if any(code in own for code in codes):
            return Picked({code: own.get(code) for code in codes}, own=True)
        below = [u for u, values in figures.items() if u != self.scope.pk and any(c in values for c in codes)]
        if not below:
            return None
        self.summed.update(below)
        out: dict[str, object] = {}
        for code in codes:
            parts = [figures[u][code] for u in below if code in figures[u]]
            if not parts:
                out[code] = None
                continue
            first = parts[0]
            combined = CatalogueFigure(
                code=code,
                name=first.name,
                area=first.area,
                unit_of_measure=first.unit_of_measure,
                value_type=first.value_type,
                order=first.order,
            )
            numbers = [p for p in parts if p.number is not None]
            combined.number = self.data.catalogue_group(code, [u for u in below if code in figures[u]])
            if combined.number is not None:
                dates = {p.as_of for p in numbers}
                combined.as_of = dates.pop() if len(dates) == 1 else None
            combined.texts = [t for p in parts for t in p.texts]
            out[code] = combined if combined.reported else None
        return Picked(out, own=False)

    def subject(self, picked: Picked | None) -> str:
        return self.scope.name if picked is not None and picked.own else SOME_UNITS

    def signer(self, picked: Picked) -> str:
        """Who signs a People's Committee's decisions: its Chairman ("Chủ tịch UBND tỉnh Cao Bằng") when the scope
        is a People's Committee saying its own figures; otherwise the sentence's subject."""
        if picked.own and self.scope.name.startswith(GOVERNING):
            return f"Chủ tịch {self.scope.name}"
        return self.subject(picked)

    def documents(self, figure: CatalogueFigure | None, own: bool) -> str:
        """ "Công văn số 186/UBND-NC ngày 04/02/2020", each naming its unit when summed from several."""
        if figure is None:
            return ""
        names = []
        for text, day, unit_id in figure.texts:
            name = document_name(text, day) if figure.value_type == FigureType.DOCUMENT_NUMBER else text
            names.append(name if own else f"{name} ({self.data.units[unit_id].name})")
        return ", ".join(dict.fromkeys(names))

    def own_or_below(self, rows: list[tuple[Report, dict]]) -> list[tuple[Report, dict]]:
        """Rows listed one by one (approvals, schemes): the scope's own if it has any, else its units'."""
        own = [(r, row) for r, row in rows if r.unit_id == self.scope.pk]
        return own or rows
