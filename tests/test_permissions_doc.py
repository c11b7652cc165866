"""docs/permissions.md lists every action the permission module knows (issue 19: it listed fewer)."""

import re
from pathlib import Path

from cchc.permissions import RULES

DOC = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"


def test_every_action_of_the_permission_module_is_in_the_table():
    table = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    documented = {name for line in table for name in re.findall(r"`([a-z_]+\.[a-z_]+)`", line.split("|")[1])}
    assert sorted(set(RULES) - documented) == []
    assert sorted(documented - set(RULES)) == []
