"""Views of organisation and civil service: declarations on the shared list view."""

from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.views import FilteredTableView

from .filtersets import QualityRatingFilterSet
from .models import QualityRating
from .selectors import rating_distribution
from .tables import QualityRatingTable


class QualityRatingListView(FilteredTableView):
    """Ratings of the units the user may see, with the distribution per year of the filtered rows."""

    queryset = QualityRating.objects.select_related("unit", "report__period")
    filterset_class = QualityRatingFilterSet
    table_class = QualityRatingTable
    template_name = "personnel/rating_list.html"
    export_name = "danh-gia-xep-loai"
    title = _("Kết quả đánh giá, xếp loại chất lượng")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Rows of drafts are listed, marked "Bản nháp"; the distribution (a figure) counts only what was
        # submitted, and the clerk's own drafts.
        rows = permissions.hide_others_drafts(self.request.user, self.filterset.qs.order_by())
        context["distribution"] = rating_distribution(queryset=rows)
        return context
