"""Writes of the reports app: targets, legends and the scoring rubric (used by seeds; admin uses the checks).

Every write checks that the indicator code exists in the registry (`reports.registry`), that rates are
entered as fractions (0,98 is 98%), and that thresholds respect the indicator's direction. The upserts
are idempotent: run twice, the second run writes nothing (and so adds no history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.history import history_note
from cchc.indicators import Indicator
from cchc.models import Unit
from cchc.text import nfc
from cchc.writes import instance_save

from .choices import LegendMode
from .models import Legend, RubricBand, RubricItem, Target
from .scoring import higher_is_better, is_rate
from .selectors import bands_summary, indicator_get, number_text

# ---------------------------------------------------------------------------------------------------------
# Checks shared by the services and the admin forms
# ---------------------------------------------------------------------------------------------------------


def _fraction_check(indicator: Indicator, value: Decimal | None, field: str, errors: dict) -> None:
    if value is not None and is_rate(indicator) and not (0 <= value <= 1):
        errors.setdefault(field, []).append(
            _("“%(name)s” là tỷ lệ: nhập dạng thập phân từ 0 đến 1 (0,98 là 98%%).") % {"name": indicator.name}
        )


def target_check(*, indicator: Indicator, value: Decimal | None) -> None:
    errors: dict[str, list[str]] = {}
    if value is not None and value < 0:
        errors["value"] = [_("Chỉ tiêu không được âm.")]
    _fraction_check(indicator, value, "value", errors)
    if errors:
        raise ValidationError(errors)


def legend_check(
    *, indicator: Indicator, mode: str | None, green_from: Decimal | None, yellow_from: Decimal | None
) -> None:
    """Green must be stricter than yellow in the indicator's direction; absolute thresholds of rates are fractions."""
    errors: dict[str, list[str]] = {}
    if green_from is None or yellow_from is None:
        return
    if mode == LegendMode.ABSOLUTE:
        _fraction_check(indicator, green_from, "green_from", errors)
        _fraction_check(indicator, yellow_from, "yellow_from", errors)
    elif green_from < 0 or yellow_from < 0:
        errors["green_from" if green_from < 0 else "yellow_from"] = [
            _("Ngưỡng so với chỉ tiêu không được âm (1 là đạt đúng chỉ tiêu).")
        ]
    if higher_is_better(indicator) and green_from < yellow_from:
        errors.setdefault("yellow_from", []).append(
            _("“%(name)s” càng cao càng tốt: ngưỡng vàng không được lớn hơn ngưỡng xanh.") % {"name": indicator.name}
        )
    if not higher_is_better(indicator) and green_from > yellow_from:
        errors.setdefault("yellow_from", []).append(
            _("“%(name)s” càng thấp càng tốt: ngưỡng vàng không được nhỏ hơn ngưỡng xanh.") % {"name": indicator.name}
        )
    if errors:
        raise ValidationError(errors)


def rubric_bands_check(
    *, indicator: Indicator, max_points: Decimal | None, bands: Iterable[tuple[Decimal, Decimal]]
) -> None:
    """Bands of a rubric item: at least one, distinct thresholds, points within 0 … max, and a stricter
    threshold (in the indicator's direction) never giving fewer points (such a band could never count)."""
    bands = list(bands)
    errors: list[str] = []
    if not bands:
        errors.append(_("Nhập ít nhất một mức điểm."))
    thresholds = [threshold for threshold, _points in bands]
    if len(set(thresholds)) != len(thresholds):
        errors.append(_("Mỗi ngưỡng chỉ nhập một lần."))
    for threshold, points in bands:
        if max_points is not None and points > max_points:
            errors.append(
                _("Mức %(threshold)s: %(points)s điểm lớn hơn điểm tối đa %(max)s.")
                % {"threshold": number_text(threshold), "points": number_text(points), "max": number_text(max_points)}
            )
        if points < 0:
            errors.append(_("Mức %(threshold)s: điểm không được âm.") % {"threshold": number_text(threshold)})
        if is_rate(indicator) and not (0 <= threshold <= 1):
            errors.append(
                _("Mức %(threshold)s: “%(name)s” là tỷ lệ, nhập ngưỡng dạng thập phân từ 0 đến 1.")
                % {"threshold": number_text(threshold), "name": indicator.name}
            )
    ordered = sorted(bands, key=lambda band: band[0], reverse=higher_is_better(indicator))  # strictest first
    for (stricter, more), (looser, fewer) in zip(ordered, ordered[1:], strict=False):
        if more < fewer:
            errors.append(
                _("Mức %(stricter)s cho ít điểm hơn mức %(looser)s: mức khó hơn phải cho điểm không thấp hơn.")
                % {"stricter": number_text(stricter), "looser": number_text(looser)}
            )
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------------------
# Upserts (seeds)
# ---------------------------------------------------------------------------------------------------------


