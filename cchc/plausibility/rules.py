"""The arithmetic of the plausibility checks: pure functions over figure values, no queries."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..figures import Figure, FigureData, Quarter, Semantics, base_code

# Thresholds (override any of them in settings.PLAUSIBILITY; docs/decisions.md explains the choice).
DEFAULTS = {
    "HISTORY_QUARTERS": 8,  # the history read: at most this many previous quarters
    "HISTORY_MIN": 4,  # reported quarters needed before the history check says anything
    "HISTORY_FACTOR": 4.0,  # how many (robust) deviations away, on a log scale, is implausible
    "LOG_DEVIATION_FLOOR": 0.3,  # a flat history still allows ±35 % (e^0.3) per deviation
    "ABSOLUTE_FLOOR": 20,  # and a change of fewer than this many (dossiers, people, ...) is never flagged
    "PEER_MIN": 5,  # units of the same kind needed before comparing with peers
    "PEER_FACTOR": 4.0,
}

MAD_TO_SIGMA = 1.4826  # the MAD of a normal distribution times this is its standard deviation


def threshold(name: str):
    return getattr(settings, "PLAUSIBILITY", {}).get(name, DEFAULTS[name])


class Rule:
    HISTORY = "history"
    FALL = "fall"
    CUMULATIVE = "cumulative"
    RANGE_MIN = "range_min"
    RANGE_MAX = "range_max"
    RANGE_RATIO = "range_ratio"
    PEERS = "peers"


RULE_LABELS = {
    Rule.HISTORY: gettext_lazy("So với các quý trước của đơn vị"),
    Rule.FALL: gettext_lazy("Số tại thời điểm giảm trong năm"),
    Rule.CUMULATIVE: gettext_lazy("Số lũy kế giảm"),
    Rule.RANGE_MIN: gettext_lazy("Dưới mức tối thiểu"),
    Rule.RANGE_MAX: gettext_lazy("Vượt mức tối đa"),
    Rule.RANGE_RATIO: gettext_lazy("Vượt mức so với quý trước"),
    Rule.PEERS: gettext_lazy("So với đơn vị cùng loại"),
}


@dataclass(frozen=True)
class Finding:
    """One implausible value: the unit, quarter and figure key, which rule, and a sentence naming the figure.

    `code` is stable across saves (rule and figure key), so a clerk's explanation stays with its figure."""

    unit_id: int
    quarter: Quarter
    key: str
    rule: str
    message: str
    value: Decimal

    @property
    def code(self) -> str:
        return f"plausibility:{self.rule}:{self.key}"


@dataclass(frozen=True)
class Range:
    """An admin's range for a figure key and a unit kind ("" = every kind); see models.PlausibilityRange."""

    key: str
    unit_kind: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_ratio_previous: Decimal | None = None


def vn_number(value, decimals: int = 0) -> str:
    """14600 → "14.600", 2.5 → "2,5": Vietnamese grouping, as the clerk reads numbers."""
    value = Decimal(value)
    text = f"{value:,.{decimals}f}" if decimals else f"{value.quantize(Decimal(1)):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _ratio_text(ratio: float) -> str:
    """ "10" for 9,98 and for 10,2; "3,5" below ten (a whole number without its ",0")."""
    rounded = Decimal(str(round(ratio, 1)))
    if rounded >= 10 or rounded == rounded.to_integral_value():
        return vn_number(rounded.quantize(Decimal(1)))
    return vn_number(rounded, 1)


def key_label(key: str, figures: dict[str, Figure]) -> str:
    """The figure's label, with the breakdown member for a breakdown key ("Tiếp nhận mới — Trực tuyến")."""
    figure = figures.get(base_code(key))
    if figure is None:
        return key
    if "@" not in key:
        return str(figure.label)
    dimension, _sep, member = key.split("@", 1)[1].partition(":")
    for breakdown in figure.breakdowns:
        if breakdown.dimension == dimension:
            for code, label in breakdown.members:
                if code == member:
                    return f"{figure.label} — {label}"
    return f"{figure.label} — {member}"


