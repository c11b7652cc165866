"""Who may open what: every URL of the portal, for every member of the named cast (conftest.py).

The URL names are enumerated from the URLconf, so a view added without a row in EXPECTED fails
`test_every_url_of_the_portal_has_an_expected_answer_for_every_role`. The rules come from
cchc/permissions.py: a clerk sees only their unit's reports, a manager and a viewer see their
province's subtree, only the manager (and the admin) review, anonymous visitors go to the login page.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from cchc import sections, services
from cchc.choices import ReportStatus
from cchc.models import Report, Unit

ROLES = ("clerk_a", "clerk_b", "manager", "viewer", "admin", "anonymous")

LOGIN = "login?next"  # the portal's login page, with ?next=<the requested path>
ADMIN_LOGIN = "admin:login?next"  # Django admin's login page, with ?next=<the requested path>


class Redirect(NamedTuple):
    """A 302 to `target`: a URL name, or LOGIN / ADMIN_LOGIN (that page with ?next=<requested path>)."""

    target: str


TO_LOGIN = Redirect(LOGIN)
TO_ADMIN_LOGIN = Redirect(ADMIN_LOGIN)
TO_MY_REPORTS = Redirect("report_mine")
TO_SUBMISSIONS = Redirect("report_submissions")
TO_HOME = Redirect("home")

OK, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED = 200, 403, 404, 405

# What a GET of each named URL answers to each role. `pk` is report_a's (a draft of unit A, in the
# province that the manager and the viewer oversee).
EXPECTED: dict[str, dict[str, int | Redirect]] = {
    "home": {
        "clerk_a": TO_MY_REPORTS,
        "clerk_b": TO_MY_REPORTS,
        "manager": TO_SUBMISSIONS,
        "viewer": TO_SUBMISSIONS,
        "admin": TO_SUBMISSIONS,
        "anonymous": TO_LOGIN,
    },
    "report_mine": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    "report_submissions": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "report_detail": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # POST only: a GET is refused before the report is even looked up.
    "report_review": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    # The Excel round-trip (cchc/roundtrip): only who may edit the report downloads its workbook or opens the
    # upload form ("report.edit": the unit's own clerk, on a draft of an open period).
    "roundtrip_download": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    # One workbook per unit for a clerk acting for several units ("reports.enter", as "Báo cáo của tôi").
    # The dossier import's template: whoever may import dossiers ("dossiers.import": clerks and admins).
    "dossier_import_template": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "roundtrip_bulk": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    "roundtrip_upload": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    # The read view (a printable document): whoever may see the report ("report.view").
    "report_read": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "report_history": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "unit_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # The procedure catalogue is the province's public register: every signed-in user reads all of it.
    "procedure_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # Decisions and dossier records open for every signed-in user, scoped to the units they may see.
    "decision_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "dossier_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # Clerks import their units' dossier records, admins any unit's; managers and viewers only read.
    # `pk` of unit_detail is unit A's (url_for).
    "unit_detail": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "data_quality": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "figure_value_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "rating_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "iso_adoption_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "outreach_item_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "outlet_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # The scorecard screens (reports/urls.py): read-only, for every signed-in user, scoped to the units
    # they may see (a clerk gets their own unit's row). `pk` of scorecard_unit is unit A's (url_for).
    "scorecard_overview": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "scorecard_grid": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "scorecard_unit": {
        "clerk_a": OK,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "scorecard_download": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "narrative_report": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # Managers' edits of the narrative answer POST only (the rows of POST_EXPECTED below).
    "narrative_edit": {role: (TO_LOGIN if role == "anonymous" else METHOD_NOT_ALLOWED) for role in ROLES},
    # The narrative .docx as a job (reports/narrative/views.py): POST only (rows of POST_EXPECTED below).
    "narrative_job": {role: (TO_LOGIN if role == "anonymous" else METHOD_NOT_ALLOWED) for role in ROLES},
    # The synthetic province as a job (seeds/views.py): the admin's form only.
    "synthetic_job": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "narrative_download": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "dossier_import": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # Published scorecards and corrective actions (reports/publishing/urls.py). The lists are scoped to the
    # units each user may see; publishing (POST only) and recording an action are for managers and admins.
    # The pages of one publication or action take its pk: url_for gives report_a's, which is none of
    # theirs, so they answer 404 here; reports/tests/test_publishing.py and test_corrective_actions.py
    # check them per role on real publications and actions.
    "publication_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "publication_create": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": FORBIDDEN,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    "publication_detail": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "publication_file": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "publication_compare": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "publication_revised": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "action_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "action_create": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": OK,
        "viewer": FORBIDDEN,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "action_detail": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    # Jobs and notifications are each user's own: every signed-in user has the pages; `pk` (report_a's)
    # names no job of theirs (jobs/tests test a job's owner against others). Cancel, retry and the
    # notification actions answer POST only.
    "job_list": {"clerk_a": OK, "clerk_b": OK, "manager": OK, "viewer": OK, "admin": OK, "anonymous": TO_LOGIN},
    "job_detail": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "job_download": {
        "clerk_a": NOT_FOUND,
        "clerk_b": NOT_FOUND,
        "manager": NOT_FOUND,
        "viewer": NOT_FOUND,
        "admin": NOT_FOUND,
        "anonymous": TO_LOGIN,
    },
    "job_cancel": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    "job_retry": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    "notification_list": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "notification_open": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    "notification_read_all": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    "notification_setting": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": TO_LOGIN,
    },
    # Signed-in users are sent on from the login page (redirect_authenticated_user=True).
    "login": {
        "clerk_a": TO_HOME,
        "clerk_b": TO_HOME,
        "manager": TO_HOME,
        "viewer": TO_HOME,
        "admin": TO_HOME,
        "anonymous": OK,
    },
    # Django 5 logs out by POST only.
    "logout": {
        "clerk_a": METHOD_NOT_ALLOWED,
        "clerk_b": METHOD_NOT_ALLOWED,
        "manager": METHOD_NOT_ALLOWED,
        "viewer": METHOD_NOT_ALLOWED,
        "admin": METHOD_NOT_ALLOWED,
        "anonymous": METHOD_NOT_ALLOWED,
    },
    "password_change": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    "password_change_done": {
        "clerk_a": OK,
        "clerk_b": OK,
        "manager": OK,
        "viewer": OK,
        "admin": OK,
        "anonymous": TO_LOGIN,
    },
    # The language switch is public; a GET without `next` (and without a Referer) goes home.
    "set_language": {
        "clerk_a": TO_HOME,
        "clerk_b": TO_HOME,
        "manager": TO_HOME,
        "viewer": TO_HOME,
        "admin": TO_HOME,
        "anonymous": TO_HOME,
    },
    # Django admin is for the admin (a superuser) only; everyone else meets the admin's own login page.
    "admin:index": {
        "clerk_a": TO_ADMIN_LOGIN,
        "clerk_b": TO_ADMIN_LOGIN,
        "manager": TO_ADMIN_LOGIN,
        "viewer": TO_ADMIN_LOGIN,
        "admin": OK,
        "anonymous": TO_ADMIN_LOGIN,
    },
}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """The cast's passwords are never checked here (force_login); hashing them slowly only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- the URLconf ---------------------------------------------------------------------------------


