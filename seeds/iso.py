"""ISO 9001 figures of the Q1-2020 province report, as the article publishes them.

The article says 72 units apply ISO 9001 but names none of them, so the register stays empty and the
province's figure is typed (the section's "typed when the register is empty" case); no adoption is
invented. The other figures (on 2015, transitioning, announced this quarter) are not published: None,
not reported — which is not 0.
"""

from __future__ import annotations

from cchc.models import Report
from iso import services
from iso.models import IsoFigures


def q1_2020_province_values() -> dict:
    return {"units_applying": 72}


def save_q1_2020(report: Report) -> IsoFigures:
    """Write the province's Q1-2020 ISO figures; call inside the report's update (cchc.services.report_update)."""
    return services.iso_figures_save(report=report, values=q1_2020_province_values())
