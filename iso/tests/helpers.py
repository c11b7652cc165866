"""Helpers of the iso tests: register rows written through the services, back-dated into Q1-2020."""

import datetime as dt

from django.utils import timezone

from cchc import services as cchc_services
from cchc.choices import UnitKind
from iso import services
from iso.choices import IsoStandard, IsoStatus

SCOPE = "Các thủ tục hành chính thuộc thẩm quyền giải quyết của đơn vị"


def at(year, month, day, hour=9) -> dt.datetime:
    """An aware moment in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(dt.datetime(year, month, day, hour))


# Inside Q1-2020 (the shared `period` fixture): the register as it stood then.
IN_Q1 = at(2020, 2, 1)


def adopt(unit, *, status=IsoStatus.APPLIED, standard=IsoStandard.ISO_9001_2015, when=IN_Q1, **fields):
    """A register row for `unit`, recorded at `when` (the history date the as-of reading sees)."""
    if status == IsoStatus.ANNOUNCED:
        fields.setdefault("announcement_number", "125/QĐ-SNV")
        fields.setdefault("announced_on", dt.date(2019, 11, 5))
    return services.adoption_upsert(unit=unit, standard=standard, scope=SCOPE, status=status, at=when, **fields)


def child_unit(parent, code: str, name: str, kind=UnitKind.PUBLIC_SERVICE_UNIT, **extra):
    return cchc_services.unit_upsert(code=code, name=name, kind=kind, parent=parent, **extra)