def walk_urlconf(patterns=None, namespace: str = ""):
    """Yield (full name or None, pattern) for every URL pattern, descending into includes."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk_urlconf(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry, namespace


def is_django_admin(namespace: str) -> bool:
    return namespace == "admin" or namespace.startswith("admin:")


def portal_url_names() -> set[str]:
    """Every named URL, leaving out the admin's own pages but for its index, and the API's (their matrix,
    with roles and token scopes, is tests/test_api_permission_matrix.py)."""
    names = set()
    for name, _pattern, namespace in walk_urlconf():
        if name and (not is_django_admin(namespace) or name == "admin:index") and namespace != "api":
            names.add(name)
    return names


def url_kwarg_names(pattern: URLPattern) -> set[str]:
    if isinstance(pattern.pattern, RoutePattern):
        return set(pattern.pattern.converters)
    if isinstance(pattern.pattern, RegexPattern):
        return set(pattern.pattern.regex.groupindex)
    raise TypeError(f"Unknown pattern type {type(pattern.pattern)!r}")


def patterns_by_name() -> dict[str, URLPattern]:
    return {name: pattern for name, pattern, _namespace in walk_urlconf() if name}


def url_for(name: str, report: Report) -> str:
    """The URL of `name`, with its kwargs taken from the fixtures (a `pk` is the report's)."""
    values = {"pk": report.unit_id if name in ("unit_detail", "scorecard_unit") else report.pk}
    needed = url_kwarg_names(patterns_by_name()[name])
    unknown = needed - set(values)
    assert not unknown, f"URL {name!r} needs kwargs {unknown}: give them a value in url_for()"
    return reverse(name, kwargs={key: values[key] for key in needed})


def login_redirect(login_name: str, path: str) -> str:
    return f"{reverse(login_name)}?next={quote(path, safe='/')}"


def expected_location(redirect: Redirect, requested_path: str) -> str:
    if redirect.target == LOGIN:
        return login_redirect("login", requested_path)
    if redirect.target == ADMIN_LOGIN:
        return login_redirect("admin:login", requested_path)
    return reverse(redirect.target)


def client_for(client, cast, role):
    if role != "anonymous":
        client.force_login(cast[role])
    return client


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the matrix -----------------------------------------------------------------------------------


def test_every_url_of_the_portal_has_an_expected_answer_for_every_role():
    assert portal_url_names() == set(EXPECTED), (
        "A URL without a rule (or a rule without a URL): add it to EXPECTED with the answer for every role"
    )
    for name, row in EXPECTED.items():
        assert set(row) == set(ROLES), f"EXPECTED[{name!r}] must give an answer for each of {ROLES}"


def test_every_url_outside_django_admin_has_a_name_so_the_matrix_can_see_it():
    unnamed = [
        str(pattern.pattern)
        for name, pattern, namespace in walk_urlconf()
        if name is None and not is_django_admin(namespace)
    ]
    assert unnamed == []


@pytest.mark.parametrize(
    ("name", "role"), [pytest.param(name, role, id=f"{name}-{role}") for name in EXPECTED for role in ROLES]
)
def test_get_answers_each_role_as_the_matrix_says(client, cast, report_a, name, role):
    url = url_for(name, report_a)
    expected = EXPECTED[name][role]

    response = client_for(client, cast, role).get(url)

    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"GET {url} as {role}"
        assert response["Location"] == expected_location(expected, url), f"GET {url} as {role}"
    else:
        assert response.status_code == expected, f"GET {url} as {role}"


# What a POST answers: approving a submitted report, and saving a draft of report_a.
REVIEW_POST_EXPECTED = {
    "clerk_a": FORBIDDEN,
    "clerk_b": FORBIDDEN,
    "manager": Redirect("report_detail"),
    "viewer": FORBIDDEN,
    "admin": Redirect("report_detail"),
    "anonymous": TO_LOGIN,
}
DETAIL_POST_EXPECTED = {
    "clerk_a": Redirect("report_detail"),
    "clerk_b": FORBIDDEN,
    "manager": FORBIDDEN,
    "viewer": FORBIDDEN,
    "admin": FORBIDDEN,
    "anonymous": TO_LOGIN,
}


def assert_answer(response, expected, url, report):
    if isinstance(expected, Redirect):
        assert response.status_code == 302
        if expected.target in (LOGIN, ADMIN_LOGIN):
            assert response["Location"] == expected_location(expected, url)
        else:
            assert response["Location"] == reverse(expected.target, args=[report.pk])
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_reviewers_may_approve_a_submitted_report(client, cast, submitted_report_a, role):
    url = reverse("report_review", args=[submitted_report_a.pk])
    expected = REVIEW_POST_EXPECTED[role]

    response = client_for(client, cast, role).post(url, {"action": "approve"})

    assert_answer(response, expected, url, submitted_report_a)
    submitted_report_a.refresh_from_db()
    approved = isinstance(expected, Redirect) and expected.target == "report_detail"
    assert submitted_report_a.status == (ReportStatus.APPROVED if approved else ReportStatus.SUBMITTED)


def narrative_post(report: Report, **fields) -> dict:
    """The report form as posted: the narrative, and every section's formsets empty (their management forms).

    Built from the section registry, not from the page, because most of the cast may not open the page.
    """
    data = {"version": report.version, "action": "save"}
    for section in sections.sections_for(report.unit):
        for form in section.build_forms(report).values():
            if hasattr(form, "management_form"):
                data.update({f"{form.prefix}-TOTAL_FORMS": "0", f"{form.prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "narrative-shortcomings": "Hạn chế mới.",
            "narrative-causes": "",
            "narrative-next_tasks": "Nhiệm vụ mới.",
        }
    )
    data.update(fields)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_only_the_units_own_clerk_may_save_its_draft(client, cast, report_a, role):
    url = reverse("report_detail", args=[report_a.pk])
    expected = DETAIL_POST_EXPECTED[role]

    response = client_for(client, cast, role).post(url, narrative_post(report_a))

    assert_answer(response, expected, url, report_a)
    report_a.refresh_from_db()
    saved = isinstance(expected, Redirect) and expected.target == "report_detail"
    assert report_a.shortcomings == ("Hạn chế mới." if saved else "")
    assert report_a.version == (2 if saved else 1)


# --- behaviour, in sentences ---------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page_with_the_requested_path(client, report_a):
    response = client.get(f"/bao-cao/{report_a.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/tai-khoan/dang-nhap/?next=/bao-cao/{report_a.pk}/"


def test_home_sends_clerks_to_my_reports_and_managers_viewers_admins_to_submissions(client, cast):
    for role, target in [
        ("clerk_a", "/bao-cao/cua-toi/"),
        ("clerk_b", "/bao-cao/cua-toi/"),
        ("manager", "/bao-cao/tinh-hinh-gui/"),
        ("viewer", "/bao-cao/tinh-hinh-gui/"),
        ("admin", "/bao-cao/tinh-hinh-gui/"),
    ]:
        client.force_login(cast[role])
        response = client.get("/")
        assert (response.status_code, response["Location"]) == (302, target), role


def test_clerk_b_cannot_open_report_of_unit_a(client, cast, report_a):
    client.force_login(cast["clerk_b"])

    assert client.get(reverse("report_detail", args=[report_a.pk])).status_code == 403
    assert client.get(reverse("report_history", args=[report_a.pk])).status_code == 403


def test_refusal_is_shown_on_the_portals_own_403_page(client, cast, report_a):
    client.force_login(cast["clerk_b"])

    response = client.get(reverse("report_detail", args=[report_a.pk]))

    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]


def test_clerk_b_cannot_post_into_report_of_unit_a(client, cast, report_a):
    client.force_login(cast["clerk_b"])

    response = client.post(reverse("report_detail", args=[report_a.pk]), narrative_post(report_a))

    assert response.status_code == 403
    report_a.refresh_from_db()
    assert (report_a.shortcomings, report_a.version) == ("", 1)


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_manager_and_viewer_cannot_open_a_report_outside_their_province(client, cast, unit_c, period, role):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast[role])

    assert client.get(reverse("report_detail", args=[report_c.pk])).status_code == 403
    assert client.get(reverse("report_history", args=[report_c.pk])).status_code == 403


