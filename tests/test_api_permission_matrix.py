"""Who may call what in the API: every /api/v1/ URL × the named cast (conftest.py) × API tokens.

The URL names of the `api` namespace are enumerated from the URLconf (with the helpers of
tests/test_permission_matrix.py), so an endpoint added without a row here fails the first test. Tokens:
`token_province` reads and pushes for the test province, `token_read_only` only reads it,
`token_push_only` only pushes, `token_other` reads and pushes for another province (unit C's), and
`token_revoked` was revoked. Rules: cchc/permissions.py (api.read, api.push_dossiers, unit scopes).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_client_create, api_client_revoke
from procedures.choices import ProcedureLevel
from procedures.models import DossierRecord
from procedures.services import procedure_upsert
from reports.periods import PeriodSpan
from reports.publishing.services import publication_publish
from tests.test_permission_matrix import ROLES as PERSONS
from tests.test_permission_matrix import login_redirect, url_kwarg_names, walk_urlconf

TOKENS = ("token_province", "token_read_only", "token_push_only", "token_other", "token_revoked")
CALLERS = (*PERSONS, *TOKENS)
OK, BAD, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 400, 401, 403, 404, 405
LOGIN = "login"  # a 302 to the portal's login page (HTML pages of the API: docs and redoc)

READ_ANY = {
    "clerk_a": OK,
    "clerk_b": OK,
    "manager": OK,
    "viewer": OK,
    "admin": OK,
    "anonymous": UNAUTHORIZED,
    "token_province": OK,
    "token_read_only": OK,
    "token_push_only": FORBIDDEN,
    "token_other": OK,
    "token_revoked": UNAUTHORIZED,
}
# Unit A and report A: in the province (manager, viewer, province tokens), clerk A's own; not clerk B's.
READ_UNIT_A = {**READ_ANY, "clerk_b": FORBIDDEN, "token_other": FORBIDDEN}
PAGES = {role: OK for role in PERSONS} | {"anonymous": LOGIN} | {token: LOGIN for token in TOKENS}

# What a GET of each API URL answers. Query strings: the quarter of the `period` fixture.
EXPECTED: dict[str, tuple[str, dict[str, int | str]]] = {
    "api:units": ("", READ_ANY),
    "api:unit": ("", READ_UNIT_A),
    "api:periods": ("", READ_ANY),
    "api:figures": ("", READ_ANY),
    "api:reports": ("?period=2020-Q1", READ_ANY),
    "api:report": ("", READ_UNIT_A),
    # The submission status is for those who oversee units: not clerks.
    "api:submissions": ("?period=2020-Q1", {**READ_ANY, "clerk_a": FORBIDDEN, "clerk_b": FORBIDDEN}),
    "api:scorecard": ("?period=2020-Q1", READ_ANY),
    "api:publications": ("?period=2020-Q1", READ_ANY),
    # The province's published 2020-Q1 scorecard: whoever sees the province (not its clerks, not unit C's).
    "api:publication": ("", {**READ_ANY, "clerk_a": FORBIDDEN, "clerk_b": FORBIDDEN, "token_other": FORBIDDEN}),
    # POST only: those who may push get 405 for a GET, the others are refused first.
    "api:dossiers": (
        "",
        {
            "clerk_a": NOT_ALLOWED,
            "clerk_b": NOT_ALLOWED,
            "manager": FORBIDDEN,
            "viewer": FORBIDDEN,
            "admin": NOT_ALLOWED,
            "anonymous": UNAUTHORIZED,
            "token_province": NOT_ALLOWED,
            "token_read_only": FORBIDDEN,
            "token_push_only": NOT_ALLOWED,
            "token_other": NOT_ALLOWED,
            "token_revoked": UNAUTHORIZED,
        },
    ),
    # A long push's job (api/jobs.py), here token_province's: only its own caller sees it; others who may
    # push get 404 (never another's job, not even the admin's: the API scopes jobs to the caller).
    "api:job": (
        "",
        {
            "clerk_a": NOT_FOUND,
            "clerk_b": NOT_FOUND,
            "manager": FORBIDDEN,
            "viewer": FORBIDDEN,
            "admin": NOT_FOUND,
            "anonymous": UNAUTHORIZED,
            "token_province": OK,
            "token_read_only": FORBIDDEN,
            "token_push_only": NOT_FOUND,
            "token_other": NOT_FOUND,
            "token_revoked": UNAUTHORIZED,
        },
    ),
    "api:schema": ("", READ_ANY),
    # HTML pages for people (sessions): a token is no session, so they go to the login page.
    "api:docs": ("", PAGES),
    "api:redoc": ("", PAGES),
}

# A record of unit A (report A's unit) in Q1-2020, pushed by each caller.
PUSH_EXPECTED = {
    "clerk_a": OK,
    "clerk_b": BAD,  # the record names unit A: "bạn không được nhập hồ sơ của đơn vị «T-A»"
    "manager": FORBIDDEN,
    "viewer": FORBIDDEN,
    "admin": OK,
    "anonymous": UNAUTHORIZED,
    "token_province": OK,
    "token_read_only": FORBIDDEN,
    "token_push_only": OK,
    "token_other": BAD,
    "token_revoked": UNAUTHORIZED,
}


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def callers(cast, province, unit_c):
    """The cast and one API client per token role: {role: user or ("token", token)}."""
    other = unit_c.parent
    tokens = {
        "token_province": api_client_create(name="Tỉnh: đọc và gửi", unit=province, can_push_dossiers=True)[1],
        "token_read_only": api_client_create(name="Tỉnh: chỉ đọc", unit=province)[1],
        "token_push_only": api_client_create(
            name="Tỉnh: chỉ gửi", unit=province, can_read=False, can_push_dossiers=True
        )[1],
        "token_other": api_client_create(name="Tỉnh khác", unit=other, can_push_dossiers=True)[1],
    }
    revoked, tokens["token_revoked"] = api_client_create(name="Đã thu hồi", unit=province)
    api_client_revoke(client=revoked)
    return {**cast, **{role: ("token", token) for role, token in tokens.items()}}


@pytest.fixture
def publication(cast, province, period):
    """The province's 2020-Q1 scorecard, published by its manager."""
    return publication_publish(user=cast["manager"], span=PeriodSpan.parse("2020-Q1"), scope_unit=province)


