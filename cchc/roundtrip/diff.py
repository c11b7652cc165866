"""What an upload would change, checked as the report page checks it, and the save itself.

`analyse` refuses (reader.Refused) or returns an `Analysis`: the changes per figure (old → new, rows
added and removed), conflicts of the three-way rule, errors named by sheet and cell, and — when the forms
are valid — the checks and warnings of the report as it would be, found by running the very save of the
report page (`services.report_update` with every section's `save`) in a transaction that is rolled back.
`save` runs that same save for real, and marks the history records it wrote with the file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.utils.cell import coordinate_to_tuple

from cchc import permissions, sections, services
from cchc.forms import limit_numbers
from cchc.merge import Conflict, three_way
from cchc.models import Report, Unit

from .layout import Block, blocks_of, display, row_key, split_row_key
from .postdata import is_new_row, post_data
from .reader import Refused, cell_ref, check_shape, open_workbook, read_meta, read_values


@dataclass
class Change:
    where: str
    label: str
    old: str
    new: str


@dataclass
class ConflictRow:
    key: str
    where: str
    label: str
    base: str
    portal: str
    workbook: str
    choice: str = ""


@dataclass
class Analysis:
    report: Report
    version: int  # the report's version the analysis was made against
    base_version: int  # the version in the workbook's hidden sheet
    changes: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    bound: list = field(default_factory=list)

    @property
    def unresolved(self) -> bool:
        return any(not c.choice for c in self.conflicts)

    @property
    def can_save(self) -> bool:
        return bool(self.changes) and not self.errors and not self.unresolved

    def apply(self, locked: Report, user) -> None:
        """The report page's save: every section's own `save`, then the explanations kept in step."""
        for section, forms in self.bound:
            section.save(locked, forms, user)
        services.check_explanations_save(report=locked, texts={})


def _verify(report: Report, user, meta: dict) -> None:
    if (meta.get("report"), meta.get("unit"), meta.get("period")) != (report.pk, report.unit.code, report.period.code):
        unit = Unit.objects.filter(code=meta.get("unit")).first()
        raise Refused(
            _(
                "Tệp này là báo cáo của %(unit)s, kỳ %(period)s; không phải báo cáo đang mở (%(this_unit)s, "
                "kỳ %(this_period)s). Hãy tải lên đúng báo cáo."
            )
            % {
                "unit": unit.name if unit else meta.get("unit"),
                "period": meta.get("period"),
                "this_unit": report.unit.name,
                "this_period": report.period.code,
            }
        )
    if not permissions.has(user, "report.edit", report):
        raise Refused(
            _("Không sửa được báo cáo này (đang “%(status)s”): không nhận tệp tải lên.")
            % {"status": report.get_status_display()}
        )


class _Labels:
    """Where each key sits in the workbook, and how the diff names it."""

    def __init__(self, blocks, meta: dict):
        self.fields, self.names, self.where, self.order = {}, {}, {}, {}
        for i, (sheet, cells) in enumerate(meta["cells"].items()):
            for coord, key in cells.items():
                self.where[key] = cell_ref(sheet, coord)
                self.order[key] = (i, *coordinate_to_tuple(coord))
        self.table_of: dict[str, Block] = {}
        self.new_rows: dict[tuple[str, str], str] = {}  # (prefix, "n1"…) → the name the new row shows
        self.row_names: dict[str, dict[int, str]] = {}  # prefix → pk → the name a saved row shows
        for block in blocks:
            if not block.is_table:
                for key, label, _unit, asof_key in block.rows:
                    self.names[key] = label
                    if asof_key:
                        self.names[asof_key] = f"{label} — {block.fields[asof_key[len(block.prefix) + 1 :]].label}"
                for name, f in block.fields.items():
                    self.fields[f"{block.prefix}-{name}"] = f
                continue
            self.table_of[block.prefix] = block
            first = next(iter(block.fields))  # a row is named by its first column (the reception point…)
            self.row_names[block.prefix] = {
                pk: display(block.fields[first], block.values[row_key(block.prefix, pk, first)]) for pk in block.rows
            }

    def name_new_rows(self, final: dict) -> None:
        """Rows typed in the workbook are named by their first column, as saved rows are."""
        for key, text in final.items():
            if "#" in key and text:
                prefix, ref, name = split_row_key(key)
                block = self.table_of.get(prefix)
                if ref.startswith("n") and block is not None and name == next(iter(block.fields)):
                    self.new_rows[(prefix, ref)] = display(block.fields[name], text)

    def field(self, key: str):
        if "#" not in key:
            return self.fields.get(key)
        prefix, _ref, name = split_row_key(key)
        block = self.table_of.get(prefix)
        if block is None:
            return None
        if name == "DELETE":
            from django import forms

            return forms.BooleanField(required=False, label=_("Xoá dòng"))
        return block.fields.get(name)

    def name(self, key: str) -> str:
        if "#" not in key:
            return self.names.get(key, key)
        prefix, ref, name = split_row_key(key)
        block = self.table_of[prefix]
        table = capfirst(block.form.model._meta.verbose_name)
        if ref.startswith("n"):
            first = self.new_rows.get((prefix, ref))
            row = _("dòng mới: %(name)s") % {"name": first} if first else _("dòng mới")
        else:
            row = self.row_names[prefix].get(int(ref), ref)
        f = self.field(key)
        return f"{table} ({row}) — {capfirst(f.label) if f is not None else name}"


def merge_upload(*, base: dict, portal: dict, workbook: dict, choices: dict) -> tuple[dict, list[Conflict], list[str]]:
    """The upload's values merged into the report's by the portal's one three-way rule (`cchc.merge.three_way`).

    Base is what the workbook held when downloaded (kept, signed, in its hidden sheet), "theirs" the report
    now (`portal`), "mine" the upload (`workbook`); a field the base lacks was empty then. A conflict keeps
    the portal's value until the user chooses "workbook". Rows the workbook adds are added, rows it ticks
    "Xoá dòng" are deleted if the portal still has them. Returns (final values, conflicts, keys of saved rows
    the portal no longer has that the workbook changed: refused, the user downloads a fresh template).
    """
    final, fields, gone = dict(portal), {}, []
    for key, mine in workbook.items():
        if is_new_row(key):
            if mine:
                final[key] = mine
        elif key.endswith("#DELETE"):
            row = key[: -len("DELETE")]
            if mine and any(k.startswith(row) for k in portal):
                final[key] = mine
        elif key not in portal:  # a row deleted in the portal (or a figure removed) since the download
            if mine != base.get(key, ""):
                gone.append(key)
        else:
            fields[key] = mine
    merged, conflicts = three_way({key: base.get(key, "") for key in fields}, portal, fields)
    final.update(merged)
    for conflict in conflicts:
        if choices.get(conflict.key) == "workbook":
            final[conflict.key] = conflict.mine
    return final, conflicts, gone


def analyse(*, report: Report, user, data: bytes, choices: dict | None = None) -> Analysis:
    """The dry run of an upload to `report`; raises Refused when the file cannot be taken at all."""
    formulas, cached = open_workbook(data)
    meta = read_meta(formulas)
    _verify(report, user, meta)
    check_shape(formulas, meta)
    blocks = blocks_of(report)
    labels = _Labels(blocks, meta)
    workbook, errors, notes = read_values(formulas, cached, meta, labels.field)
    portal = {k: v for block in blocks for k, v in block.values.items()}
    final, conflicts, gone = merge_upload(base=meta["base"], portal=portal, workbook=workbook, choices=choices or {})
    labels.name_new_rows(final)
    result = Analysis(report=report, version=report.version, base_version=int(meta["version"]), notes=notes)
    result.errors += errors
    result.errors += [
        _("%(where)s: dòng này đã bị xoá trên cổng sau khi tải mẫu; hãy tải mẫu mới.") % {"where": labels.where[k]}
        for k in gone
    ]
    for c in conflicts:
        f = labels.field(c.key)
        base_shown, portal_shown, workbook_shown = (display(f, t) for t in (c.base, c.theirs, c.mine))
        result.conflicts.append(
            ConflictRow(
                c.key,
                labels.where.get(c.key, ""),
                labels.name(c.key),
                base_shown,
                portal_shown,
                workbook_shown,
                (choices or {}).get(c.key, ""),
            )
        )
    for key in sorted(set(final) | set(portal), key=lambda k: labels.order.get(k, (999, 0, 0))):
        old, new = portal.get(key, ""), final.get(key, "")
        if old != new:
            f = labels.field(key)
            result.changes.append(Change(labels.where.get(key, ""), labels.name(key), display(f, old), display(f, new)))
    if result.errors:
        return result
    _validate(result, report, final, labels)
    if not result.errors and result.changes:
        _dry_run(result, user)
    return result


def _validate(result: Analysis, report: Report, final: dict, labels: _Labels) -> None:
    """Bind the page's forms to the merged values, validate them as the page does, name errors by cell."""
    data, refs = post_data(report, final)
    for section in sections.sections_for_report(report):
        forms = section.build_forms(report, data)
        if not forms:  # as on the page: a section with nothing for this report is left out
            continue
        result.bound.append((section, forms))
        for form in forms.values():
            for inner in getattr(form, "forms", [form]):
                limit_numbers(inner)
            if form.is_valid():
                continue
            if hasattr(form, "management_form"):
                for i, inner in enumerate(form.forms):
                    ref = refs[form.prefix][i]
                    _errors(result, labels, section, inner.errors, lambda n, r=ref, p=form.prefix: row_key(p, r, n))
                result.errors += [f"{section.title}: {m}" for m in form.non_form_errors()]
            else:
                _errors(result, labels, section, form.errors, lambda n, p=form.prefix: f"{p}-{n}")


