"""/api/v1/: every view here asks cchc.permissions (tests/test_api_permission_matrix.py lists them all)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from .permissions import CanRead
from .views import catalogue, docs, dossiers, jobs, publications, reports

app_name = "api"

urlpatterns = [
    path("units/", catalogue.UnitList.as_view(), name="units"),
    path("units/<str:code>/", catalogue.UnitDetail.as_view(), name="unit"),
    path("periods/", catalogue.PeriodList.as_view(), name="periods"),
    path("figures/", catalogue.FigureList.as_view(), name="figures"),
    path("reports/", reports.ReportList.as_view(), name="reports"),
    path("reports/<int:pk>/", reports.ReportDetail.as_view(), name="report"),
    path("submissions/", reports.Submissions.as_view(), name="submissions"),
    path("scorecard/", reports.ScorecardView.as_view(), name="scorecard"),
    path("publications/", publications.PublicationList.as_view(), name="publications"),
    path("publications/<int:pk>/", publications.PublicationDetail.as_view(), name="publication"),
    path("dossiers/", dossiers.DossierPush.as_view(), name="dossiers"),
    path("jobs/<int:pk>/", jobs.PushJobDetail.as_view(), name="job"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[CanRead]), name="schema"),
    path("docs/", docs.ApiDocsPage.as_view(), name="docs"),
    path("redoc/", docs.RedocPage.as_view(), name="redoc"),
]
