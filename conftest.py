"""Shared test fixtures: a small province and the named cast every permission test uses.

The cast: clerk A (clerk of unit A), clerk B (clerk of unit B), the manager above A (manager of the
province, whose subtree holds A and B), a viewer of the province, an admin (superuser), and an
anonymous visitor. Unit C sits outside the province, so even the manager may not see it.
"""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from cchc import services
from cchc.choices import Role, UnitKind

PASSWORD = "Mat-khau-thu-nghiem-1"


@pytest.fixture
def province(db):
    return services.unit_upsert(code="T", name="UBND tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE)


@pytest.fixture
def unit_a(province):
    return services.unit_upsert(code="T-A", name="Sở Nội vụ", kind=UnitKind.DEPARTMENT, parent=province)


@pytest.fixture
def unit_b(province):
    return services.unit_upsert(code="T-B", name="Sở Tư pháp", kind=UnitKind.DEPARTMENT, parent=province)


@pytest.fixture
def unit_c(db):
    """A unit of another province: outside every scope of the cast but the admin's."""
    other = services.unit_upsert(code="X", name="UBND tỉnh Khác", kind=UnitKind.PROVINCE)
    return services.unit_upsert(code="X-A", name="Sở Y tế tỉnh Khác", kind=UnitKind.DEPARTMENT, parent=other)


@pytest.fixture
def period(db):
    return services.period_upsert(year=2020, quarter=1)


def make_user(username, unit=None, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if unit is not None:
        services.membership_grant(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def cast(province, unit_a, unit_b):
    """The named users, by role: clerk_a, clerk_b, manager, viewer, admin, anonymous."""
    return {
        "clerk_a": make_user("clerk_a", unit_a, Role.CLERK, first_name="An"),
        "clerk_b": make_user("clerk_b", unit_b, Role.CLERK, first_name="Bình"),
        "manager": make_user("manager", province, Role.MANAGER, first_name="Mai"),
        "viewer": make_user("viewer", province, Role.VIEWER, first_name="Vân"),
        "admin": make_user("admin", is_superuser=True, is_staff=True),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def report_a(unit_a, period):
    return services.report_get_or_create(unit=unit_a, period=period)


@pytest.fixture
def report_b(unit_b, period):
    return services.report_get_or_create(unit=unit_b, period=period)


def fill_narrative(report, user):
    """Give a report the text its submission check requires, through the save service."""

    def apply(locked):
        locked.shortcomings = "Một số đơn vị gửi báo cáo chậm."
        locked.next_tasks = "Rà soát, đơn giản hóa TTHC."

    return services.report_update(report=report, user=user, expected_version=report.version, apply=apply)


def submit(*reports, approve: bool = False) -> list:
    """Submit (and with `approve`, approve) reports through the workflow services, as the unit's clerk and a
    manager would: outputs (scorecards, workbook, narrative, API, charts) leave drafts out, so a test of an
    output reports its figures first. The clerk explains what the checks let be explained (as on the report
    page); a figure that cannot be submitted (an identity that does not hold) still fails here, loudly.
    Returns the reports as they now stand."""
    from cchc.choices import ReportStatus
    from cchc.models import CheckExplanation

    reviewer = get_user_model().objects.filter(username="test-reviewer").first() or make_user(
        "test-reviewer", is_superuser=True, is_staff=True
    )
    out = []
    for report in reports:
        report.refresh_from_db()
        if report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            clerk = _clerk_of(report.unit)
            # Explain only what the test left unexplained: its own explanations stand.
            explained = set(CheckExplanation.objects.filter(report=report).values_list("code", flat=True))
            explainable = [
                r.code for _s, r in services.report_checks(report=report) if r.explainable and r.code not in explained
            ]
            if explainable:

                def explain(locked, codes=explainable):
                    services.check_explanations_save(report=locked, texts=dict.fromkeys(codes, "Số liệu theo nguồn."))

                report = services.report_update(
                    report=report, user=clerk, expected_version=report.version, apply=explain
                )
            report = services.report_submit(report=report, user=clerk)
        if approve and report.status == ReportStatus.SUBMITTED:
            report = services.report_approve(report=report, user=reviewer)
        out.append(report)
    return out


def _clerk_of(unit):
    """A clerk of the unit (the test's own if it made one, else one made for submitting)."""
    from cchc.models import Membership

    membership = Membership.objects.filter(unit=unit, role=Role.CLERK).select_related("user").first()
    if membership is not None:
        return membership.user
    return make_user(f"test-clerk-{unit.pk}", unit, Role.CLERK)


@pytest.fixture
def submitted_report_a(report_a, cast):
    report = fill_narrative(report_a, cast["clerk_a"])
    return services.report_submit(report=report, user=cast["clerk_a"], at=None)


@pytest.fixture
def approved_report_a(submitted_report_a, cast):
    return services.report_approve(report=submitted_report_a, user=cast["manager"])


@pytest.fixture
def today():
    return dt.date(2020, 3, 16)


# Hashing passwords at production strength dominates the suite's time; tests need no strength.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Background jobs run inside the test (the immediate backend). Tests of the real workers
# (jobs/tests/test_worker*.py) set their own backend.
INLINE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def _jobs_inline(settings, tmp_path_factory):
    """Background jobs run inside the test (the immediate backend), their files in a temporary folder."""
    settings.TASKS = INLINE_TASKS
    settings.JOBS_ROOT = tmp_path_factory.mktemp("jobs")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached scorecards and their data version (reports/cache.py) live
    in the process's LocMem cache, which a test's rolled-back database does not roll back."""
    from django.core.cache import cache

    cache.clear()


# --- the demo data (seed_demo), seeded once per test module -------------------------------------------
#
# `seed_demo` takes seconds (hundreds of units, reports and figures written through the services); dozens of
# tests start from it. Each module that asks for `demo_data` seeds once, inside a transaction held open for
# the module; each test runs in a savepoint inside it (pytest-django's `db`), rolled back after the test, so
# every test still starts from exactly what `seed_demo` wrote and no test sees another's writes. The outer
# transaction is rolled back at the end of the module, so the modules after it start from an empty database.


@pytest.fixture(scope="module")
def _demo_module(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Run `seed_demo` once for the module, in a transaction rolled back when the module ends."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # As Django's TestCase marks its own atomics: a durable block inside a test stays allowed.
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
        try:
            # The settings the tests' autouse fixtures give, which a module-scoped fixture runs before.
            with override_settings(
                PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
                TASKS=INLINE_TASKS,
                JOBS_ROOT=tmp_path_factory.mktemp("jobs"),
            ):
                call_command("seed_demo", verbosity=0)
            cache.clear()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_data(request, _demo_module, db):
    """The database as `python manage.py seed_demo` leaves it (the Cao Bằng demo), for this test only.

    Seeded once per module (`_demo_module`); the test's own writes are rolled back after it. Not for
    transactional tests (live server, `transaction=True`): their other connections cannot see the
    module's uncommitted seed."""
    if _transactional(request.node):
        pytest.fail("demo_data is seeded in a transaction: a transactional test must run seed_demo itself")


def pytest_report_header(config):
    """The run's hash seed (`make test` gives the pytest-xdist workers one): PYTHONHASHSEED=… reproduces it."""
    import os

    return f"PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED', 'random')}"


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool({"transactional_db", "live_server"} & fixtures) or bool(marker and marker.kwargs.get("transaction"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of one module's tests, the tests on the demo data go last, so the module's seed (held
    until the module's tests are done) is not under a test that expects an empty database. pytest-django's
    order (database tests, then transactional ones, then the rest) and the modules' order stay as they are.

    A transactional test cannot share a module with the demo data: under pytest-xdist (`--dist loadfile`) a
    module's tests run together, and the transactional one would run inside the seed's open transaction."""
    demo = {item.path for item in items if "_demo_module" in getattr(item, "fixturenames", ())}
    mixed = sorted({str(item.path) for item in items if item.path in demo and _transactional(item)})
    if mixed:
        raise pytest.UsageError(f"demo_data and transactional tests in one module: {', '.join(mixed)}")
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or items[end].path != items[start].path:
            items[start:end] = sorted(
                items[start:end], key=lambda item: "_demo_module" in getattr(item, "fixturenames", ())
            )
            start = end


@pytest.fixture
def blocking_section():
    """A registered section whose submission check fails until the report's causes are filled in."""
    from cchc.checks import reconcile
    from cchc.choices import ReformArea
    from cchc.sections import ReportSection, register, unregister

    section = register(
        ReportSection(
            key="test_blocking",
            title="Mục thử",
            area=ReformArea.CONCLUSION,
            template_name="cchc/sections/narrative.html",
            build_forms=lambda report, data=None: {},
            save=lambda report, forms, user: None,
            checks=lambda report: [] if report.causes else [reconcile("test.causes", "Nguyên nhân: chưa nhập.")],
        )
    )
    yield section
    unregister(section.key)


def nil_ticks(page: str) -> dict:
    """The "Không phát sinh" boxes of a report page's submit summary, ticked (name → "on")."""
    return {name: "on" for name in re.findall(r'name="(nil-[\w-]+)"', page)}


class _FormParser(HTMLParser):
    """Collects what a browser would post for one <form>: inputs, checked boxes, textareas, selects."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self._textarea = self._select = None
        self._select_first = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind == "checkbox":
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind == "radio":
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea, self.data[name] = name, ""
        elif tag == "select" and name and "disabled" not in attrs:
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = attrs.get("value", "")
            if "selected" in attrs:
                self._add(self._select, attrs.get("value", ""))

    def _add(self, name, value):
        """Ticked boxes and selected options sharing a name post every value (a list when more than one)."""
        if name in self.data:
            current = self.data[name]
            self.data[name] = [*current, value] if isinstance(current, list) else [current, value]
        else:
            self.data[name] = value

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.data.setdefault(self._select, self._select_first or "")
            self._select = None


def page_form_data(client, url, form_id="report-form", *, tick_nil=False, **overrides):
    """GET the page and return what its form would post, with `overrides` typed in (field name → value).

    `tick_nil`: tick every "Không phát sinh" box of the report page's submit summary, as a clerk who submits
    with sections left empty confirms that nothing happened in them (cchc/nil_sections.py)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormParser(form_id)
    parser.feed(response.content.decode())
    data = parser.data
    if tick_nil:
        data.update(nil_ticks(response.content.decode()))
    data.update({key.replace("__", "-"): value for key, value in overrides.items()})
    return data
