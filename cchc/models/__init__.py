"""The shared schema: units, periods, reports, memberships, and the base classes other apps reuse.

One module per subject, every name re-exported here (`from cchc.models import Unit` is the import to use):
`base` (TimeStampedModel), `units` (Unit), `periods` (Period, ROMAN), `reports` (Report, ReportPart),
`memberships` (Membership), `catalogue` (FigureDefinition, FigureValue), `explanations` (CheckExplanation);
the plausibility ranges live in `cchc/plausibility/models.py`.
"""

# In the order the single module declared them: the app's model order (dumpdata, the admin's lists) is unchanged.
# isort: off
from .base import TimeStampedModel
from .units import Unit
from .periods import ROMAN, Period, quarter_of_month
from .monthly import MonthlySection
from .reports import Report, ReportPart
from .memberships import Membership
from .catalogue import FigureDefinition, FigureValue
from .explanations import CheckExplanation

# isort: on

__all__ = [
    "ROMAN",
    "quarter_of_month",
    "CheckExplanation",
    "FigureDefinition",
    "FigureValue",
    "Membership",
    "MonthlySection",
    "Period",
    "PlausibilityRange",
    "Report",
    "ReportPart",
    "TimeStampedModel",
    "Unit",
]

from ..plausibility.models import PlausibilityRange  # noqa: E402  (registered with the cchc app)