@pytest.fixture
def push_job(callers):
    """A finished long push of token_province's client (api/jobs.py)."""
    from api.models import ApiClient
    from jobs.models import Job

    client = ApiClient.objects.get(name="Tỉnh: đọc và gửi")
    return Job.objects.create(kind="api.dossiers_push", user=client.user, state="done", result={"records": 0})


def http_for(callers, role) -> APIClient:
    http = APIClient()
    caller = callers[role]
    if isinstance(caller, tuple):
        http.credentials(HTTP_AUTHORIZATION=f"Bearer {caller[1]}")
    elif not isinstance(caller, AnonymousUser):
        http.force_login(caller)
    return http


def api_url_names() -> set[str]:
    return {name for name, _pattern, namespace in walk_urlconf() if name and namespace == "api"}


def api_url(name: str, report, publication=None, job=None) -> str:
    pattern = next(p for n, p, _ns in walk_urlconf() if n == name)
    pk = {"api:publication": publication, "api:job": job}.get(name) or report
    values = {"pk": pk.pk, "code": report.unit.code}
    needed = url_kwarg_names(pattern)
    return reverse(name, kwargs={key: values[key] for key in needed}) + EXPECTED[name][0]


def test_every_api_url_has_an_expected_answer_for_every_caller():
    assert api_url_names() == set(EXPECTED), "An API URL without a rule: add it to EXPECTED for every caller"
    for name, (_query, row) in EXPECTED.items():
        assert set(row) == set(CALLERS), f"EXPECTED[{name!r}] must answer for each of {CALLERS}"


@pytest.mark.parametrize(
    ("name", "role"), [pytest.param(name, role, id=f"{name}-{role}") for name in EXPECTED for role in CALLERS]
)
def test_get_answers_each_caller_as_the_matrix_says(request, callers, report_a, name, role):
    publication = request.getfixturevalue("publication") if name == "api:publication" else None
    job = request.getfixturevalue("push_job") if name == "api:job" else None
    url = api_url(name, report_a, publication, job)
    expected = EXPECTED[name][1][role]

    response = http_for(callers, role).get(url)

    if expected == LOGIN:
        assert response.status_code == 302, f"GET {url} as {role}"
        assert response["Location"] == login_redirect("login", url), f"GET {url} as {role}"
    else:
        assert response.status_code == expected, f"GET {url} as {role}: {response.content[:300]!r}"


@pytest.mark.parametrize("role", CALLERS)
def test_push_answers_each_caller_as_the_matrix_says(callers, report_a, role):
    procedure_upsert(
        code="1.000001", name="Cấp bản sao", field="Tư pháp", level=ProcedureLevel.PROVINCE, unit_kind="department"
    )
    record = {
        "ma_ho_so": f"HS-{role}",
        "ma_thu_tuc": "1.000001",
        "ma_don_vi": report_a.unit.code,
        "noi_tiep_nhan": "Bộ phận một cửa",
        "kenh": "truc_tiep",
        "ngay_tiep_nhan": "2020-01-06",
        "ngay_hen_tra": "2020-01-10",
        "ngay_hoan_thanh": "2020-01-09",
        "trang_thai": "da_giai_quyet",
    }

    response = http_for(callers, role).post(reverse("api:dossiers"), {"records": [record]}, format="json")

    assert response.status_code == PUSH_EXPECTED[role], response.content[:300]
    assert DossierRecord.objects.filter(code=f"HS-{role}").exists() == (PUSH_EXPECTED[role] == OK)
