"""Lists of outreach: the register of outlets and the items, each a FilteredTableView declaration."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cchc import permissions
from cchc.views import FilteredTableView

from .filtersets import MediaOutletFilterSet, OutreachItemFilterSet
from .models import MediaOutlet, OutreachItem
from .tables import MediaOutletTable, OutreachItemTable


class OutreachListView(FilteredTableView):
    """The lists of this app share a template with tabs between them."""

    template_name = "outreach/list.html"
    permission_action = "portal.use"


class MediaOutletListView(OutreachListView):
    """ "Cơ quan báo chí": the province's register, readable by every signed-in user.

    The count beside each outlet counts only the items of the units the user may see.
    """

    queryset = MediaOutlet.objects.all()
    filterset_class = MediaOutletFilterSet
    table_class = MediaOutletTable
    unit_field = None  # the register's rows belong to no unit (see get_queryset)
    export_name = "co-quan-bao-chi"
    title = _("Cơ quan báo chí")
    intro = _("Danh mục cơ quan báo chí đăng, phát tin, bài về cải cách hành chính; quản trị viên cập nhật.")

    def get_queryset(self):
        # The register is the province's: every signed-in user sees all of it (unit_field = None: not scoped);
        # only the counted items are scoped.
        # Like every count made from report rows, others' drafts are not counted (docs/security.md, "Drafts").
        items = permissions.hide_others_drafts(
            self.request.user,
            permissions.scope_queryset(
                self.request.user, OutreachItem.objects.filter(outlet=OuterRef("pk")), "report__unit"
            ),
        )
        counted = items.order_by().values("outlet").annotate(n=Count("pk")).values("n")
        return (
            super()
            .get_queryset()
            .annotate(item_count=Coalesce(Subquery(counted, output_field=IntegerField()), Value(0)))
        )


class OutreachItemListView(OutreachListView):
    """ "Tin, bài tuyên truyền": the items of the reports of the units the user may see."""

    queryset = OutreachItem.objects.select_related("outlet", "report__unit", "report__period").order_by(
        "-published_on", "-pk"
    )
    filterset_class = OutreachItemFilterSet
    table_class = OutreachItemTable
    unit_field = "report__unit"
    export_name = "tin-bai-tuyen-truyen"
    title = _("Tin, bài tuyên truyền cải cách hành chính")
