"""Lists of procedures: the catalogue, decisions and dossier records, each a FilteredTableView declaration."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cchc.views import FilteredTableView

from .filtersets import DecisionFilterSet, DossierFilterSet, ProcedureFilterSet
from .models import Decision, DossierRecord, Procedure
from .tables import DecisionTable, DossierTable, ProcedureTable


class ProceduresListView(FilteredTableView):
    """The lists of this app share a template with tabs between them."""

    template_name = "procedures/list.html"


class ProcedureListView(ProceduresListView):
    """ "Thủ tục hành chính": the province's catalogue, searchable without diacritics."""

    permission_action = "portal.use"
    queryset = Procedure.objects.select_related("published_by", "abolished_by")
    filterset_class = ProcedureFilterSet
    table_class = ProcedureTable
    unit_field = None  # the catalogue's rows belong to no unit (see get_queryset)
    export_name = "thu-tuc-hanh-chinh"
    title = _("Thủ tục hành chính")
    intro = _("Bộ thủ tục hành chính của tỉnh; tìm được cả khi gõ không dấu.")

    def get_queryset(self):
        # The catalogue is the province's public register: every signed-in user sees all of it. Its rows
        # are not owned by a unit, so `permissions.scope_queryset` (which filters rows down to the user's
        # units) must not run here; skip FilteredTableView.get_queryset and take the declared queryset.
        return super(FilteredTableView, self).get_queryset()


class DecisionListView(ProceduresListView):
    """ "Quyết định": decisions of the units the user may see, with the number of workflows each approves."""

    permission_action = "portal.use"
    queryset = (
        Decision.objects.select_related("issuer")
        .annotate(workflow_count=Count("workflows"))
        .order_by("-issued_on", "number")
    )
    filterset_class = DecisionFilterSet
    table_class = DecisionTable
    unit_field = "issuer"  # a decision belongs to the unit that issued it
    export_name = "quyet-dinh"
    title = _("Quyết định về thủ tục hành chính")


class DossierListView(ProceduresListView):
    """ "Hồ sơ một cửa": the dossier records of the units the user may see, and whether each was timely."""

    permission_action = "portal.use"
    queryset = DossierRecord.objects.select_related("procedure", "unit")
    filterset_class = DossierFilterSet
    table_class = DossierTable
    unit_field = "unit"
    export_name = "ho-so-mot-cua"
    title = _("Hồ sơ một cửa")
    intro = _(
        "Tiến độ: hồ sơ đã giải quyết so ngày hoàn thành với ngày hẹn trả; hồ sơ đang giải quyết so với "
        "thời điểm hiện tại."
    )
