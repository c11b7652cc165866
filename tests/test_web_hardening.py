"""Production safety of the web tier (issue 16: Medium 6, 8, 9 and Low 10).

Demo accounts never reach a real server; sessions end when idle; signed-in pages and downloads are not
cached; a Content-Security-Policy without inline script and a Permissions-Policy on every page; uploads
refused above the limit before they are read; `?per_page=` of any value on any list never fails; server
errors get a Vietnamese page and a log line naming the request, the user and the unit.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from cchc import security
from cchc.views import FilteredTableView
from tests.test_deploy import PRODUCTION_ENV, run_manage

ROOT = Path(__file__).resolve().parent.parent

# --- Medium 6: seed_demo on a real server ------------------------------------------------------------


def test_seed_demo_refuses_demo_accounts_when_debug_is_off():
    result = run_manage("seed_demo", env_extra=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "--allow-demo-accounts" in result.stderr
    assert "DEBUG=0" in result.stderr


@pytest.mark.django_db
def test_seed_demo_with_the_flag_gives_random_passwords_and_prints_them(settings):
    from seeds.cao_bang import DEMO_ACCOUNTS, DEMO_PASSWORD

    settings.SEED_DEMO_ACCOUNTS = False  # what DEBUG=0 in the environment sets
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.exists()

    out = io.StringIO()
    call_command("seed_demo", "--allow-demo-accounts", stdout=out)
    printed = dict(re.findall(r"^  (\S+): (\S+)$", out.getvalue(), re.MULTILINE))
    assert set(printed) == {username for username, *_rest in DEMO_ACCOUNTS}
    assert len(set(printed.values())) == len(printed)  # one password each
    admin = get_user_model().objects.get(username="admin")
    assert not admin.check_password(DEMO_PASSWORD)
    assert admin.check_password(printed["admin"])


# --- Medium 8: sessions, caching, CSP, Permissions-Policy, Server header ------------------------------


def test_a_session_ends_after_the_idle_period_and_activity_pushes_it_forward(client, cast, monkeypatch, settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS == 8 * 3600
    clock = [1_000_000.0]
    monkeypatch.setattr(security, "now", lambda: clock[0])
    client.force_login(cast["clerk_a"])
    first_expiry = client.session.get_expiry_date()

    clock[0] += 3600  # an hour later, a page: the expiry moves an hour on
    assert client.get(reverse("report_mine")).status_code == 200
    assert client.session[security.LAST_SEEN_KEY] == clock[0]
    assert client.session.get_expiry_date() > first_expiry

    # Nothing for longer than the idle period: the database session has expired, the user is out.
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(session_key=client.session.session_key).update(expire_date=timezone.now())
    response = client.get(reverse("report_mine"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_signed_in_pages_and_downloads_are_not_stored(client, cast, report_a):
    client.force_login(cast["clerk_a"])
    for url, params in [
        (reverse("report_detail", args=[report_a.pk]), {}),
        (reverse("report_history", args=[report_a.pk]), {}),
        (reverse("report_mine"), {"_export": "csv"}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_every_page_has_a_csp_without_inline_script_and_a_permissions_policy(client, cast):
    for response in (client.get(reverse("login")), client.get(reverse("admin:login"))):
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]
    client.force_login(cast["clerk_a"])
    assert "default-src 'self'" in client.get(reverse("report_mine"))["Content-Security-Policy"]


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|javascript:", re.IGNORECASE)


def test_no_template_has_inline_script_handlers_or_styles():
    offenders = [
        f"{template.relative_to(ROOT)}: {match.group(0).strip()}"
        for template in (ROOT / "templates").rglob("*.html")
        for match in INLINE.finditer(template.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_documented_deployment_hides_the_server_header():
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    assert "--bind 127.0.0.1:8000" in text  # gunicorn (and its Server header) is reachable only by nginx
    assert "server_tokens off;" in text and "more_clear_headers Server;" in text
    assert "proxy_hide_header Server;" in text  # gunicorn's own header never passes through


# --- Medium 9: uploads --------------------------------------------------------------------------------


@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_an_upload_over_the_limit_is_refused_before_it_is_read(client, cast, monkeypatch):
    from procedures import views

    called = []
    monkeypatch.setattr(views.DossierImportView, "post", lambda *a, **k: called.append(1))
    client.force_login(cast["clerk_a"])
    big = SimpleUploadedFile("ho-so.csv", b"x" * (1024 * 1024 + 1), content_type="text/csv")
    response = client.post(reverse("dossier_import"), {"file": big, "action": "preview"})
    assert response.status_code == 413
    assert "Tệp tải lên lớn quá 1 MB" in response.content.decode()
    assert called == []  # the view never ran


def test_the_import_form_names_the_limit(settings):
    from procedures.forms import DossierImportUploadForm

    settings.UPLOAD_MAX_BYTES = 10
    form = DossierImportUploadForm({}, {"file": SimpleUploadedFile("ho-so.csv", b"a,b,c\n1,2,3\n")})
    assert not form.is_valid()
    assert form.errors["file"] == ["Tệp hồ sơ: lớn quá 0 MB; hãy chia thành nhiều tệp."] or "MB" in str(form.errors)


def test_the_default_upload_limit_is_50_mb(settings):
    assert settings.UPLOAD_MAX_BYTES == 50 * 1024 * 1024


# --- Low 10: per_page, error pages, logging ---------------------------------------------------------


def list_url_names() -> list[str]:
    """Every URL whose view is a FilteredTableView (every list of the portal), from the URLconf."""
    names = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view = getattr(pattern.callback, "view_class", None)
                if view is not None and issubclass(view, FilteredTableView) and not pattern.pattern.converters:
                    names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_list_is_found():
    assert {"report_mine", "unit_list", "dossier_list"} <= set(list_url_names())


@pytest.mark.parametrize("per_page", ["-1", "0", "abc", "99999999999999999999", "١٠", "2.5", ""])
def test_any_per_page_on_any_list_is_clamped_not_a_server_error(client, cast, per_page):
    for name in list_url_names():
        for role in ("admin", "manager", "clerk_a"):  # whoever may open this list
            client.force_login(cast[role])
            if client.get(reverse(name)).status_code == 200:
                break
        response = client.get(reverse(name), {"per_page": per_page, "page": "-3"})
        assert response.status_code == 200, (name, per_page, response.status_code)
        table = response.context["table"]
        assert 1 <= table.paginator.per_page <= 500


def _boom(request):
    raise RuntimeError("hỏng")


urlpatterns = [path("loi/", _boom), *get_resolver().url_patterns]
handler403 = "cchc.views.permission_denied"


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_gets_a_vietnamese_page_and_a_log_line_with_request_user_and_unit(client, cast):
    client.raise_request_exception = False
    client.force_login(cast["clerk_a"])
    console = next(  # settings.LOGGING's stderr handler
        handler
        for handler in logging.getLogger("django.request").handlers
        if any(isinstance(f, security.RequestContextFilter) for f in handler.filters)
    )
    stream = io.StringIO()
    previous = console.setStream(stream)
    try:
        response = client.get("/loi/", HTTP_X_REQUEST_ID="req-42")
    finally:
        console.setStream(previous)
    assert response.status_code == 500
    assert "Đã xảy ra lỗi ở máy chủ" in response.content.decode()
    logged = stream.getvalue()
    assert "ERROR django.request [request=req-42 user=clerk_a unit=T-A] Internal Server Error: /loi/" in logged


def test_a_missing_page_is_vietnamese(client, cast):
    client.force_login(cast["clerk_a"])
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_every_response_carries_its_request_id(client):
    assert client.get(reverse("login"), HTTP_X_REQUEST_ID="abc-1")["X-Request-ID"] == "abc-1"
    assert re.fullmatch(r"[0-9a-f]{32}", client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>")["X-Request-ID"])
