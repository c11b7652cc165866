"""`flush` that empties report parts too: the approval-lock triggers stand aside while the database is emptied.

On SQLite, flush deletes row by row and the triggers would refuse the figures of approved reports (on
PostgreSQL it truncates, which row triggers do not see). Emptying the whole database is an operator's
act, not an edit of a report; test runs (TransactionTestCase) flush between tests the same way.
"""

from django.core.management.commands.flush import Command as DjangoFlush

from cchc import lockdb


class Command(DjangoFlush):
    def handle(self, **options):
        with lockdb.override(options["database"]):
            return super().handle(**options)
