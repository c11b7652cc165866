"""The approval lock as database triggers on every report-part table (see cchc/lockdb.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from cchc import lockdb

    lockdb.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from cchc import lockdb

    lockdb.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("cchc", "0004_period_is_history"),
        ("iso", "0001_initial"),
        ("outreach", "0001_initial"),
        ("personnel", "0001_initial"),
        ("procedures", "0003_dossierrecord_history"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
