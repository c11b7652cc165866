"""URLs of procedures. Every view here has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProcedureListView.as_view(), name="procedure_list"),
    path("quyet-dinh/", views.DecisionListView.as_view(), name="decision_list"),
    path("ho-so/", views.DossierListView.as_view(), name="dossier_list"),
    path("nhap-ho-so/", views.DossierImportView.as_view(), name="dossier_import"),
    path("nhap-ho-so/tep-mau/", views.DossierTemplateView.as_view(), name="dossier_import_template"),
]
