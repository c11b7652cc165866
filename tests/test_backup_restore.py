"""Backups restore (issue 16, defect 7): a dump of the seeded portal loaded into an emptied database gives back
the 2020-Q1 workbook cell for cell, the narrative report word for word, and the history row for row.

The dump is taken as docs/operations.md says (`dumpdata --natural-foreign --natural-primary` without content
types, permissions and sessions); the database is then emptied (`flush`: the schema of a fresh database, its
content types and permissions re-created by migrate's signals) and the dump loaded with the portal's `loaddata`.
"""

import datetime as dt
import re

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command
from docx import Document

from cchc import lockdb
from cchc.choices import ReportStatus
from cchc.models import Report

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


STAMP = re.compile(r"(Lập lúc|lập lúc) \d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def unstamped(value):
    """A cell or paragraph without the moment of the export, the one thing that differs between two exports."""
    return STAMP.sub(r"\1 …", value) if isinstance(value, str) else value


def workbook_cells(path) -> dict:
    """Every filled cell; the export's own time (a datetime of today on the information sheet) left out."""
    book = openpyxl.load_workbook(path)
    today = dt.date.today()
    return {
        (sheet.title, cell.coordinate): unstamped(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and not (isinstance(cell.value, dt.datetime) and cell.value.date() >= today)
    }


def narrative_text(path) -> list[str]:
    document = Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [unstamped(p.text) for p in document.paragraphs if p.text.strip()] + [unstamped(c) for c in cells]


def exported(tmp_path, tag):
    xlsx, docx = tmp_path / f"{tag}.xlsx", tmp_path / f"{tag}.docx"
    call_command("export_report", "--period", "2020-Q1", "--output", str(xlsx), verbosity=0)
    call_command("export_report", "--period", "2020-Q1", "--output", str(docx), verbosity=0)
    return workbook_cells(xlsx), narrative_text(docx)


def history_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_a_fresh_database_with_the_same_workbook_and_narrative(tmp_path):
    call_command("seed_demo", verbosity=0)
    cells, text = exported(tmp_path, "before")
    history = history_counts()
    approved = Report.objects.filter(status=ReportStatus.APPROVED).count()
    assert approved and len(cells) > 200 and any("Cao Bằng" in t for t in text)

    dump = tmp_path / "cchc.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        *sum([["-e", e] for e in EXCLUDE], []),
        "--output",
        str(dump),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not Report.objects.exists()

    call_command("loaddata", str(dump), verbosity=0)

    assert Report.objects.filter(status=ReportStatus.APPROVED).count() == approved
    assert history_counts() == history
    after_cells, after_text = exported(tmp_path, "after")
    assert after_cells == cells
    assert after_text == text
    # The lock holds again after the load: its triggers are in place and on.
    from django.db import connection

    assert set(lockdb.part_tables()) <= lockdb.installed(connection)
    assert getattr(connection, "cchc_lock_override_depth", 0) == 0
