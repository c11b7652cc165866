"""Admins set the plausibility ranges in Django admin (imported by cchc.admin)."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..figures import figure_keys_all
from .models import PlausibilityRange
from .rules import key_label


def figure_choices():
    figures = {figure.code: figure for figure in figure_keys_all().values()}
    return [(key, f"{key_label(key, figures)} ({key})") for key in sorted(figure_keys_all())]


class PlausibilityRangeForm(forms.ModelForm):
    figure = forms.ChoiceField(choices=figure_choices, label=PlausibilityRange._meta.get_field("figure").verbose_name)

    class Meta:
        model = PlausibilityRange
        fields = ["figure", "unit_kind", "minimum", "maximum", "max_ratio_previous"]


@admin.register(PlausibilityRange)
class PlausibilityRangeAdmin(SimpleHistoryAdmin):
    form = PlausibilityRangeForm
    list_display = ("figure", "unit_kind", "minimum", "maximum", "max_ratio_previous")
    list_filter = ("unit_kind",)
    search_fields = ("figure",)
