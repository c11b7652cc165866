"""URLs of the scorecard screens and the report download (under /tong-hop/). Every view is read-only and asks
cchc.permissions."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.ScorecardOverviewView.as_view(), name="scorecard_overview"),
    path("bang-diem/", views.ScorecardGridView.as_view(), name="scorecard_grid"),
    path("don-vi/<int:pk>/", views.ScorecardUnitView.as_view(), name="scorecard_unit"),
    path("tai-xuong/", views.ScorecardDownloadView.as_view(), name="scorecard_download"),
    path("", include("reports.publishing.urls")),
    path("", include("reports.narrative.urls")),
]
