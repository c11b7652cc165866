"""The scorecard screens, one module per job: the province overview (`overview`), the scorecard grid (`grid`),
the unit page (`unit`), the charts they show (`charts`), the grid's data-quality marks (`quality`) and the
download of the report (`export`); `base` holds what they share (a request's period and scope, the page frame,
sorting).

Views only lay out what `reports.builder.scorecard_build` computes (through `reports.scope.scope_scorecard` and
the cache) and ask `cchc.permissions`, through `reports.scope`, which units the user may see (managers and
viewers their subtree, clerks their own units, admins everything); every page is read-only. Query counts do not
grow with the units shown: the builder is constant, and the views add a fixed number of queries (scope,
drill-down links, the period list, submission summaries) read through `reports.selectors`.
"""

from ..scope import PageError, Scope
from .base import ScorecardPage, scope_of, span_of
from .export import ScorecardDownloadView
from .grid import ScorecardGridView
from .overview import ScorecardOverviewView
from .unit import ScorecardUnitView

__all__ = [
    "PageError",
    "Scope",
    "ScorecardDownloadView",
    "ScorecardGridView",
    "ScorecardOverviewView",
    "ScorecardPage",
    "ScorecardUnitView",
    "scope_of",
    "span_of",
]
