"""One policy for the arithmetic checks of every report section (docs/decisions.md, "One policy for checks").

Every check a section runs on its saved figures is a `CheckResult` of one of two kinds:

- `ERROR`: impossible (a negative count, a part larger than its whole, not a number). Such values never
  reach the database: the forms and the database constraints refuse them at save, even for a draft. A
  section returns an ERROR result only for what slipped past them (e.g. rows written by an import).
- `RECONCILE`: an identity that must hold before submitting (received = resolved + pending + returned /
  withdrawn + other; parts of a split vs their total; carry-over vs last quarter's pending). The draft
  always saves and the page shows the message; submission is refused until the figures reconcile, or,
  when the check is `explainable`, until the clerk has written an explanation for it.

Explanations are stored per report and check `code` (`cchc.models.CheckExplanation`); the code is stable
across saves (it names the rule and the row, never a database id), so an explanation stays with its
figure until the figure reconciles. Messages that are not arithmetic (a register disagreeing with a
typed figure, an empty narrative) stay the sections' `warnings`: shown, never blocking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckKind(models.TextChoices):
    ERROR = "error", _("Lỗi: số liệu không thể có")
    RECONCILE = "reconcile", _("Phải khớp trước khi gửi")


@dataclass(frozen=True)
class CheckResult:
    """One failed check: a stable `code`, its kind, a Vietnamese message naming the field, and whether an
    explanation may stand in for reconciling (`explainable`). `explanation` is the stored one, if any."""

    code: str
    kind: CheckKind
    message: str
    explainable: bool = False
    explanation: str = ""

    @property
    def blocks_submission(self) -> bool:
        if self.kind == CheckKind.ERROR:
            return True
        return not (self.explainable and self.explanation.strip())


def error(code: str, message: str) -> CheckResult:
    return CheckResult(code=code, kind=CheckKind.ERROR, message=str(message))


def reconcile(code: str, message: str, *, explainable: bool = False) -> CheckResult:
    return CheckResult(code=code, kind=CheckKind.RECONCILE, message=str(message), explainable=explainable)


def with_explanations(results: Iterable[CheckResult], explanations: dict[str, str]) -> list[CheckResult]:
    """The results with their stored explanations filled in (only explainable checks take one)."""
    out = []
    for result in results:
        text = explanations.get(result.code, "") if result.explainable else ""
        out.append(
            CheckResult(
                code=result.code,
                kind=result.kind,
                message=result.message,
                explainable=result.explainable,
                explanation=text,
            )
        )
    return out
