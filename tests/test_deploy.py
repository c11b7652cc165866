"""Production settings: `check --deploy` is clean with the documented variables; SECRET_KEY is required."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7Jq2m9Lr4vT8pZ1cN6bW3kH5sD0fG7aY2eU9iO4lK8jM1nB6vC3xZ5qR7tP0wS2",
    "ALLOWED_HOSTS": "cchc.example.gov.vn",
}


def run_manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(PRODUCTION_ENV)
    env["SECRET_KEY"] = ""
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_misspelt_boolean_fails_loudly():
    env = dict(PRODUCTION_ENV, DEBUG="maybe")
    result = run_manage("check", env_extra=env)
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr
