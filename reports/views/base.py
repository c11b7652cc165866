"""What the scorecard pages share: the period and scope of a request, the page frame, sorting.

The scope rules themselves live in `reports.scope` (no request needed); here a request's query string
(?period=, ?scope=, ?parent=, ?kind=) is read into them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from cchc.choices import UnitKind
from cchc.text import fold
from cchc.views import PermissionMixin

from ..builder import Column, Row
from ..periods import PeriodSpan
from ..scope import PageError, Scope, period_options, range_code, span_for
from ..scope import scope_of as scope_of_user
from ..templatetags.reports_tags import format_value

FIXED_SORTS = ("name", "points", "rank")


# --- a request's period and scope -----------------------------------------------------------------


def span_of(request: HttpRequest) -> PeriodSpan:
    """?from=2019-10&to=2020-08 (the picker's run of months: it wins over the list), else ?period=2022-08 /
    2022-Q3 / 2022-H1 / 2022-9M / 2022 / 2019-10-01..2020-08-31, else the latest quarter with an approved report
    the user may see, else the current quarter (reports.scope.span_for). PageError for a bad pick."""
    first, last = request.GET.get("from", "").strip(), request.GET.get("to", "").strip()
    if first or last:
        return span_for(request.user, range_code(first, last))
    return span_for(request.user, request.GET.get("period", ""))


def scope_of(request: HttpRequest, span: PeriodSpan, *, kind: str = "", drill: bool = False) -> Scope:
    """The scope of ?scope= (and with `drill`, of ?parent=) for the request's user (reports.scope.scope_of)."""
    parent = request.GET.get("parent", "") if drill else None
    return scope_of_user(request.user, span, unit=request.GET.get("scope", ""), parent=parent, kind=kind)


def kind_of(request: HttpRequest) -> str:
    """?kind=, when it names a unit kind."""
    kind = request.GET.get("kind", "")
    return kind if kind in UnitKind.values else ""


# --- sorting --------------------------------------------------------------------------------------


def sort_params(request: HttpRequest, columns: list[Column]) -> tuple[str, str]:
    sort = request.GET.get("sort", "")
    if sort not in FIXED_SORTS and sort not in {c.code for c in columns}:
        return "", ""
    direction = request.GET.get("dir", "")
    if direction not in ("asc", "desc"):
        direction = "asc" if sort in ("name", "rank") else "desc"
    return sort, direction


def sort_rows(rows: list[Row], sort: str, direction: str) -> list[Row]:
    """Rows ordered by a figure, points, rank or name; rows without a value stay last either way."""
    if not sort:
        return list(rows)
    if sort == "name":

        def key(row: Row) -> Any:
            return fold(row.name)
    elif sort in ("points", "rank"):

        def key(row: Row) -> Any:
            return getattr(row, sort)
    else:

        def key(row: Row) -> Any:
            cell = row.cells.get(sort)
            return None if cell is None else cell.value

    present = sorted((r for r in rows if key(r) is not None), key=key, reverse=direction == "desc")
    return present + [r for r in rows if key(r) is None]


def formatter(column: Column) -> Callable[[Any], str]:
    """A chart's value formatter: the value as the grid writes it."""
    return lambda value: format_value(value, column)


# --- the page ---------------------------------------------------------------------------------------


class ScorecardPage(PermissionMixin, View):
    """A read-only scorecard page for every signed-in user, scoped by the permission module."""

    template_name = ""

    @property
    def title(self) -> str:  # each page names itself (a property: translated when the page is shown)
        return ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = request.GET.get("period", "").strip()
        context: dict[str, Any] = {"title": self.title, "period_code": code}
        try:
            span = span_of(request)
            context.update(period_code=span.code, span=span)
            context.update(self.build_context(span, **kwargs))
            status = 200
        except PageError as exc:
            context["error"], status = exc.message, exc.status
        try:
            context["period_groups"] = period_options(context["period_code"])
        except ValueError:
            context["period_groups"] = period_options()
        return render(request, self.template_name, context, status=status)

    def build_context(self, span: PeriodSpan, **kwargs: Any) -> dict[str, Any]:
        raise NotImplementedError