def test_admin_opens_a_report_of_any_province(client, cast, unit_c, period):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast["admin"])

    assert client.get(reverse("report_detail", args=[report_c.pk])).status_code == 200


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
@pytest.mark.parametrize("name", ["report_detail", "report_history"])
def test_a_report_that_does_not_exist_is_not_found_for_every_signed_in_role(client, cast, role, name):
    client.force_login(cast[role])

    assert client.get(reverse(name, args=[999_999])).status_code == 404


def table_records(response) -> list:
    return [row.record for row in response.context["table"].page.object_list]


def test_clerks_my_reports_list_never_contains_another_units_report(client, cast, report_a, report_b, unit_c, period):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast["clerk_a"])

    response = client.get(reverse("report_mine"))

    assert response.status_code == 200
    assert table_records(response) == [report_a]
    content = response.content.decode()
    assert report_a.unit.name in content
    assert report_b.unit.name not in content
    assert report_c.unit.name not in content
    assert reverse("report_detail", args=[report_b.pk]) not in content


def test_clerk_b_sees_only_unit_b_in_my_reports(client, cast, report_a, report_b):
    client.force_login(cast["clerk_b"])

    response = client.get(reverse("report_mine"))

    assert table_records(response) == [report_b]
    assert report_a.unit.name not in response.content.decode()


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_managers_submissions_list_does_not_contain_unit_cs_report(
    client, cast, report_a, report_b, unit_c, period, role
):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast[role])

    response = client.get(reverse("report_submissions"), {"period": period.pk})

    assert response.status_code == 200
    assert {report.pk for report in table_records(response)} == {report_a.pk, report_b.pk}
    content = response.content.decode()
    assert report_c.unit.name not in content
    assert reverse("report_detail", args=[report_c.pk]) not in content


