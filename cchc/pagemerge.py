"""The report page's side of the three-way merge (cchc/merge.py): forms ↔ values, the signed base, choices.

The page carries, in a signed hidden input, the values of its forms as rendered at the version the user
loaded (the *base*). When a save arrives on an older version, the values the user posted (*mine*) are
merged into the forms built from the database now (*theirs*): only the fields the user changed are
applied, rows are matched by id, and a field changed on both sides to different values becomes a
*pending choice* that the page shows side by side; nothing is saved until each is chosen.

Values are kept as the strings a form reads back (the format of Django's own hidden "initial" inputs,
`show_hidden_initial`), and compared as the form field compares them (`Field.has_changed`), so that
"2084" and "2.084", or "on" and "True", are the same value.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from django.core import signing
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .merge import MISSING, ROW, three_way, three_way_rows

SALT = "cchc.report-page-base"
MAX_AGE = 60 * 60 * 24 * 7  # a page left open for a week is still mergeable


def units_of(blocks) -> list:
    """Every form and formset of the page, explanations included."""
    out = []
    for block in blocks:
        out += list(block["forms"].values())
        out.append(block["explanations"])
    return out


def _raw(value) -> str | list[str]:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return "" if value is None else str(value)


def _initial_raw(bound_field) -> str | list[str]:
    """What the form would read back for this field's value as rendered (Django's hidden-initial format)."""
    widget = bound_field.field.hidden_widget()
    widget.is_localized = bool(bound_field.field.localize)
    return _raw(widget.format_value(bound_field.value()))


def _fields(form):
    return [(name, form[name]) for name, f in form.fields.items() if not f.disabled]


def _row_id(form) -> str:
    pk_name = form._meta.model._meta.pk.name if hasattr(form, "_meta") else "id"
    if pk_name not in form.fields:
        return ""
    bf = form[pk_name]
    value = bf.data if form.is_bound else bf.value()
    return "" if value is None else str(value)


def snapshot(blocks) -> dict:
    """The page's values as rendered from the database: {"forms": {name: value}, "rows": {prefix: {id: {...}}}}."""
    forms, rows = {}, {}
    for unit in units_of(blocks):
        if isinstance(unit, BaseFormSet):
            rows[unit.prefix] = {
                _row_id(form): {name: _initial_raw(bf) for name, bf in _fields(form)} for form in unit.initial_forms
            }
        else:
            forms.update({bf.html_name: _initial_raw(bf) for _name, bf in _fields(unit)})
    return {"forms": forms, "rows": rows}


def dump(version: int, base: dict, pending: dict | None = None) -> str:
    return signing.dumps({"version": version, "base": base, "pending": pending or {}}, salt=SALT, compress=True)


def load(token: str) -> dict | None:
    """The signed base the page carried, or None (absent, tampered with, or too old)."""
    try:
        return signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None


def apply_choices(data: QueryDict, token: dict | None) -> list[str]:
    """Write the user's side-by-side choices into the posted data; return the keys still to choose."""
    missing = []
    for key, sides in (token or {}).get("pending", {}).items():
        choice = data.get(f"choose:{key}")
        if choice == "theirs":
            _set(data, key, sides["theirs"])
        elif choice != "mine":  # mine: what the form now holds (the user may have edited it further)
            missing.append(key)
    return missing


def _set(data: QueryDict, key: str, value) -> None:
    data.setlist(key, value if isinstance(value, list) else [value])


def _comparer(field_of):
    def same(key, a, b) -> bool:
        form_field = field_of(key)
        if form_field is None:
            return a == b
        try:
            return not form_field.has_changed(form_field.to_python(a), b)
        except ValidationError:
            return a == b

    return same


@dataclass
class Pending:
    """A field (or a row's deletion) changed on both sides: shown side by side until the user chooses.

    `theirs`/`mine` are the values written into the form for each choice; `*_shown` what the page shows.
    """

    key: str
    label: str
    theirs: str | list[str]
    mine: str | list[str]
    theirs_shown: str
    mine_shown: str
    who: str = ""
    when: str = ""


