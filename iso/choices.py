"""Vocabularies of ISO 9001 adoption."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IsoStandard(models.TextChoices):
    """The national standard a unit's quality management system follows."""

    ISO_9001_2008 = "9001:2008", _("TCVN ISO 9001:2008")
    ISO_9001_2015 = "9001:2015", _("TCVN ISO 9001:2015")


# The year each standard was published: a system cannot be announced as conforming before it existed.
STANDARD_YEAR = {IsoStandard.ISO_9001_2008: 2008, IsoStandard.ISO_9001_2015: 2015}


class IsoStatus(models.TextChoices):
    """Where a unit's system stands. Transitioning means moving from the 2008 to the 2015 version."""

    BUILDING = "building", _("Đang xây dựng")
    APPLIED = "applied", _("Đang áp dụng")
    ANNOUNCED = "announced", _("Đã công bố phù hợp")
    TRANSITIONING = "transitioning", _("Đang chuyển đổi sang TCVN ISO 9001:2015")
    DISCONTINUED = "discontinued", _("Ngừng áp dụng")


# "Units applying and maintaining ISO 9001": the system runs (announced or not, transitioning or not).
APPLYING_STATUSES = (IsoStatus.APPLIED, IsoStatus.ANNOUNCED, IsoStatus.TRANSITIONING)

# The report section's figures, in the order of the page.
FIGURE_FIELDS = ("units_applying", "units_on_2015", "units_transitioning", "units_announced")
# Each part is counted among the units applying, so it cannot exceed them.
PART_FIELDS = ("units_on_2015", "units_transitioning", "units_announced")
