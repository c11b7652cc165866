"""The POST data the report page's forms take, built from an upload's merged values (diff.merge_upload).

Keys are the round-trip's (layout.row_key): `prefix-field` for a form's field, `prefix#ref#field` for a
formset row's, where `ref` is the row's id or `n1`, `n2`… for a row the workbook adds.
"""

from __future__ import annotations

from django.http import QueryDict

from cchc import sections

from .layout import input_fields, post_list, row_key, split_row_key, to_text


def is_new_row(key: str) -> bool:
    return "#" in key and split_row_key(key)[1].startswith("n")


def post_data(report, final: dict) -> tuple[QueryDict, dict]:
    """The POST data of the report page for `final` values, and for each formset prefix the row refs by
    form index (to name the cell of a row's error). Values not in `final` are the portal's own."""
    data: dict[str, list[str]] = {}
    refs: dict[str, list] = {}
    for section in sections.sections_for_report(report):
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