@dataclass
class MergeResult:
    data: QueryDict
    pending: list[Pending] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _shown(form_field, value) -> str:
    if value is MISSING:
        return _("(đã xóa)")
    if isinstance(value, list):
        return ", ".join(_shown(form_field, v) for v in value) or _("(trống)")
    choices = dict((str(k), v) for k, v in getattr(form_field, "choices", []) or []) if form_field else {}
    if str(value) in choices and value != "":
        return str(choices[str(value)])
    if value in ("True", "False") and form_field is not None and form_field.widget.input_type == "checkbox":
        return _("có") if value == "True" else _("không")
    return value if value != "" else _("(trống)")


def _field_pending(key, label, form_field, theirs, mine) -> Pending:
    return Pending(
        key=key,
        label=f"{label} / {capfirst(form_field.label or '')}" if form_field is not None else label,
        theirs=theirs,
        mine=mine,
        theirs_shown=_shown(form_field, theirs),
        mine_shown=_shown(form_field, mine),
    )


def _merge_forms(base, theirs_units, mine_units, data: QueryDict, result: MergeResult, title_of) -> None:
    fields_by_name, theirs, mine = {}, {}, {}
    for unit in theirs_units:
        if not isinstance(unit, BaseFormSet):
            for _name, bf in _fields(unit):
                fields_by_name[bf.html_name] = (bf.field, title_of(unit))
                theirs[bf.html_name] = _initial_raw(bf)
    for unit in mine_units:
        if not isinstance(unit, BaseFormSet):
            # Only fields that were on the user's page and are still on it now.
            mine.update(
                {
                    bf.html_name: _raw(bf.data)
                    for _name, bf in _fields(unit)
                    if bf.html_name in theirs and bf.html_name in base["forms"]
                }
            )
    field_of = lambda key: fields_by_name.get(key, (None, ""))[0]  # noqa: E731
    merged, conflicts = three_way(base["forms"], theirs, mine, same=_comparer(field_of))
    for key, value in merged.items():
        _set(data, key, value)
    for conflict in conflicts:
        _set(data, conflict.key, conflict.mine)
        form_field, title = fields_by_name[conflict.key]
        result.pending.append(_field_pending(conflict.key, title, form_field, conflict.theirs, conflict.mine))


def _mine_rows(formset) -> tuple[dict, list[dict]]:
    rows, new = {}, []
    for form in formset.forms:
        row_id = _row_id(form)
        deleted = "DELETE" in form.fields and bool(form["DELETE"].data)
        values = {name: _raw(bf.data) for name, bf in _fields(form) if name != "DELETE"}
        if row_id:
            rows[row_id] = None if deleted else values
        elif not deleted and form.has_changed():
            new.append(values)
    return rows, new


def _management(prefix: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(prefix)}-(\d+-|TOTAL_FORMS$|INITIAL_FORMS$|MIN_NUM_FORMS$|MAX_NUM_FORMS$)")


def _row_pending(key: str, label: str, deleted_by_me: bool) -> Pending:
    """A row deleted on one side and changed on the other: the choice is its DELETE box."""
    if deleted_by_me:
        kept, gone = _("giữ dòng (với thay đổi của người kia)"), _("xóa dòng")
        return Pending(key=key, label=label, theirs="False", mine="True", theirs_shown=kept, mine_shown=gone)
    gone, kept = _("dòng đã bị người kia xóa"), _("giữ dòng với số liệu của tôi")
    return Pending(key=key, label=label, theirs="True", mine="False", theirs_shown=gone, mine_shown=kept)


