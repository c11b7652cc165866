"""Fixtures of the API tests: API clients (with their tokens) and a DRF test client that sends them."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from api.services import api_client_create


@pytest.fixture
def make_token(db):
    """make_token(unit, read=True, push=False, **extra) -> (client, token)."""

    def make(unit, *, read=True, push=False, name=None, **extra):
        name = name or f"Hệ thống {unit.code} {'R' if read else ''}{'P' if push else ''}"
        return api_client_create(name=name, unit=unit, can_read=read, can_push_dossiers=push, **extra)

    return make


@pytest.fixture
def http():
    """A DRF test client; `.with_token(token)` sends `Authorization: Bearer <token>`."""

    class Client(APIClient):
        def with_token(self, token):
            self.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
            return self

    return Client()


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Throttle counters live in the cache, keyed by client id: ids repeat across tests, counts must not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
