"""`loaddata` for restoring a dump of the portal: history and the approval lock stand aside during the load.

Django's loaddata saves each object raw, but the m2m fields are set afterwards through the related
managers: django-simple-history then writes m2m history rows of its own next to the ones the dump
carries (IntegrityError on a history table), and the approval-lock triggers refuse the figures of
approved reports. Both are switched off for the load only; the dump's own history rows are restored
as they were. The whole load is one transaction. docs/operations.md has the backup procedure.
"""

import logging

from django.core.management.commands.loaddata import Command as DjangoLoadData
from django.db import transaction
from django.test.utils import override_settings

from cchc import lockdb

logger = logging.getLogger("cchc.locks")


class Command(DjangoLoadData):
    help = (
        "Nạp dữ liệu từ tệp dumpdata (khôi phục sao lưu): không ghi thêm lịch sử, không áp khóa phê duyệt "
        "trong lúc nạp; nạp trong một giao dịch."
    )

    def handle(self, *fixture_labels, **options):
        using = options["database"]
        logger.warning("loaddata %s: history and the approval lock are off during the load", " ".join(fixture_labels))
        with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic(using=using), lockdb.override(using):
            return super().handle(*fixture_labels, **options)
