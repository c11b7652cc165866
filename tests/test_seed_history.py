"""`seed_demo` run again on unchanged data writes no history (issue 16, defect 14)."""

import pytest
from django.apps import apps
from django.core.management import call_command


def history_counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in apps.get_models()
        if m.__name__.startswith("Historical") and m._meta.app_label != "auth"
    }


@pytest.mark.django_db
def test_seed_twice_writes_no_history_for_unchanged_objects(demo_data):
    before = history_counts()
    assert before["HistoricalLegalBasis"] > 0
    call_command("seed_demo", verbosity=0)
    after = history_counts()
    assert {name: after[name] - n for name, n in before.items() if after[name] != n} == {}
