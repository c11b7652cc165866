"""The rules of a one-stop ledger row, shared by the form, the section checks and the import preview."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cchc.checks import CheckResult, error, reconcile

from .models import LEDGER_PARTS, LedgerRow

# (total, its parts): a split, when any part is given, adds up to its total (missing parts count 0).
# Published parts are often rounded, so a split that does not add up may be explained instead.
SPLITS = (
    ("received_new", ("new_in_person", "new_online", "new_postal")),
    ("new_online", ("new_online_partial", "new_online_full")),
    ("resolved_total", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("pending_total", ("pending_within", "pending_overdue")),
)


def label(name: str) -> str:
    return str(capfirst(LedgerRow._meta.get_field(name).verbose_name))


def fmt(value) -> str:
    return number_format(value, force_grouping=True)


def part_errors(values: dict) -> dict[str, str]:
    """Field → message for a part above its total: impossible, so refused even in a draft (an ERROR)."""
    errors: dict[str, str] = {}
    for part, total in LEDGER_PARTS:
        if values.get(part) is not None and values.get(total) is not None and values[part] > values[total]:
            errors[part] = _("%(part)s (%(value)s) không được lớn hơn %(total)s (%(limit)s).") % {
                "part": label(part),
                "value": fmt(values[part]),
                "total": label(total),
                "limit": fmt(values[total]),
            }
    return errors


def split_errors(values: dict) -> dict[str, str]:
    """Total → message for splits that do not add up to their total (must reconcile; explainable)."""
    errors: dict[str, str] = {}
    for total, parts in SPLITS:
        given = [values.get(p) for p in parts if values.get(p) is not None]
        if given and values.get(total) is not None and sum(given) != values[total]:
            errors[total] = _("%(parts)s = %(sum)s, phải bằng %(total)s (%(value)s).") % {
                "parts": " + ".join(label(p) for p in parts),
                "sum": fmt(sum(given)),
                "total": label(total),
                "value": fmt(values[total]),
            }
    return errors


def received_error(values: dict) -> str | None:
    """Carried over + new = received (must reconcile; not explainable: it is what received means)."""
    carried, new, received = (values.get(k) for k in ("carried_over", "received_new", "received_total"))
    if carried is None or new is None or received is None or carried + new == received:
        return None
    return _("Kỳ trước chuyển sang (%(c)s) + Tiếp nhận mới (%(n)s) = %(s)s, phải bằng %(t)s (%(v)s).") % {
        "c": fmt(carried),
        "n": fmt(new),
        "s": fmt(carried + new),
        "t": label("received_total"),
        "v": fmt(received),
    }


def identity_error(values: dict) -> str | None:
    """received = resolved + pending + returned/withdrawn + other outcomes, or by how much it is off.

    Not explainable: "other outcomes" is the bucket for dossiers the source counts in none of the others.
    """
    received, resolved, pending = (values.get(k) for k in ("received_total", "resolved_total", "pending_total"))
    if None in (received, resolved, pending):
        return None
    accounted = resolved + pending + (values.get("returned_withdrawn") or 0) + (values.get("other_outcomes") or 0)
    if accounted == received:
        return None
    return _(
        "Số tiếp nhận (%(received)s) phải bằng đã giải quyết + đang giải quyết + trả lại, rút + kết quả khác "
        "(%(accounted)s)."
    ) % {"received": fmt(received), "accounted": fmt(accounted)}


def row_checks(values: dict, previous_pending: int | None) -> list[CheckResult]:
    """Every check of one saved ledger row under the checks policy (cchc/checks.py).

    Codes name the rule and the reception point (unique in a report), so an explanation stays with its row.
    """
    point = values.get("reception_point") or ""
    results = []
    for field_name, message in part_errors(values).items():
        results.append(error(f"procedures.ledger.part.{field_name}:{point}", f"{point}: {message}"))
    problem = identity_error(values)
    if problem:
        results.append(reconcile(f"procedures.ledger.identity:{point}", f"{point}: {problem}"))
    problem = received_error(values)
    if problem:
        results.append(reconcile(f"procedures.ledger.received:{point}", f"{point}: {problem}"))
    for total, message in split_errors(values).items():
        results.append(reconcile(f"procedures.ledger.split.{total}:{point}", f"{point}: {message}", explainable=True))
    problem = carry_over_warning(values, previous_pending)
    if problem:
        results.append(reconcile(f"procedures.ledger.carry_over:{point}", problem, explainable=True))
    return results


def rates(values: dict) -> dict[str, Decimal | None]:
    """Resolved rate = resolved / received; on-time rate = (early + on time) / resolved."""
    received, resolved = values.get("received_total"), values.get("resolved_total")
    early, on_time = values.get("resolved_early"), values.get("resolved_on_time")
    in_time = None if early is None and on_time is None else (early or 0) + (on_time or 0)
    return {
        "resolved_rate": Decimal(resolved) / Decimal(received) if received and resolved is not None else None,
        "on_time_rate": Decimal(in_time) / Decimal(resolved) if resolved and in_time is not None else None,
    }


def carry_over_warning(row: LedgerRow | dict, previous_pending: int | None) -> str | None:
    values = row if isinstance(row, dict) else row.__dict__
    carried = values.get("carried_over")
    if previous_pending is None or carried is None or carried == previous_pending:
        return None
    return _(
        "%(point)s: kỳ trước chuyển sang %(carried)s hồ sơ, nhưng cuối kỳ trước còn %(pending)s hồ sơ đang giải quyết."
    ) % {"point": values.get("reception_point"), "carried": fmt(carried), "pending": fmt(previous_pending)}