def test_admins_submissions_list_contains_every_province(client, cast, report_a, report_b, unit_c, period):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast["admin"])

    response = client.get(reverse("report_submissions"), {"period": period.pk})

    assert {report.pk for report in table_records(response)} == {report_a.pk, report_b.pk, report_c.pk}


def unit_list_records(client, user) -> set[Unit]:
    client.force_login(user)
    response = client.get(reverse("unit_list"), {"per_page": 100})
    assert response.status_code == 200
    return set(table_records(response))


def test_clerk_sees_only_their_own_unit_in_the_unit_list(client, cast, unit_a, unit_c):
    assert unit_list_records(client, cast["clerk_a"]) == {unit_a}


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_manager_and_viewer_see_their_province_subtree_in_the_unit_list(
    client, cast, province, unit_a, unit_b, unit_c, role
):
    assert unit_list_records(client, cast[role]) == {province, unit_a, unit_b}


def test_admin_sees_every_unit_in_the_unit_list(client, cast, province, unit_a, unit_b, unit_c):
    assert unit_list_records(client, cast["admin"]) == set(Unit.objects.all())


def test_clerk_cannot_edit_an_approved_report(client, cast, approved_report_a):
    before = Report.objects.get(pk=approved_report_a.pk)
    client.force_login(cast["clerk_a"])

    response = client.post(
        reverse("report_detail", args=[approved_report_a.pk]),
        narrative_post(approved_report_a, **{"narrative-shortcomings": "Sửa sau khi duyệt."}),
    )

    assert response.status_code == 403
    after = Report.objects.get(pk=approved_report_a.pk)
    assert after.status == ReportStatus.APPROVED
    assert (after.version, after.shortcomings, after.next_tasks) == (
        before.version,
        before.shortcomings,
        before.next_tasks,
    )


