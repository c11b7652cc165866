"""URLs of procedures. Every view here has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.ProcedureListView.as_view(), name="procedure_list"),
    path("quyet-dinh/", views.DecisionListView.as_view(), name="decision_list"),
    path("ho-so/", views.DossierListView.as_view(), name="dossier_list"),
    path("", include("procedures.import_urls")),
]
