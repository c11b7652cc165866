"""The next-period tasks of the narrative as a numbered list: the units' typed tasks, then the open corrective
actions of the scope's published scorecards (`reports.publishing.selectors.corrective_actions_open`).

A typed line that holds several tasks, as the province types them ("Rà soát …; Tổ chức kiểm tra …; Tiếp tục …"),
is split where a new task starts: at "; " followed by a capital letter (a lower-case word after ";" continues the
same task, as the article's "… trả kết quả; nâng cao chất lượng …" does). Other units' tasks start with their name.
"""

from __future__ import annotations

import re

from cchc.models import Unit

from ..periods import PeriodSpan
from ..publishing.selectors import corrective_actions_open

NEW_TASK = re.compile(r";\s+(?=[A-ZĐÀ-Ỹ])")


def _sentence(text: str) -> str:
    text = text.strip().rstrip(";").strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def split_tasks(text: str) -> list[str]:
    """The tasks of a typed text: one per line, a line split where a new task starts."""
    out: list[str] = []
    for line in text.splitlines():
        out.extend(_sentence(part) for part in NEW_TASK.split(line) if part.strip())
    return out


def _day(day) -> str:
    return day.strftime("%d/%m/%Y")


def action_task(action: dict) -> str:
    """An open corrective action as a task: what to fix, where, who acts and by when."""
    return (
        f"Khắc phục chỉ tiêu “{action['indicator_name']}” tại {action['unit']} "
        f"({action['responsible_unit']} thực hiện, hạn {_day(action['due_date'])}): {_sentence(action['description'])}"
    )


def task_items(texts: list[tuple[Unit, str]], scope: Unit, span: PeriodSpan) -> list[str]:
    """The numbered tasks ("1. …"): the scope's own first, then the other units' (named), then open actions."""
    items = []
    for unit, text in texts:
        tasks = split_tasks(text)
        if unit.pk != scope.pk and tasks:
            tasks = [f"{unit.name}: {tasks[0]}", *tasks[1:]]
        items.extend(tasks)
    items.extend(action_task(action) for action in corrective_actions_open(scope, span))
    return [f"{number}. {item}" for number, item in enumerate(items, start=1)]