def test_clerk_cannot_approve_their_own_report(client, cast, submitted_report_a):
    client.force_login(cast["clerk_a"])

    response = client.post(reverse("report_review", args=[submitted_report_a.pk]), {"action": "approve"})

    assert response.status_code == 403
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == ReportStatus.SUBMITTED


def test_manager_can_approve_a_submitted_report(client, cast, submitted_report_a):
    client.force_login(cast["manager"])

    response = client.post(reverse("report_review", args=[submitted_report_a.pk]), {"action": "approve"})

    assert response.status_code == 302
    assert response["Location"] == reverse("report_detail", args=[submitted_report_a.pk])
    assert message_texts(response) == ["Đã duyệt báo cáo."]
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == ReportStatus.APPROVED
    assert submitted_report_a.reviewed_by == cast["manager"]


def test_manager_can_return_a_submitted_report_with_a_reason(client, cast, submitted_report_a):
    client.force_login(cast["manager"])

    response = client.post(
        reverse("report_review", args=[submitted_report_a.pk]),
        {"action": "return", "reason": "Thiếu số liệu quý I."},
    )

    assert response.status_code == 302
    assert message_texts(response) == ["Đã trả lại báo cáo."]
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == ReportStatus.RETURNED
    assert submitted_report_a.return_reason == "Thiếu số liệu quý I."


