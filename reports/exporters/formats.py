"""The formatter registry: one entry per file format the report is downloaded, published or exported in.

A table format ("xlsx", "csv") lays out `ExportData` (reports.exporters.data) to a binary stream; a document
format ("docx") writes the narrative report of a scope. Callers (the download view, the background job, the
`export_report` command, publishing) pick a format by name here, never by if/elif.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from ..periods import PeriodSpan
from ..scope import Scope
from . import docx
from .annex import tr
from .csv import write_csv
from .data import ExportData, export_data
from .xlsx import write_xlsx

if TYPE_CHECKING:
    from ..selectors import User


class ExportError(Exception):
    """The export cannot be made as asked (an unknown format); the message says why."""


@dataclass(frozen=True)
class Formatter:
    """A file format: its content type, and either a writer of ExportData (`table`) or of a scope (`document`)."""

    content_type: str
    table: Callable[[ExportData, BinaryIO], None] | None = None
    document: Callable[[PeriodSpan, Scope, User | None], bytes] | None = None


FORMATTERS: dict[str, Formatter] = {
    "xlsx": Formatter("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", table=write_xlsx),
    "csv": Formatter("text/csv; charset=utf-8", table=write_csv),
    "docx": Formatter(docx.CONTENT_TYPE, document=docx.scope_docx),
}
FORMATS = tuple(FORMATTERS)
CONTENT_TYPES = {fmt: formatter.content_type for fmt, formatter in FORMATTERS.items()}


def _unsupported(fmt: str) -> ExportError:
    return ExportError(
        tr(
            "Định dạng “%(fmt)s” không hỗ trợ: dùng xlsx, csv hoặc docx.",
            "Format “%(fmt)s” is not supported: use xlsx, csv or docx.",
        )
        % {"fmt": fmt}
    )


def write(data: ExportData, fmt: str, stream: BinaryIO) -> None:
    """Write the table file of format `fmt` ("xlsx" or "csv") to a binary stream."""
    formatter = FORMATTERS.get(fmt)
    if formatter is None or formatter.table is None:
        raise _unsupported(fmt)
    formatter.table(data, stream)


def render(data: ExportData, fmt: str) -> bytes:
    """The bytes of the table file of format `fmt`."""
    stream = io.BytesIO()
    write(data, fmt, stream)
    return stream.getvalue()


def export_file(fmt: str, *, span: PeriodSpan, scope: Scope, user: User | None, kind: str = "") -> bytes:
    """The file of format `fmt` for the scope, as `user` sees it: a table format from `export_data`, the
    Word report from the narrative."""
    formatter = FORMATTERS.get(fmt)
    if formatter is None:
        raise _unsupported(fmt)
    if formatter.document is not None:
        return formatter.document(span, scope, user)
    return render(export_data(span=span, scope=scope, user=user, kind=kind), fmt)
