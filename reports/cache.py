"""Scorecards served from Django's cache while their inputs have not changed.

A scorecard is a pure function of its inputs: reports and their parts, targets, legends, the rubric,
indicator and figure definitions, units and mergers, periods. Every write to one of them bumps a **data
version** kept in the cache (`cchc.dataversion`, hooked to the models' post_save/post_delete in
`reports/signals.py` and to the report parts' bulk paths); a cached scorecard is keyed by that version,
so a changed input is seen at once by the next request and a stale entry is never read again (it expires).

The cache is LocMem by default (one per process: each gunicorn worker keeps its own copies, all keyed by
the shared version only when the cache itself is shared) and Redis in production (`CACHE_URL` /
`REDIS_URL`, docs/deployment.md), where every worker shares both the entries and the version.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils.translation import get_language

from cchc.dataversion import data_version
from cchc.db_router import replica_reads

TIMEOUT = 60 * 60  # an entry nobody asks for again leaves after an hour


def scorecard_cached(parts: tuple, build):
    """The scorecard for `parts` (everything the build depends on besides the data) from the cache, else
    `build()` stored under the current data version and the user's language (the total row's name and the
    labels are translated when built)."""
    text = repr((data_version(), get_language(), *parts))
    key = "cchc:scorecard:" + hashlib.sha256(text.encode()).hexdigest()
    card = cache.get(key)
    if card is None:
        # A build only reads: on the read replica when one is configured and up to date (cchc/db_router.py;
        # the version above is read first, so the replica has every write it stands for).
        with replica_reads():
            card = build()
        cache.set(key, card, TIMEOUT)
    return card