@pytest.mark.parametrize("reason", [None, "", "   "], ids=["missing", "empty", "blank"])
def test_returning_without_a_reason_shows_an_error_and_leaves_the_report_submitted(
    client, cast, submitted_report_a, reason
):
    client.force_login(cast["manager"])
    data = {"action": "return"} if reason is None else {"action": "return", "reason": reason}

    response = client.post(reverse("report_review", args=[submitted_report_a.pk]), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("report_detail", args=[submitted_report_a.pk]), 302)]
    assert "Lý do: bắt buộc nhập." in response.content.decode()
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == ReportStatus.SUBMITTED
    assert submitted_report_a.return_reason == ""


def test_viewer_cannot_approve_a_submitted_report(client, cast, submitted_report_a):
    version = submitted_report_a.version
    client.force_login(cast["viewer"])

    response = client.post(reverse("report_review", args=[submitted_report_a.pk]), {"action": "approve"})

    assert response.status_code == 403
    submitted_report_a.refresh_from_db()
    assert (submitted_report_a.status, submitted_report_a.version) == (ReportStatus.SUBMITTED, version)
    assert submitted_report_a.reviewed_by is None


def test_viewer_cannot_return_a_submitted_report_either(client, cast, submitted_report_a):
    client.force_login(cast["viewer"])

    response = client.post(
        reverse("report_review", args=[submitted_report_a.pk]), {"action": "return", "reason": "Không được."}
    )

    assert response.status_code == 403
    submitted_report_a.refresh_from_db()
    assert submitted_report_a.status == ReportStatus.SUBMITTED


def test_manager_cannot_review_a_report_outside_the_province(client, cast, unit_c, period):
    report_c = services.report_get_or_create(unit=unit_c, period=period)
    client.force_login(cast["manager"])

    response = client.post(reverse("report_review", args=[report_c.pk]), {"action": "approve"})

    assert response.status_code == 403


def test_report_mine_is_forbidden_to_users_without_a_clerk_membership(client, cast):
    for role in ("manager", "viewer", "admin"):
        client.force_login(cast[role])
        assert client.get(reverse("report_mine")).status_code == 403, role


def test_report_submissions_is_forbidden_to_clerks(client, cast):
    for role in ("clerk_a", "clerk_b"):
        client.force_login(cast[role])
        assert client.get(reverse("report_submissions")).status_code == 403, role


# --- every POST of the portal ---------------------------------------------------------------------

