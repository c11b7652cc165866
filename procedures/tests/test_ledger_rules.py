"""The rules of a one-stop ledger row (procedures/ledger.py): splits, identity, rates, carry-over.

The figures are the source's: the province's public service centre received 2.084 dossiers, resolved
1.604 on time and 10 late, 470 pending (on-time rate 99,38%); province-wide 14.595 received, 11.881 on
time, 955 late, 1.759 pending (92,56%).
"""

from decimal import Decimal

import pytest
from django.utils import translation

from cchc.checks import CheckKind
from procedures.ledger import (
    carry_over_warning,
    identity_error,
    label,
    part_errors,
    rates,
    received_error,
    row_checks,
    split_errors,
)
from procedures.models import LedgerRow

CENTRE = {
    "reception_point": "Trung tâm Phục vụ hành chính công tỉnh",
    "received_total": 2084,
    "resolved_on_time": 1604,
    "resolved_late": 10,
    "resolved_total": 1614,
    "pending_total": 470,
}
PROVINCE = {
    "reception_point": "Toàn tỉnh",
    "received_total": 14595,
    "resolved_on_time": 11881,
    "resolved_late": 955,
    "resolved_total": 12836,
    "pending_total": 1759,
}


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages and number formats as the portal shows them by default (2.084, not 2,084)."""
    with translation.override("vi"):
        yield


# --- splits ---------------------------------------------------------------------------------------


def test_totals_only_is_fine_every_split_is_optional():
    assert split_errors({"received_total": 2084, "resolved_total": 1614, "pending_total": 470}) == {}


def test_the_source_figures_have_no_split_errors():
    assert split_errors(CENTRE) == {}
    assert split_errors(PROVINCE) == {}


def test_a_partial_split_counts_the_missing_parts_as_zero():
    assert split_errors({"resolved_total": 1614, "resolved_on_time": 1604, "resolved_late": 10}) == {}
    assert split_errors({"pending_total": 470, "pending_within": 470}) == {}
    assert split_errors({"received_new": 30, "new_online": 30}) == {}


def test_a_split_without_its_total_is_not_judged_here():
    """The total is required by the form; the rule only compares when both are there."""
    assert split_errors({"resolved_early": 5, "resolved_on_time": 7}) == {}


def test_resolved_split_that_does_not_add_up_names_the_parts_the_sum_and_the_total():
    errors = split_errors({**CENTRE, "resolved_late": 11})
    assert set(errors) == {"resolved_total"}
    assert errors["resolved_total"] == (
        "Giải quyết trước hạn + Giải quyết đúng hạn + Giải quyết trễ hạn = 1.615, phải bằng Đã giải quyết (1.614)."
    )


def test_pending_split_that_does_not_add_up():
    errors = split_errors({"pending_total": 470, "pending_within": 400, "pending_overdue": 80})
    assert errors == {
        "pending_total": "Đang giải quyết: trong hạn + Đang giải quyết: quá hạn = 480, phải bằng Đang giải quyết (470)."
    }


@pytest.mark.parametrize("channels", [(50, 40, 20), (10, 5, 0)], ids=["exceeding", "short"])
def test_channel_split_must_equal_new_dossiers(channels):
    in_person, online, postal = channels
    errors = split_errors({"received_new": 100, "new_in_person": in_person, "new_online": online, "new_postal": postal})
    assert list(errors) == ["received_new"]
    message = errors["received_new"]
    assert message.startswith("Mới: trực tiếp + Mới: trực tuyến + Mới: qua bưu chính công ích = ")
    assert message.endswith(f"= {sum(channels)}, phải bằng Tiếp nhận mới (100).")


def test_carried_over_plus_new_must_equal_received():
    assert received_error({"carried_over": 120, "received_new": 1964, "received_total": 2085}) == (
        "Kỳ trước chuyển sang (120) + Tiếp nhận mới (1.964) = 2.084, "
        "phải bằng Tiếp nhận (kể cả kỳ trước chuyển sang) (2.085)."
    )
    assert received_error({"carried_over": 120, "received_new": 1964, "received_total": 2084}) is None


def test_carried_over_without_new_is_not_compared():
    assert received_error({"carried_over": 120, "received_total": 2084}) is None


def test_online_levels_must_add_up_to_online():
    assert split_errors({"new_online": 30, "new_online_partial": 10, "new_online_full": 20}) == {}
    assert split_errors({"new_online": 30, "new_online_partial": 10, "new_online_full": 19}) == {
        "new_online": "Trực tuyến: một phần (mức độ 3) + Trực tuyến: toàn trình (mức độ 4) = 29, "
        "phải bằng Mới: trực tuyến (30)."
    }


def test_parts_above_their_total_are_errors_and_sums_are_not():
    values = {
        "carried_over": 1,
        "received_new": 2,
        "new_online": 3,
        "new_online_full": 4,
        "received_total": 4,
        "resolved_total": 5,
        "resolved_early": 6,
        "pending_total": 7,
        "pending_overdue": 8,
        "other_outcomes": 5,
    }
    assert set(part_errors(values)) == {
        "new_online",
        "new_online_full",
        "resolved_early",
        "pending_overdue",
        "other_outcomes",
    }
    assert set(split_errors(values)) == {"received_new", "new_online", "resolved_total", "pending_total"}
    assert part_errors({"new_online": 3, "received_total": 4}) == {}  # no received_new: not compared


def test_labels_are_the_models_vietnamese_field_names_capitalised():
    assert label("received_total") == "Tiếp nhận (kể cả kỳ trước chuyển sang)"
    assert label("resolved_on_time") == "Giải quyết đúng hạn"
    assert label("received_total") == str(LedgerRow._meta.get_field("received_total").verbose_name).capitalize()


# --- identity -------------------------------------------------------------------------------------


def test_identity_holds_for_the_source_figures():
    assert identity_error(CENTRE) is None  # 1.614 + 470 = 2.084
    assert identity_error(PROVINCE) is None  # 12.836 + 1.759 = 14.595


def test_identity_counts_returned_and_withdrawn():
    values = {"received_total": 100, "resolved_total": 80, "pending_total": 15, "returned_withdrawn": 5}
    assert identity_error(values) is None
    assert identity_error({**values, "returned_withdrawn": None}) == (
        "Số tiếp nhận (100) phải bằng đã giải quyết + đang giải quyết + trả lại, rút + kết quả khác (95)."
    )


def test_identity_counts_other_outcomes():
    values = {"received_total": 100, "resolved_total": 80, "pending_total": 15, "returned_withdrawn": 3}
    assert identity_error(values) is not None
    assert identity_error({**values, "other_outcomes": 2}) is None


def test_identity_error_says_both_sides_with_grouping():
    message = identity_error({**CENTRE, "pending_total": 471})
    assert message == (
        "Số tiếp nhận (2.084) phải bằng đã giải quyết + đang giải quyết + trả lại, rút + kết quả khác (2.085)."
    )


def test_identity_with_a_missing_total_is_left_to_the_required_check():
    assert identity_error({"received_total": 10, "resolved_total": 3}) is None
    assert identity_error({}) is None


def test_identity_with_zeros():
    assert identity_error({"received_total": 0, "resolved_total": 0, "pending_total": 0}) is None
    assert identity_error({"received_total": 0, "resolved_total": 1, "pending_total": 0}) is not None


# --- rates ----------------------------------------------------------------------------------------


def test_rates_of_the_public_service_centre():
    result = rates(CENTRE)
    assert result["on_time_rate"] == Decimal(1604) / Decimal(1614)
    assert round(result["on_time_rate"], 4) == Decimal("0.9938")
    assert round(result["resolved_rate"], 4) == Decimal("0.7745")  # 1.614 / 2.084


def test_rates_of_the_whole_province():
    result = rates(PROVINCE)
    assert round(result["on_time_rate"], 4) == Decimal("0.9256")  # 11.881 / 12.836
    assert round(result["resolved_rate"], 4) == Decimal("0.8795")  # 12.836 / 14.595


def test_on_time_rate_adds_early_to_on_time():
    result = rates({"received_total": 10, "resolved_total": 8, "resolved_early": 2, "resolved_on_time": 4})
    assert result == {"resolved_rate": Decimal("0.8"), "on_time_rate": Decimal("0.75")}
    assert rates({"received_total": 10, "resolved_total": 8, "resolved_early": 6})["on_time_rate"] == Decimal("0.75")


def test_rates_are_none_when_they_cannot_be_computed():
    # No early / on-time split: the on-time rate is unknown, not 0 %.
    assert rates({"received_total": 10, "resolved_total": 8, "resolved_late": 8}) == {
        "resolved_rate": Decimal("0.8"),
        "on_time_rate": None,
    }
    # Nothing received, nothing resolved: no division by zero.
    assert rates({"received_total": 0, "resolved_total": 0, "resolved_on_time": 0}) == {
        "resolved_rate": None,
        "on_time_rate": None,
    }
    assert rates({}) == {"resolved_rate": None, "on_time_rate": None}


def test_resolved_rate_of_zero_resolved_is_zero():
    assert rates({"received_total": 5, "resolved_total": 0})["resolved_rate"] == Decimal(0)


# --- carry-over -----------------------------------------------------------------------------------


def test_carry_over_equal_to_the_previous_pending_is_fine():
    assert carry_over_warning({**CENTRE, "carried_over": 470}, 470) is None


def test_carry_over_without_a_previous_quarter_or_without_a_figure_is_not_judged():
    assert carry_over_warning({**CENTRE, "carried_over": 470}, None) is None
    assert carry_over_warning(CENTRE, 470) is None


def test_carry_over_differing_from_the_previous_pending_is_a_warning_naming_the_point_and_both_figures():
    message = carry_over_warning({**CENTRE, "carried_over": 1200}, 1759)
    assert message == (
        "Trung tâm Phục vụ hành chính công tỉnh: kỳ trước chuyển sang 1.200 hồ sơ, nhưng cuối kỳ trước còn "
        "1.759 hồ sơ đang giải quyết."
    )


def test_carry_over_warning_reads_a_ledger_row_too():
    row = LedgerRow(
        reception_point="Bộ phận một cửa huyện Hà Quảng",
        carried_over=0,
        received_total=5,
        resolved_total=5,
        pending_total=0,
    )
    assert carry_over_warning(row, 0) is None
    assert "kỳ trước chuyển sang 0 hồ sơ, nhưng cuối kỳ trước còn 3 hồ sơ" in carry_over_warning(row, 3)
    assert carry_over_warning(row, 3).startswith("Bộ phận một cửa huyện Hà Quảng: ")


# --- the checks policy (cchc/checks.py): which rule is which kind --------------------------------------


def test_row_checks_kinds_codes_and_which_may_be_explained():
    values = {
        **CENTRE,
        "carried_over": 100,
        "received_new": 1985,  # 100 + 1.985 ≠ 2.084
        "new_in_person": 1500,
        "new_online": 480,  # channels 1.980 ≠ 1.985: published parts, rounded
        "pending_total": 471,  # identity off by one
        "resolved_early": 2000,  # a part above its whole: impossible
    }
    results = {r.code: r for r in row_checks(values, previous_pending=90)}
    point = CENTRE["reception_point"]
    assert results[f"procedures.ledger.part.resolved_early:{point}"].kind == CheckKind.ERROR
    assert results[f"procedures.ledger.identity:{point}"].kind == CheckKind.RECONCILE
    assert not results[f"procedures.ledger.identity:{point}"].explainable
    assert not results[f"procedures.ledger.received:{point}"].explainable
    assert results[f"procedures.ledger.split.received_new:{point}"].explainable
    assert results[f"procedures.ledger.carry_over:{point}"].explainable
    assert all(r.message.startswith(point) for r in results.values())
    assert row_checks(CENTRE, previous_pending=None) == []