def target_upsert(
    *,
    indicator: str,
    year: int,
    value: Decimal,
    unit: Unit | None = None,
    unit_kind: str = "",
    source_number: str = "",
    source_date: dt.date | None = None,
) -> Target:
    """The target of `indicator` for `year` and one scope (a unit, else a unit kind, else all units)."""
    found = indicator_get(code=indicator)
    value = Decimal(value)
    target_check(indicator=found, value=value)
    scope: dict[str, Any] = {"unit": unit} if unit is not None else {"unit__isnull": True, "unit_kind": unit_kind}
    target = Target.objects.filter(indicator=indicator, year=year, **scope).first() or Target(
        indicator=indicator, year=year
    )
    instance_save(
        target,
        {
            "unit": unit,
            "unit_kind": "" if unit is not None else unit_kind,
            "value": value,
            "source_number": nfc(source_number),
            "source_date": source_date,
        },
        if_changed=True,
    )
    return target


def legend_upsert(
    *,
    indicator: str,
    mode: str,
    green_from: Decimal,
    yellow_from: Decimal,
    green_label: str | None = None,
    yellow_label: str | None = None,
    red_label: str | None = None,
) -> Legend:
    """The traffic-light bands of `indicator` (one legend per indicator). Labels left None keep the defaults."""
    found = indicator_get(code=indicator)
    green_from, yellow_from = Decimal(green_from), Decimal(yellow_from)
    legend_check(indicator=found, mode=mode, green_from=green_from, yellow_from=yellow_from)
    legend = Legend.objects.filter(indicator=indicator).first() or Legend(indicator=indicator)
    values = {"mode": mode, "green_from": green_from, "yellow_from": yellow_from}
    for key, label in (("green_label", green_label), ("yellow_label", yellow_label), ("red_label", red_label)):
        if label is not None:
            values[key] = nfc(label)
    instance_save(legend, values, if_changed=True)
    return legend


@transaction.atomic
def rubric_item_upsert(
    *, indicator: str, name: str, max_points: Decimal, bands: Iterable[tuple[Decimal, Decimal]], area: int | None = None
) -> RubricItem:
    """A rubric item with exactly these bands [(threshold, points), …]; the area defaults to the indicator's.

    A change of the bands is written into the item's history (change reason "Mức điểm: …"), since the bands
    themselves carry no history of their own.
    """
    found = indicator_get(code=indicator)
    max_points = Decimal(max_points)
    bands = [(Decimal(threshold), Decimal(points)) for threshold, points in bands]
    rubric_bands_check(indicator=found, max_points=max_points, bands=bands)
    item = RubricItem.objects.filter(indicator=indicator).first() or RubricItem(indicator=indicator)
    current = sorted((b.threshold, b.points) for b in item.bands.all()) if item.pk else []
    bands_changed = current != sorted(bands)
    reason = _("Mức điểm: %(bands)s") % {"bands": bands_summary(indicator=found, bands=bands)} if bands_changed else ""
    values = {"name": nfc(name), "area": int(area if area is not None else found.area), "max_points": max_points}
    changed = instance_save(item, values, if_changed=True, reason=reason)
    if bands_changed:
        item.bands.all().delete()
        for threshold, points in bands:
            instance_save(RubricBand(item=item, threshold=threshold, points=points))
        if not changed:  # the item's own fields stayed: record the new bands in its history all the same
            history_note(item, reason=reason)
            item.save()
    return item
