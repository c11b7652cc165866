"""Corrective actions on red and yellow cells: recorded by managers, answered by the responsible unit's clerks,
carried into later quarters until closed, overdue ones flagged, listed for the narrative (issue 15)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cchc import services
from cchc.exceptions import NotAllowed
from conftest import submit
from reports import services as report_services
from reports.choices import LegendMode
from reports.periods import PeriodSpan
from reports.publishing import services as publishing
from reports.publishing.choices import ActionStatus
from reports.publishing.models import CorrectiveAction, Publication
from reports.publishing.selectors import actions_for_report, actions_for_scope, corrective_actions_open
from reports.tests.test_views import cell, enter_ledger

Q1, Q2 = PeriodSpan.parse("2020-Q1"), PeriodSpan.parse("2020-Q2")
ON_TIME = "tthc.on_time_rate"
DUE = dt.date(2020, 6, 30)


@pytest.fixture
def red_cell(cast, report_a, report_b):
    """Unit A resolved 50 of 100 dossiers on time (red against 98 %), unit B 99 of 100 (green)."""
    enter_ledger(report_a, 50, 50)
    enter_ledger(report_b, 99, 1)
    report_services.target_upsert(indicator=ON_TIME, year=2020, value="0.98")
    report_services.legend_upsert(indicator=ON_TIME, mode=LegendMode.RELATIVE, green_from="1", yellow_from="0.95")
    return report_a


def record(cast, unit, **changes):
    fields = {
        "user": cast["manager"],
        "span": Q1,
        "unit": unit,
        "indicator": ON_TIME,
        "description": "Rà soát quy trình, nhắc cán bộ trả hồ sơ đúng hẹn.",
        "responsible_unit": unit,
        "due_date": DUE,
    }
    fields.update(changes)
    return publishing.action_create(**fields)


def test_a_manager_records_an_action_on_a_red_cell(cast, unit_a, red_cell):
    action = record(cast, unit_a)

    assert (action.band, action.value_text, action.status) == ("red", "50,00%", ActionStatus.OPEN)
    assert action.history.count() == 1 and action.history.first().history_user == cast["manager"]


def test_an_action_is_refused_on_a_green_cell_by_a_clerk_or_with_bad_fields(cast, unit_a, unit_b, unit_c, red_cell):
    with pytest.raises(ValidationError) as refused:
        record(cast, unit_b)
    assert "chỉ ghi hành động khắc phục cho ô màu đỏ hoặc vàng" in str(refused.value)
    with pytest.raises(NotAllowed):
        record(cast, unit_a, user=cast["clerk_a"])
    with pytest.raises(ValidationError) as refused:
        record(cast, unit_a, description=" ", due_date=dt.date(2020, 3, 31), responsible_unit=unit_c)
    messages = refused.value.message_dict
    assert messages["description"] == ["Việc cần làm: bắt buộc nhập."]
    assert messages["due_date"] == ["Hạn hoàn thành: phải sau ngày kết thúc kỳ (31/03/2020)."]
    assert "Đơn vị chịu trách nhiệm" in messages["responsible_unit"][0]
    assert CorrectiveAction.objects.count() == 0


def test_the_responsible_clerk_answers_and_the_manager_closes(cast, unit_a, red_cell):
    action = record(cast, unit_a)
    with pytest.raises(NotAllowed):
        publishing.action_answer(user=cast["clerk_b"], action=action, text="x", status=ActionStatus.DONE)
    with pytest.raises(ValidationError, match="chỉ báo"):
        publishing.action_answer(user=cast["clerk_a"], action=action, text="Bỏ", status=ActionStatus.DROPPED)

    publishing.action_answer(user=cast["clerk_a"], action=action, text="Đã tập huấn 12 cán bộ.", status="in_progress")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.updates.get().author == cast["clerk_a"]

    with pytest.raises(ValidationError, match="Nội dung: bắt buộc nhập"):
        publishing.action_answer(user=cast["manager"], action=action, text="", status=ActionStatus.DROPPED)
    publishing.action_answer(user=cast["manager"], action=action, text="Đã sáp nhập bộ phận.", status="dropped")
    action.refresh_from_db()
    assert action.drop_reason == "Đã sáp nhập bộ phận." and action.closed_at is not None
    with pytest.raises(ValidationError, match="đã đóng"):
        publishing.action_answer(user=cast["clerk_a"], action=action, text="Tiếp tục", status="in_progress")


def test_open_actions_carry_into_the_next_quarters_until_closed(cast, province, unit_a, red_cell):
    q2 = services.period_upsert(year=2020, quarter=2)
    report_q2 = services.report_get_or_create(unit=unit_a, period=q2)
    action = record(cast, unit_a)

    assert actions_for_scope(cast["manager"], Q2, province) == [action]
    assert actions_for_report(cast["clerk_a"], report_q2) == [action]
    assert actions_for_report(cast["clerk_b"], report_q2) == []
    assert actions_for_scope(cast["manager"], PeriodSpan.parse("2019-Q4"), province) == []  # not raised yet
    listed = corrective_actions_open(province, Q2, today=dt.date(2020, 7, 1))
    assert [(a["id"], a["overdue"], a["responsible_unit"]) for a in listed] == [(action.pk, True, unit_a.name)]
    assert not corrective_actions_open(province, Q2, today=dt.date(2020, 6, 1))[0]["overdue"]

    publishing.action_answer(user=cast["clerk_a"], action=action, text="Xong.", status="done")
    assert corrective_actions_open(province, Q2) == []
    assert actions_for_scope(cast["manager"], Q2, province) == [action]  # closed after Q2 began: still shown
    assert actions_for_scope(cast["manager"], PeriodSpan.parse("2099-Q1"), province) == []


def test_grid_offers_the_action_on_red_cells_to_managers_only(client, cast, unit_a, red_cell):
    client.force_login(cast["manager"])
    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q1"}).content.decode()
    assert "add-action" in cell(grid, "T-A", ON_TIME)["html"]
    assert "add-action" not in cell(grid, "T-B", ON_TIME)["html"]
    assert cell(grid, "T-A", ON_TIME)["text"] == "50,00%*"  # the figure alone (a draft: provisional)
    client.force_login(cast["clerk_a"])
    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q1"}).content.decode()
    assert "add-action" not in cell(grid, "T-A", ON_TIME)["html"]


def test_action_pages_post_and_answer(client, cast, unit_a, red_cell):
    client.force_login(cast["manager"])
    url = reverse("action_create") + f"?period=2020-Q1&unit={unit_a.pk}&indicator={ON_TIME}"
    response = client.post(url, {"description": "", "responsible_unit": unit_a.pk, "due_date": "2020-06-30"})
    assert response.status_code == 400 and "Việc cần làm" in response.content.decode()
    response = client.post(url, {"description": "Rà soát.", "responsible_unit": unit_a.pk, "due_date": "2020-06-30"})
    action = CorrectiveAction.objects.get()
    assert response["Location"] == reverse("action_detail", args=[action.pk])

    detail = reverse("action_detail", args=[action.pk])
    for role, status in (("clerk_a", 200), ("clerk_b", 403), ("viewer", 200)):
        client.force_login(cast[role])
        assert client.get(detail).status_code == status, role
    assert "answer-form" not in client.get(detail).content.decode()  # the viewer reads only
    client.force_login(cast["clerk_a"])
    response = client.post(detail, {"text": "Đã rà soát 3 thủ tục.", "status": "in_progress"})
    assert response.status_code == 302
    assert "Đã rà soát 3 thủ tục." in client.get(detail).content.decode()
    client.force_login(cast["viewer"])
    assert client.post(detail, {"text": "x", "status": "done"}).status_code == 403


# --- two managers publishing at once ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_managers_publishing_at_once_get_one_revision_each(cast, province, period):
    """On PostgreSQL the scope unit's row lock orders the two; each gets its own number, none twice."""
    if connection.vendor != "postgresql":
        pytest.skip("threads need a database with concurrent writers (PostgreSQL); SQLite is tested serially")
    second = services.membership_grant(user=cast["admin"], unit=province, role="manager").user
    barrier = threading.Barrier(2)
    results, errors = [], []

    def publish(user, reason):
        try:
            barrier.wait(timeout=30)
            results.append(
                publishing.publication_publish(user=user, span=Q1, scope_unit=province, reason=reason).revision
            )
        except Exception as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=(cast["manager"], "Công bố của quản lý 1")),
        threading.Thread(target=publish, args=(second, "Công bố của quản lý 2")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(results) == [1, 2]
    assert sorted(Publication.objects.values_list("revision", flat=True)) == [1, 2]


def test_the_next_quarters_grid_and_unit_page_carry_the_open_action(client, cast, unit_a, red_cell):
    services.period_upsert(year=2020, quarter=2)
    action = record(cast, unit_a)
    client.force_login(cast["manager"])

    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q2"}).content.decode()
    assert f'href="{reverse("action_detail", args=[action.pk])}"' in cell(grid, "T-A", ON_TIME)["html"]
    assert 'id="grid-actions"' in grid and action.description in grid
    page = client.get(reverse("scorecard_unit", args=[unit_a.pk]), {"period": "2020-Q2"}).content.decode()
    assert 'id="unit-actions"' in page and "Quá hạn" in page
    client.force_login(cast["clerk_b"])
    grid = client.get(reverse("scorecard_grid"), {"period": "2020-Q2"}).content.decode()
    assert action.description not in grid


def test_lists_and_grid_do_not_grow_in_queries_with_the_actions(client, cast, province, unit_a, red_cell):
    """One query for the actions, whatever their number (units and authors joined, not fetched per row)."""
    client.force_login(cast["manager"])
    publishing.publication_publish(user=cast["manager"], span=Q1, scope_unit=province)
    record(cast, unit_a)

    def counts():
        cache.clear()  # the grid is built each time (corrective actions are not scorecard inputs: no new version)
        out = []
        for name, params in (("action_list", {}), ("publication_list", {}), ("scorecard_grid", {"period": "2020-Q1"})):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name), params).status_code == 200
            out.append(len(queries))
        return out

    one = counts()
    for _n in range(3):
        record(cast, unit_a)
    assert counts() == one


def test_the_narratives_next_tasks_number_the_open_actions_after_the_typed_tasks(cast, province, unit_a, red_cell):
    from reports.narrative import narrative_build

    own = services.report_get_or_create(unit=province, period=red_cell.period)
    own.next_tasks = "Rà soát TTHC; Kiểm tra CCHC; nâng cao chất lượng"
    own.save()
    submit(own)  # the narrative reads reported texts only, never a draft's
    record(cast, unit_a)
    done = record(cast, unit_a, description="Việc đã xong.")
    publishing.action_answer(user=cast["manager"], action=done, text="Đã xong.", status=ActionStatus.DONE)

    [tasks] = [s for s in narrative_build(span=Q1, scope=province).sections if s.key == "next-tasks"]

    assert [p.text for p in tasks.paragraphs][1:] == [
        "1. Rà soát TTHC.",
        "2. Kiểm tra CCHC; nâng cao chất lượng.",
        f"3. Khắc phục chỉ tiêu “{done.indicator_name}” tại Sở Nội vụ (Sở Nội vụ thực hiện, hạn "
        f"{DUE:%d/%m/%Y}): Rà soát quy trình, nhắc cán bộ trả hồ sơ đúng hẹn.",
    ]
