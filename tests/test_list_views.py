"""One shared test over every list of the portal (NetBox-style): discovered from the URLconf, run for each role
of the cast (conftest.py) on rows of units A, B (the province's) and C (another province's).

For each list and role that may open it: every row shown belongs to a unit the role may see (a clerk: only
their own unit; the manager and viewer: the province's subtree; unit C never) unless the list is a register
of no unit; the rows are the filterset's (the table shows `filter.qs`); the csv and xlsx exports open with the
shared readers (tests/readers.py) and hold those rows; a viewer's POST changes nothing; the page stays under
a query ceiling. Per-list behaviour (columns, filters' meaning) stays in each app's test_lists.py.
"""

from __future__ import annotations

import django_tables2 as tables
import pytest
from django.db.models import QuerySet
from django.urls import reverse

from cchc import permissions, services
from cchc.choices import FigureType, Measure, ReformArea, Role
from cchc.models import FigureDefinition
from conftest import make_user
from tests.readers import EXPORT_READERS
from tests.test_web_hardening import list_url_names

ROLES = ("clerk_a", "clerk_b", "manager", "viewer", "admin")
MAX_QUERIES = 30  # a list page's whole cost (session, user, memberships, count, rows, filters' choices)


@pytest.fixture
def rows(cast, unit_a, unit_b, unit_c, period):
    """A few rows in the lists of report parts and registers, for units A, B and C."""
    from iso.tests.helpers import adopt

    make_user("clerk_c", unit_c, Role.CLERK)
    definition = services.figure_definition_upsert(
        code="meetings",
        name="Số cuộc họp",
        name_en="Meetings",
        area=ReformArea.DIRECTION,
        unit_of_measure="cuộc",
        value_type=FigureType.INTEGER,
        measure=Measure.FLOW,
    )
    definition = FigureDefinition.objects.get(pk=definition.pk)
    for number, unit in enumerate((unit_a, unit_b, unit_c), start=1):
        report = services.report_get_or_create(unit=unit, period=period)
        services.figure_values_save(report=report, entries=[(definition, number, None)])
        adopt(unit)


def unit_of(record, unit_field: str):
    """The unit a row belongs to, by the view's own `unit_field` ("" when the row is a unit)."""
    return record if unit_field == "" else tables.A(unit_field.replace("__", ".")).resolve(record)


@pytest.mark.parametrize("name", list_url_names())
def test_every_list_scopes_filters_exports_and_stays_cheap(
    client, cast, rows, unit_c, name, django_assert_max_num_queries
):
    url = reverse(name)
    opened = 0
    for role in ROLES:
        user = cast[role]
        client.force_login(user)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url, {"per_page": 500})
        if response.status_code != 200:
            assert response.status_code == 403, (name, role, response.status_code)
            continue
        opened += 1
        view = response.resolver_match.func.view_class
        table, filterset = response.context["table"], response.context["filter"]
        assert isinstance(filterset, view.filterset_class), name
        shown = [row.record for row in table.page.object_list]
        assert [r.pk for r in shown] == [r.pk for r in table.data.data][: len(shown)]
        # The table shows the filterset's rows (a list of rows derived from them, the data-quality findings,
        # shows what it derived: its export must hold the same rows).
        expected = table.paginator.count
        if isinstance(table.data.data, QuerySet):
            assert expected == filterset.qs.count(), name
        if view.unit_field is not None:
            visible = set(permissions.visible_units(user).values_list("pk", flat=True))
            units = {unit_of(record, view.unit_field) for record in shown}
            assert all(unit.pk in visible for unit in units if unit is not None), (name, role)
            if role.startswith("clerk"):
                own = set(permissions.clerk_unit_ids(user))
                assert all(unit.pk in own for unit in units if unit is not None), (name, role)
            if role != "admin":
                assert unit_c not in units, (name, role)
        for export_format, read in EXPORT_READERS.items():
            exported = client.get(url, {"_export": export_format})
            assert exported.status_code == 200, (name, role, export_format)
            assert len(read(exported)) == expected, (name, role, export_format)
        if role == "viewer":
            before = filterset.queryset.count()
            assert client.post(url, {}).status_code in (403, 405), name  # read-only
            assert filterset.queryset.all().count() == before
    assert opened, f"no role of the cast may open {name}"
