"""The "Tuyên truyền cải cách hành chính" section: items published, typed counts, the table of counts.

The table counts the report's items by outlet and kind; a report without items (a source that only
publishes totals) gives typed counts instead. Typed counts that disagree with the items are a warning.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.choices import ReformArea
from cchc.models import Report
from cchc.sections import ReportSection, formset_rows, register

from . import selectors, services
from .choices import NEWS_AND_ARTICLES, ItemKind
from .forms import CountFormSet, DocumentFormSet, ItemFormSet
from .models import DirectionDocument, MediaOutlet, OutreachCount, OutreachItem

ITEMS_PREFIX, COUNTS_PREFIX = "outreach_items", "outreach_counts"


def build_forms(report: Report, data=None) -> dict:
    outlets = selectors.outlets_list()
    return {
        "items": ItemFormSet(data=data, instance=report, prefix=ITEMS_PREFIX, form_kwargs={"outlets": outlets}),
        "counts": CountFormSet(
            data=data,
            instance=report,
            prefix=COUNTS_PREFIX,
            form_kwargs={"outlets": outlets, "from_items": selectors.counts_from_items(report=report)},
        ),
    }


def save(report: Report, forms: dict, user) -> None:
    rows, delete_ids = formset_rows(forms["items"])
    services.items_save(report=report, rows=rows, delete_ids=delete_ids)
    rows, delete_ids = formset_rows(forms["counts"])
    services.counts_save(report=report, rows=rows, delete_ids=delete_ids)


def _kinds_label(kinds: tuple[str, ...]) -> str:
    if set(kinds) == set(NEWS_AND_ARTICLES):
        return _("Tin, bài (kể cả không tách)")
    return str(ItemKind(kinds[0]).label)


def warnings(report: Report) -> list[str]:
    """Typed counts that disagree with the listed items (the table uses the items)."""
    found = selectors.counts_disagreements(counts=selectors.counts_get(report=report))
    if not found:
        return []
    names = dict(MediaOutlet.objects.filter(pk__in={d.outlet_id for d in found}).values_list("pk", "name"))
    return [
        _(
            "%(outlet)s — %(kind)s: số nhập tổng hợp %(typed)s khác số theo danh sách tin, bài đã nhập "
            "(%(listed)s); bảng tổng hợp dùng số theo danh sách."
        )
        % {
            "outlet": names.get(d.outlet_id, d.outlet_id),
            "kind": _kinds_label(d.kinds),
            "typed": number_format(d.typed, force_grouping=True),
            "listed": number_format(d.from_items, force_grouping=True),
        }
        for d in found
    ]


register(
    ReportSection(
        key="outreach",
        title=gettext_lazy("Công tác tuyên truyền cải cách hành chính"),
        area=ReformArea.DIRECTION,
        order=20,
        template_name="outreach/sections/outreach.html",
        read_template_name="outreach/sections/_counts_table.html",
        build_forms=build_forms,
        save=save,
        warnings=warnings,
        history_models=(OutreachItem, OutreachCount),
    )
)


# --- the direction documents of the quarter (a repeating block of its own, before outreach) -----------------


def build_direction_forms(report: Report, data=None) -> dict:
    return {"documents": DocumentFormSet(data=data, instance=report, prefix="direction_documents")}


def save_direction(report: Report, forms: dict, user) -> None:
    rows, delete_ids = formset_rows(forms["documents"])
    services.documents_save(report=report, rows=rows, delete_ids=delete_ids)


register(
    ReportSection(
        key="direction",
        title=gettext_lazy("Văn bản chỉ đạo, điều hành CCHC"),
        area=ReformArea.DIRECTION,
        order=10,
        template_name="outreach/sections/direction.html",
        build_forms=build_direction_forms,
        save=save_direction,
        history_models=(DirectionDocument,),
    )
)
