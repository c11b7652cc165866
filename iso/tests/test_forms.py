"""The ISO figures form on its own: pre-fill, help text, labels with their capitals, errors on the part's field."""

import pytest

from iso.forms import IsoFiguresForm
from iso.models import IsoFigures

REGISTER = {"units_applying": 1234, "units_on_2015": 1000, "units_transitioning": 34, "units_announced": 2}


def form(report, data=None, register=None, instance=None):
    return IsoFiguresForm(data=data, instance=instance or IsoFigures(report=report), prefix="iso", register=register)


def test_an_unsaved_form_starts_from_the_register_with_vietnamese_numbers(report_a):
    unbound = form(report_a, register=REGISTER)

    assert {name: unbound[name].value() for name in REGISTER} == REGISTER
    assert unbound.fields["units_applying"].help_text == "Theo sổ đăng ký: 1.234"


def test_a_saved_form_keeps_its_figures_and_still_names_the_register(report_a):
    saved = IsoFigures.objects.create(report=report_a, units_applying=7)

    bound = form(report_a, register=REGISTER, instance=saved)

    assert bound["units_applying"].value() == 7
    assert bound["units_on_2015"].value() is None
    assert bound.fields["units_on_2015"].help_text == "Theo sổ đăng ký: 1.000"


def test_without_a_register_nothing_is_pre_filled(report_a):
    unbound = form(report_a)

    assert all(unbound[name].value() is None for name in REGISTER)
    assert all(not field.help_text for field in unbound.fields.values())


@pytest.mark.parametrize(
    "part, message",
    [
        (
            "units_on_2015",
            "Số đơn vị áp dụng TCVN ISO 9001:2015: 11, không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001 (10).",
        ),
        (
            "units_transitioning",
            "Số đơn vị đang chuyển đổi sang TCVN ISO 9001:2015: 11, không được lớn hơn số đơn vị "
            "áp dụng, duy trì ISO 9001 (10).",
        ),
        (
            "units_announced",
            "Số đơn vị công bố trong quý: 11, không được lớn hơn số đơn vị áp dụng, duy trì ISO 9001 (10).",
        ),
    ],
)
def test_a_part_above_the_total_is_an_error_on_the_part(report_a, part, message):
    bound = form(report_a, data={"iso-units_applying": "10", f"iso-{part}": "11"})

    assert not bound.is_valid()
    assert bound.errors == {part: [message]}


def test_parts_without_a_total_are_valid(report_a):
    assert form(report_a, data={"iso-units_announced": "3"}).is_valid()
