"""Removing a synthetic province: exactly its subtree, with every figure and audit record, refusing anything else."""

from __future__ import annotations

from django.db import models, router, transaction

from cchc import lockdb
from cchc.dataversion import data_version_bump
from cchc.models import Report, ReportPart, Unit

from .shape import PREFIX, SyntheticDataError, check_code


def _is_historical(model: type[models.Model]) -> bool:
    """A django-simple-history model (a historical record, or the many-to-many history of one)."""
    return hasattr(model, "instance_type")


def _history_model(model: type[models.Model]) -> type[models.Model] | None:
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager_name).model if manager_name else None


def _purge(queryset: models.QuerySet, counts: dict[str, int], *, refuse_label: str) -> None:
    """Delete the queryset's rows and everything that cascades from them, with their audit history,
    without signals: what QuerySet.delete() does, minus one history record per deleted row.

    Refuses (SyntheticDataError) when a PROTECT or RESTRICT relation holds a row that is not itself being
    deleted: something outside the synthetic data depends on it.
    """
    model = queryset.model
    using = router.db_for_write(model)
    relations = [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_one or f.one_to_many)
    ]
    for relation in relations:
        related, field_name = relation.related_model, relation.field.name
        if _is_historical(related):
            if field_name == "history":  # many-to-many history rows of a historical record
                _purge(
                    related._base_manager.filter(history__in=queryset.values("pk")), counts, refuse_label=refuse_label
                )
            continue  # other historical references: the history of rows removed with their own model
        on_delete = relation.on_delete
        dependents = related._base_manager.filter(**{f"{field_name}__in": queryset.values("pk")})
        if related is model:
            dependents = dependents.exclude(pk__in=queryset.values("pk"))
        if on_delete is models.CASCADE:
            _purge(dependents, counts, refuse_label=refuse_label)
        elif on_delete in (models.PROTECT, models.RESTRICT):
            found = dependents.count()
            if found:
                raise SyntheticDataError(
                    f"Không xóa {refuse_label}: còn {found} {related._meta.verbose_name} không do lệnh này tạo "
                    f"gắn với dữ liệu mô phỏng. Hãy xóa chúng trước."
                )
        elif on_delete is models.SET_NULL:
            dependents.update(**{field_name: None})
        # DO_NOTHING: nothing to do (the history models' references are of this kind)
    history = _history_model(model)
    if history is not None:
        _purge(
            history._base_manager.filter(**{f"{model._meta.pk.attname}__in": queryset.values("pk")}),
            counts,
            refuse_label=refuse_label,
        )
    found = queryset._raw_delete(using)  # private but long-stable: what Collector uses for its fast deletes
    if found:
        counts[model._meta.label] = counts.get(model._meta.label, 0) + found


def _report_part_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, ReportPart) and not m._meta.abstract]


@transaction.atomic
def synthetic_province_delete(*, code: str) -> dict[str, int]:
    """Delete the synthetic province `code`: its units, their reports, every figure of those reports.

    Only the province's subtree, and only if every unit in it has a "SYN-" code; periods and the synthetic
    outlets stay (other data may use them). Returns the number of rows deleted per model.
    """
    code = check_code(code)
    province = Unit.objects.filter(code=code).first()
    if province is None:
        return {}
    subtree = Unit.objects.filter(path__startswith=province.path)
    foreign = subtree.exclude(code__startswith=PREFIX)
    if foreign.exists():
        names = ", ".join(foreign.values_list("code", flat=True)[:5])
        raise SyntheticDataError(
            f"Không xóa tỉnh mô phỏng {code}: có đơn vị không phải dữ liệu mô phỏng bên dưới ({names})."
        )
    counts: dict[str, int] = {}
    label = f"tỉnh mô phỏng {code}"
    # Synthetic reports may be approved: the lock's database triggers (cchc/lockdb.py) would refuse to delete
    # their figures, so the purge of the synthetic subtree (and only it) goes past them.
    with lockdb.override():
        for model in _report_part_models():  # first the figures (QualityRating also points at the unit)
            _purge(model._base_manager.filter(report__unit__in=subtree), counts, refuse_label=label)
        _purge(Report._base_manager.filter(unit__in=subtree), counts, refuse_label=label)
        # The units' links to each other (parent, successor) stay inside the set: one statement deletes them all.
        _purge(Unit._base_manager.filter(pk__in=subtree.values("pk")), counts, refuse_label=label)
    data_version_bump()
    return counts
