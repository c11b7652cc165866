"""URLs of procedures. Every view here has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("procedures.import_urls")),
]
