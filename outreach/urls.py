"""URLs of outreach. Every view has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

urlpatterns: list = []
