"""Fixtures of the outreach tests: the register's two outlets."""

import pytest

from outreach import services
from outreach.choices import OutletKind

from .builders import NEWSPAPER, RADIO_TV


@pytest.fixture
def outlets(db):
    return {
        "newspaper": services.outlet_upsert(name=NEWSPAPER, kind=OutletKind.NEWSPAPER),
        "radio": services.outlet_upsert(name=RADIO_TV, kind=OutletKind.RADIO_TV),
    }
