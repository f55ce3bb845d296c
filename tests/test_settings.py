"""Settings come from the environment; production refuses to start insecurely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT"}}
    clean.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="shop.example.com",
        DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:////tmp/qhjs-deploy-check.sqlite3"),
        # Production takes payments: without these keys check --deploy reports payments.E003.
        STRIPE_SECRET_KEY="sk_live_test_only_not_a_real_key",
        STRIPE_PUBLISHABLE_KEY="pk_live_test_only_not_a_real_key",
        STRIPE_WEBHOOK_SECRET="whsec_test_only_not_a_real_secret",
    )
    assert result.returncode == 0, result.stdout + result.stderr