def previous_quarter(quarter: Quarter) -> Quarter:
    year, q = quarter
    return (year, q - 1) if q > 1 else (year - 1, 4)


def quarters_before(quarter: Quarter, count: int) -> list[Quarter]:
    """The `count` quarters before `quarter`, oldest first."""
    out = []
    for _i in range(count):
        quarter = previous_quarter(quarter)
        out.append(quarter)
    return out[::-1]


def _log(value) -> float:
    return math.log1p(max(float(value), 0.0))


@dataclass(frozen=True)
class Spread:
    """Median of a sample, and its median and scaled MAD on a log scale (floored)."""

    centre: float
    log_centre: float
    scale: float

    @classmethod
    def of(cls, sample: Sequence[Decimal]) -> Spread:
        logs = [_log(v) for v in sample]
        log_centre = median(logs)
        mad = median(abs(x - log_centre) for x in logs)
        scale = max(MAD_TO_SIGMA * mad, threshold("LOG_DEVIATION_FLOOR"))
        return cls(median(float(v) for v in sample), log_centre, scale)

    def far(self, value: Decimal, factor: float) -> bool:
        """Robust distance on a log scale (an extra digit is the same step for 146 and for 14.600), and never
        a change smaller than ABSOLUTE_FLOOR."""
        if abs(float(value) - self.centre) < threshold("ABSOLUTE_FLOOR"):
            return False
        return abs(_log(value) - self.log_centre) / self.scale > factor


def outlier(value: Decimal, sample: Sequence[Decimal], factor: float) -> bool:
    return Spread.of(sample).far(value, factor)


def _compared(label: str, value: Decimal, centre: float, what: str) -> str:
    if centre > 0 and float(value) >= centre:
        return _("%(label)s: %(value)s cao gấp %(ratio)s lần %(what)s (%(centre)s).") % {
            "label": label,
            "value": vn_number(value),
            "ratio": _ratio_text(float(value) / centre),
            "what": what,
            "centre": vn_number(Decimal(str(centre))),
        }
    if float(value) > 0:
        return _("%(label)s: %(value)s chỉ bằng 1/%(ratio)s %(what)s (%(centre)s).") % {
            "label": label,
            "value": vn_number(value),
            "ratio": _ratio_text(centre / float(value)),
            "what": what,
            "centre": vn_number(Decimal(str(centre))),
        }
    return _("%(label)s: %(value)s, khác xa %(what)s (%(centre)s).") % {
        "label": label,
        "value": vn_number(value),
        "what": what,
        "centre": vn_number(Decimal(str(centre))),
    }


def history_finding(unit_id, quarter, key, value, history: Sequence[Decimal], label: str) -> Finding | None:
    """The value against the unit's own last reported quarters (at least HISTORY_MIN of them)."""
    if len(history) < threshold("HISTORY_MIN") or not outlier(value, history, threshold("HISTORY_FACTOR")):
        return None
    what = _("trung vị %(n)s quý trước") % {"n": len(history)}
    centre = median(float(v) for v in history)
    return Finding(unit_id, quarter, key, Rule.HISTORY, _compared(label, value, centre, what), value)


def fall_finding(unit_id, quarter, key, value, previous, figure: Figure, label: str) -> Finding | None:
    """A year-to-date figure, or a stock declared `must_not_fall`, lower than the previous quarter of the year."""
    if previous is None or quarter[1] == 1 or value >= previous:
        return None
    if figure.cumulative:
        message = _("%(label)s: số lũy kế từ đầu năm giảm từ %(previous)s (quý trước) xuống %(value)s.")
        rule = Rule.CUMULATIVE
    elif figure.must_not_fall:
        message = _("%(label)s: giảm từ %(previous)s (quý trước) xuống %(value)s trong cùng năm.")
        rule = Rule.FALL
    else:
        return None
    text = message % {"label": label, "previous": vn_number(previous), "value": vn_number(value)}
    return Finding(unit_id, quarter, key, rule, text, value)


