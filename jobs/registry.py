"""The kinds of job the portal runs: a label for the pages and the function that does the work.

A handler is `handler(job, ctx) -> Outcome`; it reads `job.input` (and `ctx.input_path`), reports
progress through `ctx.progress(...)` between batches (which raises JobCancelled when the user cancelled),
and raises `JobError` with a Vietnamese message for a failure the user can act on. Handlers live with
their app (procedures/jobs.py, reports/jobs.py) and are imported by dotted path, so this module has no
dependency on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    label: object
    handler: str


KINDS: dict[str, Kind] = {
    "dossiers.preview": Kind(_("Đọc và xem trước tệp hồ sơ"), "procedures.jobs.dossier_preview"),
    "dossiers.import": Kind(_("Nhập hồ sơ một cửa"), "procedures.jobs.dossier_import"),
    "ledgers.recompute": Kind(_("Tính lại sổ theo dõi hồ sơ"), "procedures.jobs.ledgers_recompute"),
    "reports.export": Kind(_("Xuất bảng tổng hợp"), "reports.jobs.workbook_export"),
    "reminders.send": Kind(_("Gửi nhắc hạn báo cáo"), "notifications.jobs.reminders_send"),
    "reports.narrative": Kind(_("Xuất báo cáo tình hình CCHC (.docx)"), "reports.jobs.narrative_export"),
    "seeds.synthetic": Kind(_("Tạo tỉnh mô phỏng"), "seeds.jobs.synthetic_generate"),
    "api.dossiers_push": Kind(_("Nhận lô hồ sơ một cửa qua API"), "api.jobs.dossier_push_job"),
}


def kind_label(kind: str) -> str:
    entry = KINDS.get(kind)
    return str(entry.label) if entry else kind


def handler_of(kind: str):
    try:
        return import_string(KINDS[kind].handler)
    except KeyError:
        raise ValueError(f"Unknown job kind {kind!r}") from None
