"""The module-size gate (tools/module_size.py, run by `make test`): what it counts and what it exempts."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "module_size", Path(__file__).resolve().parent.parent / "tools" / "module_size.py"
)
module_size = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(module_size)


def _write(root: Path, relative: str, lines: int) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = 1\n" * lines, encoding="utf-8")


def test_it_flags_a_production_module_above_the_limit(tmp_path):
    _write(tmp_path, "app/big.py", 401)
    _write(tmp_path, "app/pkg/deep.py", 500)
    _write(tmp_path, "app/fits.py", 400)
    found = dict(module_size.too_long(tmp_path, 400))
    assert found == {Path("app/big.py"): 401, Path("app/pkg/deep.py"): 500}


def test_it_exempts_tests_migrations_and_what_is_not_source(tmp_path):
    for relative in (
        "app/tests/test_long.py",
        "tests/browser/test_long.py",
        "app/migrations/0001_initial.py",
        "conftest.py",
        ".venv/lib/site.py",
        "app/__pycache__/x.py",
        "pkg.egg-info/x.py",
    ):
        _write(tmp_path, relative, 900)
    assert module_size.too_long(tmp_path, 400) == []


def test_the_limit_is_four_hundred_lines():
    assert module_size.LIMIT == 400
