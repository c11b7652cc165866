"""URLs of the portal. Every view here has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from seeds.views import SyntheticJobView

from . import report_page, report_read, views
from .plausibility.views import DataQualityView
from .roundtrip import bulk as roundtrip_bulk
from .roundtrip import views as roundtrip_views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("bao-cao/cua-toi/", views.MyReportListView.as_view(), name="report_mine"),
    path("bao-cao/tinh-hinh-gui/", views.SubmissionListView.as_view(), name="report_submissions"),
    path("bao-cao/<int:pk>/", report_page.ReportDetailView.as_view(), name="report_detail"),
    path("bao-cao/<int:pk>/ban-doc/", report_read.ReportReadView.as_view(), name="report_read"),
    path("bao-cao/<int:pk>/xem-xet/", views.ReportReviewView.as_view(), name="report_review"),
    path("bao-cao/<int:pk>/lich-su/", views.ReportHistoryView.as_view(), name="report_history"),
    path("bao-cao/tai-len-nhieu-tep/", roundtrip_bulk.BulkUploadView.as_view(), name="roundtrip_bulk"),
    path("bao-cao/<int:pk>/mau-excel/", roundtrip_views.DownloadView.as_view(), name="roundtrip_download"),
    path("bao-cao/<int:pk>/tai-len-excel/", roundtrip_views.UploadView.as_view(), name="roundtrip_upload"),
    path("don-vi/", views.UnitListView.as_view(), name="unit_list"),
    path("don-vi/<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("chat-luong-so-lieu/", DataQualityView.as_view(), name="data_quality"),
    path("so-lieu-bo-sung/", views.FigureValueListView.as_view(), name="figure_value_list"),
    path("thu-tuc/", include("procedures.urls")),
    path("to-chuc-can-bo/", include("personnel.urls")),
    path("iso/", include("iso.urls")),
    path("tuyen-truyen/", include("outreach.urls")),
    path("tong-hop/", include("reports.urls")),
    path("cong-viec/tinh-mo-phong/", SyntheticJobView.as_view(), name="synthetic_job"),
    path("cong-viec/", include("jobs.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("tai-khoan/dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
    path("quan-tri/", admin.site.urls),
]

handler403 = "cchc.views.permission_denied"