# What an empty POST answers to each role, for every portal URL whose view accepts POST (enumerated from
# the URLconf: a new POST view without a row fails the test below). Refused roles get 403 or the login
# page, and nothing is changed; the roles that may act get the form back with its errors (400) or a redirect.
POST_EXPECTED: dict[str, dict[str, int | Redirect]] = {
    "report_detail": {
        "clerk_a": 400,  # an empty form: "Chưa lưu: hãy sửa các ô báo lỗi bên dưới."
        "clerk_b": FORBIDDEN,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    "report_review": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": Redirect("report_detail"),  # no action: "Thao tác không hợp lệ." on the report page
        "viewer": FORBIDDEN,
        "admin": Redirect("report_detail"),
        "anonymous": TO_LOGIN,
    },
    "dossier_import": {
        "clerk_a": 400,
        "clerk_b": 400,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": 400,
        "anonymous": TO_LOGIN,
    },
    # Publishing (reports/published): only reviewers publish or record corrective actions. An empty POST
    # publishes nothing: back to the list with the error; an empty action form comes back with its errors.
    "publication_create": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": Redirect("publication_list"),
        "viewer": FORBIDDEN,
        "admin": Redirect("publication_list"),
        "anonymous": TO_LOGIN,
    },
    "action_create": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": 400,
        "viewer": FORBIDDEN,
        "admin": 400,
        "anonymous": TO_LOGIN,
    },
    "action_detail": {role: (TO_LOGIN if role == "anonymous" else NOT_FOUND) for role in ROLES},  # no such action
    # The API's dossier push (api app): JSON only, so a form-encoded POST from a role that may push is 415;
    # roles that may not are 403; without credentials 401 (bearer tokens, WWW-Authenticate).
    "api:dossiers": {
        "clerk_a": 415,
        "clerk_b": 415,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": 415,
        "anonymous": 401,
    },
    # Jobs and notifications (each user's own): `pk` (report_a's) names no job or notification of theirs.
    "job_cancel": {role: (TO_LOGIN if role == "anonymous" else NOT_FOUND) for role in ROLES},
    "job_retry": {role: (TO_LOGIN if role == "anonymous" else NOT_FOUND) for role in ROLES},
    "notification_open": {role: (TO_LOGIN if role == "anonymous" else NOT_FOUND) for role in ROLES},
    # Marking all read and the e-mail setting are the user's own: back to their notifications.
    "notification_read_all": {role: (TO_LOGIN if role == "anonymous" else 302) for role in ROLES},
    "notification_setting": {role: (TO_LOGIN if role == "anonymous" else 302) for role in ROLES},
    # Managers' edits of the narrative: only reviewers; an empty form goes back to the narrative page.
    "narrative_edit": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": 302,
        "viewer": FORBIDDEN,
        "admin": 302,
        "anonymous": TO_LOGIN,
    },
    # The narrative .docx as a job: managers of the scope and admins start it (302 to the job's page; the
    # job is queued, not run, inside the test's transaction); the others are refused.
    "narrative_job": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": 302,
        "viewer": FORBIDDEN,
        "admin": 302,
        "anonymous": TO_LOGIN,
    },
    # The synthetic province's form: the admin gets it back with its errors (an empty POST queues nothing).
    "synthetic_job": {
        "clerk_a": FORBIDDEN,
        "clerk_b": FORBIDDEN,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": 200,
        "anonymous": TO_LOGIN,
    },
    # The Excel round-trip: an upload without a file is answered with the page and its message (400), for a
    # report the user may read; the bulk page is the clerks' (who act for units).
    "roundtrip_upload": {
        "clerk_a": 400,
        "clerk_b": FORBIDDEN,
        "manager": 400,
        "viewer": 400,
        "admin": 400,
        "anonymous": TO_LOGIN,
    },
    "roundtrip_bulk": {
        "clerk_a": 400,
        "clerk_b": 400,
        "manager": FORBIDDEN,
        "viewer": FORBIDDEN,
        "admin": FORBIDDEN,
        "anonymous": TO_LOGIN,
    },
    # Anonymous: the form again, with its error; signed in: sent home (redirect_authenticated_user).
    "login": {role: (200 if role == "anonymous" else TO_HOME) for role in ROLES},
    "logout": {role: Redirect("login") for role in ROLES},
    "password_change": {
        "clerk_a": 200,
        "clerk_b": 200,
        "manager": 200,
        "viewer": 200,
        "admin": 200,
        "anonymous": TO_LOGIN,
    },
    "set_language": {role: Redirect("home") for role in ROLES},
}


def post_url_names() -> set[str]:
    """Every portal URL (outside Django admin) whose view accepts POST."""
    names = set()
    for name, pattern, namespace in walk_urlconf():
        if not name or is_django_admin(namespace):
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        methods = getattr(pattern.callback, "http_method_names", None)  # set_language: require_POST
        if view_class is not None:
            if hasattr(view_class, "post") and "post" in view_class.http_method_names:
                names.add(name)
        elif methods is None and name == "set_language":
            names.add(name)
    return names


def test_every_post_of_the_portal_has_an_expected_answer_for_every_role():
    assert post_url_names() == set(POST_EXPECTED)
    for name, row in POST_EXPECTED.items():
        assert set(row) == set(ROLES), name


