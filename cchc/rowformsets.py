"""The formset base of a report's rows (a section's table): no query per row when the page is posted.

Django's model formsets give every form an `id` field whose choices are every row of the model, so cleaning
a posted page costs one `SELECT … WHERE id = …` per row; a section of many rows paid as many queries (issue
12). Here the `id` is looked up among the report's own rows, which the formset reads once anyway
(`BaseModelFormSet._existing_object`): the same error for an id that is not one of them, no query.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, ModelChoiceField


class _ReportRowField(ModelChoiceField):
    """A row's `id`, resolved among the rows of the formset's report."""

    def __init__(self, formset, field: ModelChoiceField):
        super().__init__(field.queryset, initial=field.initial, required=False, widget=field.widget)
        self.formset = formset

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.formset.model._meta.pk.to_python(value)
        except ValidationError:
            key = None
        row = self.formset._existing_object(key) if key is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return row


class ReportRowsBaseFormSet(BaseInlineFormSet):
    """An inline formset of a report's rows whose `id` fields cost no query (see the module)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self.model._meta.pk.name  # an inline formset's rows are keyed by their own primary key
        if isinstance(form.fields.get(name), ModelChoiceField):
            form.fields[name] = _ReportRowField(self, form.fields[name])