def range_findings(unit_id, quarter, key, value, previous, ranges: Iterable[Range], label: str) -> list[Finding]:
    """The admins' ranges for this figure key and the unit's kind."""
    out = []
    for r in ranges:
        if r.minimum is not None and value < r.minimum:
            text = _("%(label)s: %(value)s nhỏ hơn mức tối thiểu %(limit)s.")
            out.append(Finding(unit_id, quarter, key, Rule.RANGE_MIN, text % _args(label, value, r.minimum), value))
        if r.maximum is not None and value > r.maximum:
            text = _("%(label)s: %(value)s lớn hơn mức tối đa %(limit)s.")
            out.append(Finding(unit_id, quarter, key, Rule.RANGE_MAX, text % _args(label, value, r.maximum), value))
        if r.max_ratio_previous is not None and previous and value > previous * r.max_ratio_previous:
            text = _("%(label)s: %(value)s gấp hơn %(limit)s lần số quý trước (%(previous)s).")
            args = _args(label, value, r.max_ratio_previous) | {"previous": vn_number(previous)}
            out.append(Finding(unit_id, quarter, key, Rule.RANGE_RATIO, text % args, value))
    return out


def _args(label, value, limit) -> dict:
    limit_decimals = 0 if Decimal(limit) == Decimal(limit).to_integral_value() else 2
    return {"label": label, "value": vn_number(value), "limit": vn_number(limit, limit_decimals)}


def typed_keys(data: FigureData, unit_id: int, quarter: Quarter) -> dict[str, Decimal]:
    """The values typed for the quarter (derived figures left out: their parts are checked)."""
    values = data.raw.get((unit_id, quarter), {})
    out = {}
    for key, value in values.items():
        figure = data.figures.get(base_code(key))
        if figure is not None and figure.semantics != Semantics.DERIVED:
            out[key] = value
    return out


def unit_findings(
    data: FigureData, unit_id: int, unit_kind: str, quarter: Quarter, ranges: dict[str, list[Range]]
) -> list[Finding]:
    """Every finding of one unit's quarter (history, across periods, ranges), from data read beforehand.

    `data` must hold the unit's HISTORY_QUARTERS previous quarters; `ranges` maps a figure key to its ranges."""
    history_quarters = quarters_before(quarter, threshold("HISTORY_QUARTERS"))
    previous_q = previous_quarter(quarter)
    out: list[Finding] = []
    for key, value in sorted(typed_keys(data, unit_id, quarter).items()):
        figure = data.figures[base_code(key)]
        label = key_label(key, data.figures)
        history = [data.raw[(unit_id, q)][key] for q in history_quarters if key in data.raw.get((unit_id, q), {})]
        previous = data.raw.get((unit_id, previous_q), {}).get(key)
        found = history_finding(unit_id, quarter, key, value, history, label)
        if found:
            out.append(found)
        found = fall_finding(unit_id, quarter, key, value, previous, figure, label)
        if found:
            out.append(found)
        mine = [r for r in ranges.get(key, []) if r.unit_kind in ("", unit_kind)]
        out.extend(range_findings(unit_id, quarter, key, value, previous, mine, label))
    return out


def peer_findings(data: FigureData, kinds: dict[int, str], quarter: Quarter) -> list[Finding]:
    """Values far from those of the units of the same kind in the same quarter (for the manager, never blocking).

    `kinds` maps each unit read to its kind; a figure is compared only among PEER_MIN units or more."""
    groups: dict[tuple[str, str], list[tuple[int, Decimal]]] = {}
    for unit_id, kind in kinds.items():
        for key, value in typed_keys(data, unit_id, quarter).items():
            groups.setdefault((kind, key), []).append((unit_id, value))
    out = []
    what = _("trung vị các đơn vị cùng loại")
    for (_kind, key), rows in sorted(groups.items()):
        if len(rows) < threshold("PEER_MIN"):
            continue
        label = key_label(key, data.figures)
        spread = Spread.of([v for _u, v in rows])
        for unit_id, value in rows:
            if spread.far(value, threshold("PEER_FACTOR")):
                text = _compared(label, value, spread.centre, what)
                out.append(Finding(unit_id, quarter, key, Rule.PEERS, text, value))
    return out
