"""URL of the report download, included under /tong-hop/ (reports/urls.py: path("", include("reports.export_urls")))."""

from django.urls import path

from . import export_views

urlpatterns = [
    path("tai-xuong/", export_views.ScorecardDownloadView.as_view(), name="scorecard_download"),
]
