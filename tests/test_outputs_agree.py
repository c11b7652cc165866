"""Property: for random consistent ledgers over 1–4 quarters of several units, every output says the same.

The scorecard (grid data), the workbook, the CSV and the narrative are compared with each other and with a
hand computation of the span's arithmetic: received = the first quarter's carry-over + every quarter's new
dossiers (a carried-over dossier counts once), resolved summed, pending the last quarter's, rates from the
rolled-up counts. Carry-over is typed in some quarters and left for the portal to infer in others.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc import services
from cchc.choices import UnitKind
from conftest import fill_narrative
from procedures import services as procedure_services
from reports.builder import scorecard_build
from reports.narrative import narrative_build
from reports.periods import PeriodSpan
from reports.registry import by_code
from reports.tests.test_export import summary_table

SPANS = {1: "2020-Q1", 2: "2020-H1", 3: "2020-9M", 4: "2020"}
UNITS = ("P-A", "P-B", "P-C")
RECEIVED = "Hồ sơ tiếp nhận (kể cả kỳ trước chuyển sang) (hồ sơ)"
ON_TIME = "Tỷ lệ giải quyết đúng hạn (%)"


@st.composite
def quarter_ledgers(draw, quarters: int):
    """A unit's consistent ledgers, oldest first: each quarter starts with what the previous left pending."""
    pending = draw(st.integers(0, 50))
    out = []
    for _ in range(quarters):
        new = draw(st.integers(0, 300))
        received = pending + new
        returned = draw(st.integers(0, received // 10))
        resolved = draw(st.integers(0, received - returned))
        early = draw(st.integers(0, resolved))
        late = draw(st.integers(0, resolved - early))
        left = received - returned - resolved
        out.append(
            {
                "reception_point": "Bộ phận một cửa",
                # Typed in some quarters; in the others the portal infers it from the last quarter's pending.
                "carried_over": pending if draw(st.booleans()) or not out else None,
                "received_total": received,
                "resolved_early": early,
                "resolved_on_time": resolved - early - late,
                "resolved_late": late,
                "resolved_total": resolved,
                "pending_total": left,
                "pending_within": left,
                "pending_overdue": 0,
                "returned_withdrawn": returned,
            }
        )
        pending = left
    return out


@st.composite
def provinces(draw):
    quarters = draw(st.integers(1, 4))
    return quarters, [draw(quarter_ledgers(quarters)) for _unit in UNITS]


def expected(ledgers: list[dict]) -> dict:
    first = ledgers[0]
    received = first["received_total"] + sum(
        q["received_total"] - q_prev["pending_total"] for q_prev, q in zip(ledgers, ledgers[1:], strict=False)
    )
    resolved = sum(q["resolved_total"] for q in ledgers)
    in_time = sum(q["resolved_early"] + q["resolved_on_time"] for q in ledgers)
    return {"received": received, "resolved": resolved, "in_time": in_time, "pending": ledgers[-1]["pending_total"]}


def vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def as_number(value) -> Decimal | None:
    """A cell or CSV value as a number: 0.9256, "0.9256", "92,56%" or "2.084" (Vietnamese grouping)."""
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().rstrip("*").strip()
    if text.endswith("%"):
        return Decimal(text[:-1].replace(".", "").replace(",", ".")) / 100
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return Decimal(text.replace(".", ""))
    return Decimal(text.replace(",", "."))


@pytest.fixture
def setting(db, cast, province):
    """Three departments whose clerk and manager are the cast's (the clerk acts for all three here)."""
    from cchc.choices import Role

    units = [
        services.unit_upsert(code=code, name=f"Sở {code}", kind=UnitKind.DEPARTMENT, parent=province) for code in UNITS
    ]
    for unit in units:
        services.membership_grant(user=cast["clerk_a"], unit=unit, role=Role.CLERK)
    cast["clerk_a"].__dict__.pop("_cchc_memberships", None)
    periods = [services.period_upsert(year=2020, quarter=q) for q in range(1, 5)]
    return units, periods


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=provinces())
def test_every_output_agrees_with_the_hand_computation(setting, cast, tmp_path, data):
    quarters, per_unit = data
    units, periods = setting
    span = PeriodSpan.parse(SPANS[quarters])
    with transaction.atomic():
        for unit, ledgers in zip(units, per_unit, strict=True):
            for period, ledger in zip(periods, ledgers, strict=False):
                report = services.report_get_or_create(unit=unit, period=period)
                procedure_services.ledger_rows_save(report=report, rows=[ledger], delete_ids=[])
                report = services.report_submit(report=fill_narrative(report, cast["clerk_a"]), user=cast["clerk_a"])
                services.report_approve(report=report, user=cast["manager"])
        hand = [expected(ledgers) for ledgers in per_unit]

        indicators = [by_code()[c] for c in ("tthc.dossiers_received", "tthc.on_time_rate")]
        card = scorecard_build(span=span, units=units, indicators=indicators)
        output = tmp_path / "report.xlsx"
        call_command("export_report", period=span.code, format="xlsx", output=str(output), verbosity=0)
        book = openpyxl.load_workbook(output)["Tổng hợp"]
        headers, rows = summary_table(book)
        csv_path = tmp_path / "report.csv"
        call_command("export_report", period=span.code, format="csv", output=str(csv_path), verbosity=0)
        table = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
        csv_rows = {line[1]: dict(zip(table[0], line, strict=False)) for line in table[1:]}

        def csv_value(code: str, header: str):
            [column] = [h for h in table[0] if h.startswith(header.rsplit(" (", 1)[0])]
            return as_number(csv_rows[code][column])

        for unit, want, row in zip(units, hand, card.rows, strict=True):
            rate = Decimal(want["in_time"]) / want["resolved"] if want["resolved"] else None
            grid_received = row.cells["tthc.dossiers_received"].value
            grid_rate = row.cells["tthc.on_time_rate"].value
            assert grid_received == want["received"]
            assert as_number(book.cell(rows[unit.code], headers[RECEIVED]).value) == want["received"]
            assert csv_value(unit.code, RECEIVED) == want["received"]
            if rate is None:
                assert grid_rate is None
            else:
                assert grid_rate == rate
                assert abs(as_number(book.cell(rows[unit.code], headers[ON_TIME]).value) - rate) < Decimal("1e-9")
                assert abs(csv_value(unit.code, ON_TIME) - rate) <= Decimal("0.00005")  # rounded as on screen
            text = narrative_build(span=span, scope=unit).text
            assert f"tiếp nhận {vn(want['received'])} hồ sơ" in text
            assert f"đang giải quyết {vn(want['pending'])} hồ sơ" in text
        total = card.total.cells["tthc.dossiers_received"].value
        assert total == sum(w["received"] for w in hand)
        transaction.set_rollback(True)