@pytest.mark.parametrize(
    ("name", "role"), [pytest.param(name, role, id=f"{name}-{role}") for name in POST_EXPECTED for role in ROLES]
)
def test_post_answers_each_role_as_the_matrix_says_and_changes_nothing_when_refused(
    client, cast, submitted_report_a, name, role
):
    url = url_for(name, submitted_report_a)
    report = submitted_report_a
    if name == "report_detail":  # a draft, so that its clerk may post to it
        report = services.report_return(report=submitted_report_a, user=cast["manager"], reason="Sửa lại.")
    before = Report.objects.values().get(pk=report.pk)
    expected = POST_EXPECTED[name][role]

    response = client_for(client, cast, role).post(url, {})

    if isinstance(expected, Redirect) and expected.target == "report_detail":
        assert_answer(response, expected, url, report)
    elif isinstance(expected, Redirect) and expected.target not in (LOGIN, ADMIN_LOGIN):
        assert response.status_code == 302, f"POST {url} as {role}"
        assert response["Location"] == reverse(expected.target), f"POST {url} as {role}"
    else:
        assert_answer(response, expected, url, report)
    if expected in (FORBIDDEN, TO_LOGIN, NOT_FOUND, 400, 401, 415):
        assert Report.objects.values().get(pk=report.pk) == before, f"POST {url} as {role} changed the report"


# --- Django admin (/quan-tri/): every URL pattern, from the URLconf ---------------------------------


def _admin_model(name: str):
    from django.apps import apps

    model_name = name.split(":", 1)[1]
    for model in apps.get_models():
        if model_name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def admin_url(name: str, pattern: URLPattern, cast, report: Report) -> str:
    """A URL of each admin pattern, with an object that exists where the pattern takes one."""
    from django.contrib.contenttypes.models import ContentType

    model = _admin_model(name)
    first = model._default_manager.order_by("pk").first() if model is not None else None
    object_id = first.pk if first is not None else 999_999
    if name == "admin:view_on_site":  # "view on site" of a report (no page of its own: 404 for the admin)
        object_id = report.pk
    if isinstance(pattern.pattern, RegexPattern) and pattern.pattern.regex.groups > len(
        pattern.pattern.regex.groupindex
    ):
        # simple-history's "history/<version>/" page: positional (object id, history id).
        version = first.history.order_by("history_id").first() if first is not None else None
        return reverse(name, args=[object_id, version.history_id if version is not None else 999_999])
    kwargs = {}
    for key in url_kwarg_names(pattern):
        if key == "app_label":
            kwargs[key] = "cchc"
        elif key == "content_type_id":
            kwargs[key] = ContentType.objects.get_for_model(Report).pk
        elif key == "id":  # a user's password change
            kwargs[key] = cast["clerk_a"].pk
        elif key == "object_id":
            kwargs[key] = object_id
        else:
            raise AssertionError(f"admin URL {name!r} needs {key!r}: give it a value in admin_url()")
    return reverse(name, kwargs=kwargs)


def admin_urls(cast, report: Report) -> list[tuple[str, str]]:
    return [
        (name, admin_url(name, pattern, cast, report))
        for name, pattern, namespace in walk_urlconf()
        if name and is_django_admin(namespace) and name not in ("admin:login", "admin:logout")
    ]


def test_the_admin_matrix_covers_every_model_admin(cast, report_a):
    from django.contrib import admin

    urls = [url for _name, url in admin_urls(cast, report_a)]
    for model in admin.site._registry:
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert changelist in urls, model


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_is_closed_to_everyone_but_staff(client, cast, report_a, role):
    """Non-staff roles and anonymous visitors are sent to the admin's login for every admin URL (GET and
    POST); the superuser opens each one without a server error."""
    client = client_for(client, cast, role)
    for name, url in admin_urls(cast, report_a):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if role == "admin":
                # 404 only where the fixtures hold no such object (999999) or a report has no page of its own.
                missing = name == "admin:view_on_site" or "/999999/" in url
                allowed = {200, 302, 400, 403, 405} | ({404} if missing else set())
                assert response.status_code in allowed, f"{method.upper()} {url}"
                if response.status_code == 302:
                    assert "/dang-nhap/" not in response["Location"], f"{method.upper()} {url}"
            else:
                assert response.status_code == 302, f"{method.upper()} {url} as {role}"
                assert response["Location"] == login_redirect("admin:login", url), f"{method.upper()} {url} as {role}"
