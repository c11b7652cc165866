"""URLs of the report downloads (and the narrative's background export), included under /tong-hop/.

reports/urls.py: path("", include("reports.export_urls")).
"""

from django.urls import path

from . import export_views, job_views

urlpatterns = [
    path("tai-xuong/", export_views.ScorecardDownloadView.as_view(), name="scorecard_download"),
    path("bao-cao/xuat-nen/", job_views.NarrativeJobView.as_view(), name="narrative_job"),
]
