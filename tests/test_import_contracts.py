"""The import-linter contract "reports reaches the domain apps only through their figures and indicators"
lists the apps' modules it forbids one by one (import-linter cannot say "all but"); a module added to an app
must be added to that list, or `reports` could import it unchecked. `make test` runs the contracts themselves.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("procedures", "personnel", "iso", "outreach")
DOORS = {"__init__", "figures", "indicators"}  # what reports may import of an app


def contract(name: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["name"] == name)


def app_modules(app: str) -> set[str]:
    """Every top-level module and package of an app (a package has an __init__.py)."""
    found = set()
    for path in (ROOT / app).iterdir():
        if path.suffix == ".py":
            found.add(path.stem)
        elif path.is_dir() and (path / "__init__.py").exists():
            found.add(path.name)
    return {f"{app}.{name}" for name in found - DOORS}


def test_the_reports_contract_forbids_every_module_of_the_apps_but_their_figures_and_indicators():
    forbidden = set(
        contract("Reports reaches the domain apps only through their figures and indicators modules")[
            "forbidden_modules"
        ]
    )
    expected = set().union(*(app_modules(app) for app in APPS))
    assert expected - forbidden == set(), "modules reports could import unchecked"
    assert forbidden - expected == set(), "modules listed that do not exist (import-linter refuses them)"
    assert not any(m.endswith((".figures", ".indicators")) for m in forbidden)


def test_the_reports_contract_ignores_only_its_tests():
    reports = contract("Reports reaches the domain apps only through their figures and indicators modules")
    assert all(rule.startswith("reports.tests.") for rule in reports.get("ignore_imports", []))
    assert reports["allow_indirect_imports"] is True  # a figure module reads its own app's models
