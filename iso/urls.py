"""URLs of iso. Every view has a rule in cchc.permissions (tests/test_permission_matrix.py)."""

urlpatterns: list = []
