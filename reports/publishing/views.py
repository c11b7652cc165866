"""Pages of published scorecards and corrective actions. Thin: the services write, the selectors read, and
every page asks cchc.permissions (rules scorecard.publish, publication.view, action.*)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from cchc import permissions
from cchc.models import Unit
from cchc.selectors import units_active_on
from cchc.views import PermissionMixin

from .. import exporters
from ..periods import PeriodSpan
from ..selectors import span_end
from . import selectors, services
from .choices import FileKind
from .differences import publication_differences
from .forms import ActionForm, AnswerForm, PublishForm
from .models import CorrectiveAction, Publication
from .workbook import revised_workbook


def _errors(form, exc: ValidationError) -> None:
    """A service's field errors onto the form (the field's label is in the message already)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _span(request) -> PeriodSpan | None:
    try:
        # Months and runs of months publish like quarters (docs/periods.md, "Pages").
        return PeriodSpan.parse(request.GET.get("period", "") or request.POST.get("period", ""), months=True)
    except ValueError:
        return None


def _publication(request, pk) -> Publication:
    publication = get_object_or_404(Publication.objects.select_related("scope_unit"), pk=pk)
    permissions.require(request.user, "publication.view", publication)
    return publication


# --- publications ------------------------------------------------------------------------------------


class PublicationListView(PermissionMixin, View):
    """Every publication the user may see, newest first; managers publish a period and scope from here."""

    def get(self, request):
        span = _span(request)
        queryset = selectors.publications_visible(request.user)
        if span is not None:
            queryset = queryset.filter(span_code=span.code)
        roots = exporters.root_units(request.user, span) if span else []
        return render(
            request,
            "reports/published/list.html",
            {
                "title": _("Bảng điểm đã công bố"),
                "publications": list(queryset[:200]),
                "span": span,
                "period_code": span.code if span else "",
                "can_publish": permissions.has(request.user, "scorecard.manage_any"),
                "scopes": [u for u in roots if permissions.can_manage_unit(request.user, u)],
                "form": PublishForm(),
            },
        )


class PublicationCreateView(PermissionMixin, View):
    """POST: publish (or publish a revision of) the scorecard of ?period for the scope unit posted."""

    permission_action = "scorecard.manage_any"
    http_method_names = ["post"]

    def post(self, request):
        span = _span(request)
        unit = Unit.objects.filter(pk=request.POST.get("scope") or 0).first()
        if span is None or unit is None:
            messages.error(request, _("Kỳ và phạm vi: chọn kỳ (2022-Q3, 2022-08…) và đơn vị cần công bố."))
            return redirect("publication_list")
        form = PublishForm(request.POST)
        form.is_valid()
        try:
            publication = services.publication_publish(
                user=request.user, span=span, scope_unit=unit, reason=form.cleaned_data.get("reason", "")
            )
        except ValidationError as exc:
            for errors in getattr(exc, "message_dict", {"": exc.messages}).values():
                for error in errors:
                    messages.error(request, error)
            return redirect(reverse("publication_list") + f"?period={span.code}")
        messages.success(
            request,
            _("Đã công bố bảng điểm %(span)s — %(scope)s (lần %(n)s).")
            % {"span": span.label, "scope": unit.name, "n": publication.revision},
        )
        return redirect("publication_detail", pk=publication.pk)


class PublicationDetailView(PermissionMixin, View):
    """The scorecard as published, laid out from the snapshot by the live grid's own row template."""

    def get(self, request, pk):
        publication = _publication(request, pk)
        card = selectors.published_scorecard(publication)
        revisions = list(
            Publication.objects.filter(scope_unit=publication.scope_unit, span_code=publication.span_code)
            .defer("snapshot")
            .select_related("published_by")
            .order_by("revision")
        )
        return render(
            request,
            "reports/published/detail.html",
            {
                "title": _("Bảng điểm đã công bố"),
                "publication": publication,
                "scorecard": card,
                "areas": card.areas,
                "rows": card.rows,
                "total": card.total,
                "scope": {"show_total": True},
                "drillable": set(),
                "period_code": publication.span_code,
                "files": list(publication.files.defer("content")),
                "intact": services.publication_verify(publication),
                "revisions": revisions,
                "latest": revisions[-1].pk == publication.pk,
                "can_publish": permissions.has(request.user, "scorecard.publish", publication.scope_unit),
                "form": PublishForm(),
            },
        )