def _merge_formset(base_rows, theirs_fs, mine_fs, data: QueryDict, result: MergeResult, title: str) -> None:
    prefix = theirs_fs.prefix
    fields = dict(theirs_fs.empty_form.fields)
    theirs = {
        _row_id(form): {name: _initial_raw(bf) for name, bf in _fields(form) if name != "DELETE"}
        for form in theirs_fs.initial_forms
    }
    mine, new = _mine_rows(mine_fs)
    base = {row_id: {k: v for k, v in row.items() if k != "DELETE"} for row_id, row in base_rows.items()}
    merged, conflicts = three_way_rows(base, theirs, mine, same=_comparer(fields.get))
    by_row: dict = {}
    for conflict in conflicts:
        by_row.setdefault(conflict.key[0], []).append(conflict)
    # (id, values, revived): a row I changed that they deleted comes back as a new row, until the user
    # chooses; rows with an id come first (they are the formset's initial forms), then new rows.
    rows = [(row_id, values, False) for row_id, values in merged.items()]
    # Rows I deleted stay in the formset with their DELETE box ticked: that is how the section deletes them.
    rows += [(row_id, {**theirs[row_id], "DELETE": "True"}, False) for row_id in theirs if row_id not in merged]
    rows += [(row_id, c.mine, True) for row_id, cs in by_row.items() for c in cs if c.theirs is MISSING]
    rows += [("", values, False) for values in new]
    rows.sort(key=lambda r: r[0] == "" or r[2])
    pattern = _management(prefix)
    for key in [k for k in list(data) if pattern.match(k)]:
        del data[key]
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row_id, _v, revived in rows if row_id and not revived))
    data[f"{prefix}-MIN_NUM_FORMS"] = str(theirs_fs.min_num)
    data[f"{prefix}-MAX_NUM_FORMS"] = str(theirs_fs.max_num)
    for index, (row_id, values, revived) in enumerate(rows):
        name, label = f"{prefix}-{index}-", f"{title} / {_('dòng')} {index + 1}"
        for key, value in values.items():
            _set(data, name + key, "" if revived and key == "id" else value)
        for conflict in by_row.get(row_id, []) if row_id else []:
            if conflict.key[1] is ROW:
                deleted_by_me = conflict.mine is MISSING
                if revived == deleted_by_me:
                    continue  # the revived copy carries the "deleted by them" choice; the kept row the other
                pending = _row_pending(name + "DELETE", label, deleted_by_me)
                _set(data, pending.key, pending.mine)
                result.pending.append(pending)
            elif not revived:
                form_field = fields.get(conflict.key[1])
                _set(data, name + conflict.key[1], conflict.mine)
                result.pending.append(
                    _field_pending(name + conflict.key[1], label, form_field, conflict.theirs, conflict.mine)
                )


def merge_page(token: dict, theirs_blocks, mine_blocks, posted: QueryDict) -> MergeResult:
    """Merge what the user posted (built into `mine_blocks`) into the page as it is now (`theirs_blocks`)."""
    data = posted.copy()
    result = MergeResult(data=data)
    titles = {}
    for block in theirs_blocks:
        for unit in list(block["forms"].values()) + [block["explanations"]]:
            titles[id(unit)] = str(block["section"].title)
    title_of = lambda unit: titles.get(id(unit), "")  # noqa: E731
    theirs_units, mine_units = units_of(theirs_blocks), units_of(mine_blocks)
    _merge_forms(token["base"], theirs_units, mine_units, data, result, title_of)
    mine_sets = {unit.prefix: unit for unit in mine_units if isinstance(unit, BaseFormSet)}
    for unit in theirs_units:
        if isinstance(unit, BaseFormSet) and unit.prefix in mine_sets:
            base_rows = token["base"]["rows"].get(unit.prefix, {})
            _merge_formset(base_rows, unit, mine_sets[unit.prefix], data, result, title_of(unit))
    return result


def attribute(pending: list[Pending], changes) -> None:
    """Name who changed each pending field and when, from the report's history since the user's version."""
    for item in pending:
        field_label = item.label.rsplit(" / ", 1)[-1].casefold()
        match = next((c for c in changes if str(c.field).casefold() == field_label), None)
        match = match or (changes[0] if changes else None)
        if match is not None:
            item.who, item.when = match.user, date_format(timezone.localtime(match.at), "SHORT_DATETIME_FORMAT")


def pending_token(version: int, base: dict, pending: list[Pending]) -> str:
    return dump(version, base, {p.key: asdict(p) for p in pending})


def pending_of(token: dict | None) -> list[dict]:
    return list((token or {}).get("pending", {}).values())
