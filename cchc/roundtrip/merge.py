"""The three-way rule of an upload, and the POST data the report page's forms take.

Base is what the workbook held when downloaded (kept, signed, in its hidden sheet), "portal" is the report
now, "workbook" is the upload. Per field: changed only in the workbook → the workbook's value applies;
changed only in the portal → the portal's stays; changed on both sides to different values → a conflict
shown side by side, resolved by the user's choice ("workbook" or "portal"). The report page's own
conflict (issue 9, branch harden-lock) was not on main when this was written; see docs/decisions.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from cchc import sections

from .layout import input_fields, post_list, row_key, split_row_key, to_text


@dataclass(frozen=True)
class Conflict:
    key: str
    base: str
    portal: str
    workbook: str


def is_new_row(key: str) -> bool:
    return "#" in key and split_row_key(key)[1].startswith("n")


def merge(*, base: dict, portal: dict, workbook: dict, choices: dict) -> tuple[dict, list[Conflict], list[str]]:
    """(final values, conflicts, keys of saved rows the portal no longer has that the workbook changed)."""
    final, conflicts, gone = dict(portal), [], []
    for key, mine in workbook.items():
        if is_new_row(key):
            if mine:
                final[key] = mine
            continue
        if key.endswith("#DELETE"):  # "Xoá dòng" ticked: delete the row if the portal still has it
            row = key[: -len("DELETE")]
            if mine and any(k.startswith(row) for k in portal):
                final[key] = mine
            continue
        was, now = base.get(key, ""), portal.get(key)
        if now is None:  # a row deleted in the portal (or a figure removed) since the download
            if mine != was:
                gone.append(key)
            continue
        if mine in (was, now):
            continue
        if now == was:
            final[key] = mine
            continue
        conflicts.append(Conflict(key=key, base=was, portal=now, workbook=mine))
        if choices.get(key) == "workbook":
            final[key] = mine
    return final, conflicts, gone


def post_data(report, final: dict) -> tuple[QueryDict, dict]:
    """The POST data of the report page for `final` values, and for each formset prefix the row refs by
    form index (to name the cell of a row's error). Values not in `final` are the portal's own."""
    data, refs = {}, {}
    for section in sections.sections_for(report.unit):
        for form in (section.build_forms(report) or {}).values():
            if hasattr(form, "management_form"):
                refs[form.prefix] = _formset_data(form, final, data)
            else:
                for name, f in form.fields.items():
                    key = f"{form.prefix}-{name}"
                    _put(data, key, final.get(key, to_text(f, form[name].value())), f)
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query, refs


def _put(data: dict, name: str, text: str, f=None) -> None:
    if text != "":  # an unticked box and an empty field are both absent from a browser's POST
        data[name] = post_list(f, text)


def _formset_data(formset, final: dict, data: dict) -> list:
    prefix, refs = formset.prefix, []
    for i, form in enumerate(formset.initial_forms):
        pk = form.instance.pk
        refs.append(pk)
        data[f"{prefix}-{i}-id"] = [str(pk)]
        for name, f in input_fields(form).items():
            key = row_key(prefix, pk, name)
            _put(data, f"{prefix}-{i}-{name}", final.get(key, to_text(f, form[name].value())), f)
        if final.get(row_key(prefix, pk, "DELETE")) == "on":
            data[f"{prefix}-{i}-DELETE"] = ["on"]
    new = sorted(
        {split_row_key(k)[1] for k, v in final.items() if v and is_new_row(k) and split_row_key(k)[0] == prefix},
        key=lambda ref: int(ref[1:]),
    )
    for ref in new:
        i = len(refs)
        refs.append(ref)
        for name, f in input_fields(formset.empty_form).items():
            _put(data, f"{prefix}-{i}-{name}", final.get(row_key(prefix, ref, name), ""), f)
    data[f"{prefix}-TOTAL_FORMS"] = [str(len(refs))]
    data[f"{prefix}-INITIAL_FORMS"] = [str(len(formset.initial_forms))]
    data[f"{prefix}-MIN_NUM_FORMS"] = ["0"]
    data[f"{prefix}-MAX_NUM_FORMS"] = ["1000"]
    return refs
