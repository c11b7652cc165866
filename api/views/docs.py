"""Swagger UI and Redoc from the drf-spectacular-sidecar package, with no inline script.

drf-spectacular's own views write the page's start-up code inline, which a Content-Security-Policy
without 'unsafe-inline' blocks. Here the page only links static files (the sidecar's bundles and
static/api/*.js, which reads the schema URL from a data attribute), so the CSP holds.
"""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView

from cchc import permissions
from cchc.exceptions import NotAllowed


class ApiDocsPage(TemplateView):
    """The schema browser; the same rule as the API: a signed-in person (sessions only, no tokens here)."""

    template_name = "api/swagger.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.has(request.user, "api.read"):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            raise NotAllowed("api.read")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "schema_url": reverse("api:schema")}


class RedocPage(ApiDocsPage):
    """Redoc styles itself with <style> elements it writes at run time (styled-components) and searches in a
    worker made from a blob: this page alone lets the CSP (django-csp reads `_csp_update`) allow inline
    styles and blob: workers. Scripts stay 'self' only."""

    template_name = "api/redoc.html"
    csp_update = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response._csp_update = self.csp_update
        return response
