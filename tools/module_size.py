"""Fail when a production module is longer than 400 lines (issue 19; run by `make test` and `make lint`).

Tests (any `tests/` folder, `conftest.py`) and migrations are exempt; nothing else is. A module that grows
past the limit becomes a package of smaller modules (docs/architecture.md, "Code health").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LIMIT = 400
ROOT = Path(__file__).resolve().parent.parent
EXEMPT_FOLDERS = {"tests", "migrations"}
# Not the project's source: the virtualenv, build output, caches.
SKIPPED_FOLDERS = {"__pycache__", "build", "dist", "node_modules", "staticfiles", "media", "test-artifacts"}


def production_modules(root: Path = ROOT) -> list[Path]:
    """Every .py file of the project's own source that is neither a test nor a migration."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".")
            and not name.endswith(".egg-info")
            and name not in SKIPPED_FOLDERS | EXEMPT_FOLDERS
        )
        found += [Path(folder, name) for name in sorted(files) if name.endswith(".py") and name != "conftest.py"]
    return found


def too_long(root: Path = ROOT, limit: int = LIMIT) -> list[tuple[Path, int]]:
    """(module, lines) of every production module longer than `limit` lines."""
    out = []
    for path in production_modules(root):
        with path.open(encoding="utf-8") as file:
            lines = sum(1 for _line in file)
        if lines > limit:
            out.append((path.relative_to(root), lines))
    return out


def main() -> int:
    found = too_long()
    for path, lines in found:
        print(f"{path}: {lines} lines (limit {LIMIT}): split it into a package of smaller modules", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
