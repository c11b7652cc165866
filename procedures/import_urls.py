"""URLs of the dossier-record import (kept apart from the lists so the two can grow independently)."""

urlpatterns: list = []