class PublicationFileView(PermissionMixin, View):
    """A published file (?tep=xlsx|docx), byte for byte as stored."""

    def get(self, request, pk):
        publication = _publication(request, pk)
        kind = request.GET.get("tep", FileKind.XLSX)
        stored = publication.files.filter(kind=kind).first()
        if stored is None:
            raise Http404(_("Bản công bố không có tệp này."))
        response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
        response["Content-Disposition"] = f'attachment; filename="{stored.name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class PublicationRevisedView(PermissionMixin, View):
    """Today's workbook of the publication's scope with the sheet of differences (as the user sees it)."""

    def get(self, request, pk):
        publication = _publication(request, pk)
        content = revised_workbook(publication, request.user)
        span = PeriodSpan.parse(publication.span_code, months=True)
        name = f"{exporters.filename(span, publication.scope_unit, 'xlsx')[:-5]}"
        response = HttpResponse(content, content_type=exporters.CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = (
            f'attachment; filename="{name}-sua-doi-so-voi-lan-{publication.revision}.xlsx"'
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PublicationCompareView(PermissionMixin, View):
    """As reported vs revised: every differing cell, published → now, who changed what, and why."""

    def get(self, request, pk):
        publication = _publication(request, pk)
        return render(
            request,
            "reports/published/compare.html",
            {
                "title": _("So sánh số liệu đã công bố với hiện nay"),
                "publication": publication,
                "differences": publication_differences(publication),
                "period_code": publication.span_code,
            },
        )


# --- corrective actions ------------------------------------------------------------------------------


class ActionListView(PermissionMixin, View):
    """The corrective actions the user may see (?all=1 shows closed ones too), overdue ones flagged."""

    def get(self, request):
        queryset = selectors.actions_visible(request.user)
        show_all = request.GET.get("all") == "1"
        if not show_all:
            queryset = queryset.filter(status__in=["open", "in_progress"])
        return render(
            request,
            "reports/published/actions.html",
            {"title": _("Hành động khắc phục"), "actions": list(queryset[:500]), "show_all": show_all},
        )


class ActionCreateView(PermissionMixin, View):
    """A manager records an action on a red or yellow cell: ?period=2020-Q1&unit=<id>&indicator=<code>."""

    permission_action = "scorecard.manage_any"

    def cell(self, request):
        span = _span(request)
        unit = Unit.objects.filter(pk=request.GET.get("unit") or 0).first()
        indicator = request.GET.get("indicator", "").strip()
        if unit is not None:
            permissions.require(request.user, "action.create", unit)
        return span, unit, indicator

    def units(self, request, span):
        managed = permissions.visible_units(request.user).order_by("sort_order", "name")
        active = units_active_on(day=span_end(span), queryset=managed)
        chosen = [u for u in active if permissions.can_manage_unit(request.user, u)]
        return Unit.objects.filter(pk__in=[u.pk for u in chosen]).order_by("sort_order", "name")

    def page(self, request, span, unit, indicator, form, status=200):
        return render(
            request,
            "reports/published/action_form.html",
            {
                "title": _("Ghi hành động khắc phục"),
                "span": span,
                "unit": unit,
                "indicator": indicator,
                "form": form,
                "period_code": span.code if span else "",
            },
            status=status,
        )

    def get(self, request):
        span, unit, indicator = self.cell(request)
        if span is None or unit is None or not indicator:
            return self.page(request, None, None, "", None)
        form = ActionForm(units=self.units(request, span), initial={"responsible_unit": unit.pk})
        return self.page(request, span, unit, indicator, form)

    def post(self, request):
        span, unit, indicator = self.cell(request)
        if span is None or unit is None or not indicator:
            return self.page(request, None, None, "", None, status=400)
        form = ActionForm(request.POST, units=self.units(request, span))
        if form.is_valid():
            try:
                action = services.action_create(
                    user=request.user, span=span, unit=unit, indicator=indicator, **form.cleaned_data
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Đã ghi hành động khắc phục."))
                return redirect("action_detail", pk=action.pk)
        return self.page(request, span, unit, indicator, form, status=400)


class ActionDetailView(PermissionMixin, View):
    """An action, its progress notes, and (for the responsible clerks and the managers) the answer form."""

    def action(self, request, pk) -> CorrectiveAction:
        action = get_object_or_404(
            CorrectiveAction.objects.select_related("unit", "responsible_unit", "period", "created_by"), pk=pk
        )
        permissions.require(request.user, "action.view", action)
        return action

    def page(self, request, action, form, status=200):
        return render(
            request,
            "reports/published/action_detail.html",
            {
                "title": _("Hành động khắc phục"),
                "action": action,
                "updates": list(action.updates.select_related("author")),
                "form": form,
                "overdue": action.is_overdue(),
            },
            status=status,
        )

    def form_for(self, request, action, data=None):
        if not permissions.has(request.user, "action.answer", action):
            return None
        manager = permissions.has(request.user, "action.manage", action)
        if not manager and not action.is_open:
            return None
        return AnswerForm(data, manager=manager)

    def get(self, request, pk):
        action = self.action(request, pk)
        return self.page(request, action, self.form_for(request, action))

    def post(self, request, pk):
        action = self.action(request, pk)
        permissions.require(request.user, "action.answer", action)
        form = self.form_for(request, action, request.POST)
        if form is not None and form.is_valid():
            try:
                services.action_answer(user=request.user, action=action, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("Đã cập nhật tiến độ."))
                return redirect("action_detail", pk=action.pk)
        return self.page(request, action, form, status=400)
