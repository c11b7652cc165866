"""The OpenAPI schema validates; the schema browsers need no inline script and no CDN; admins issue tokens."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from api.models import ApiClient


def test_the_openapi_schema_validates_without_warnings(db, tmp_path):
    out = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    text = out.read_text()
    for path in ("/api/v1/scorecard/", "/api/v1/dossiers/", "/api/v1/units/{code}/", "/api/v1/submissions/"):
        assert f"{path}:" in text
    assert "bearerFormat" in text
    assert "Tử số của tỷ lệ" in text  # Vietnamese field descriptions


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_schema_browsers_load_only_static_scripts_from_the_sidecar(client, cast, name):
    client.force_login(cast["viewer"])

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all('src="/static/' in attrs and body.strip() == "" for attrs, body in scripts), scripts
    assert "drf_spectacular_sidecar" in html
    assert "http://" not in html and "https://" not in html  # no CDN
    assert reverse("api:schema") in html
    for src in re.findall(r'<script src="/static/([^"]+)"', html):
        assert finders.find(src), f"{src} is not a static file the portal serves"


def test_schema_is_served_to_a_signed_in_person(client, cast):
    client.force_login(cast["clerk_a"])

    response = client.get(reverse("api:schema"))

    assert response.status_code == 200
    assert b"openapi: 3" in response.content


def test_an_admin_creates_a_client_in_django_admin_and_sees_the_token_once(client, cast, province):
    client.force_login(cast["admin"])

    response = client.post(
        reverse("admin:api_apiclient_add"),
        {
            "name": "Hệ thống một cửa",
            "unit": province.pk,
            "can_read": "on",
            "can_push_dossiers": "on",
            "expires_at_0": "31/12/2030",
            "expires_at_1": "00:00:00",
            "note": "",
        },
        follow=True,
    )

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    token = re.search(r"<code>(cchc_[^<]+)</code>", " ".join(shown)).group(1)
    stored = ApiClient.objects.get(name="Hệ thống một cửa")
    assert stored.unit == province and stored.can_push_dossiers
    assert token not in str(ApiClient.objects.filter(pk=stored.pk).values().get())
    again = client.get(reverse("admin:api_apiclient_change", args=[stored.pk]))
    assert token not in again.content.decode()
    api = client.__class__()
    answer = api.get("/api/v1/periods/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200
