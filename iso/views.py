"""Views of ISO 9001 adoption: declarations on the shared list view."""

from django.utils.translation import gettext_lazy as _

from cchc.views import FilteredTableView

from .filtersets import IsoAdoptionFilterSet
from .selectors import adoptions_for_list
from .tables import IsoAdoptionTable


class IsoAdoptionListView(FilteredTableView):
    """ "Sổ đăng ký áp dụng ISO 9001": the register rows of the units the user may see."""

    permission_action = "portal.use"
    queryset = adoptions_for_list()
    filterset_class = IsoAdoptionFilterSet
    table_class = IsoAdoptionTable
    unit_field = "unit"
    export_name = "ap-dung-iso-9001"
    title = _("Sổ đăng ký áp dụng ISO 9001")
    intro = _(
        "Hệ thống quản lý chất lượng theo TCVN ISO 9001 của từng đơn vị; lịch sử thay đổi tình trạng "
        "được lưu trong trang quản trị."
    )