def _errors(result: Analysis, labels: _Labels, section, errors: dict, key_of) -> None:
    for name, messages in errors.items():
        where = labels.where.get(key_of(name)) if name != "__all__" else None
        result.errors += [f"{where or section.title}: {m}" for m in messages]


class _Rollback(Exception):
    pass


def _dry_run(result: Analysis, user) -> None:
    """Save for real inside a transaction that is rolled back: the checks and warnings of the outcome."""
    try:
        with transaction.atomic():
            saved = services.report_update(
                report=result.report,
                user=user,
                expected_version=result.version,
                apply=lambda locked: result.apply(locked, user),
            )
            result.checks = [(str(s.title), r) for s, r in services.report_checks(report=saved)]
            result.warnings = [
                f"{s.title}: {w}" for s in sections.sections_for_report(saved) for w in s.warnings(saved)
            ]
            raise _Rollback
    except _Rollback:
        pass
    result.report.refresh_from_db()


@transaction.atomic
def save(result: Analysis, user, filename: str) -> Report:
    """Save the upload in one `report_update`; the history records it with the file's name."""
    reason = (_("Tải lên tệp Excel: %(name)s") % {"name": filename})[:100]
    models = sections.history_models()
    if Report not in models:
        models.append(Report)
    marks = {m: m.history.aggregate(top=Max("history_id"))["top"] or 0 for m in models}
    saved = services.report_update(
        report=result.report,
        user=user,
        expected_version=result.version,
        apply=lambda locked: result.apply(locked, user),
    )
    for model, mark in marks.items():
        records = model.history.filter(history_id__gt=mark)
        records = records.filter(id=saved.pk) if model is Report else records.filter(report_id=saved.pk)
        records.update(history_change_reason=reason)
    return saved
