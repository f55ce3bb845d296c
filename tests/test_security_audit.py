"""The dependency audit in `make test`: a real result, or "skipped: <reason>" — never a silent pass."""

import importlib.util
import json
import subprocess
from pathlib import Path

from django.conf import settings

spec = importlib.util.spec_from_file_location("audit_dependencies", Path(settings.BASE_DIR) / "scripts" / "audit_dependencies.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def fake_pip_audit(monkeypatch, report: dict) -> None:
    def run(command, **kwargs):
        return subprocess.CompletedProcess(command, 0, stdout=json.dumps(report), stderr="")

    monkeypatch.setattr(audit.subprocess, "run", run)
    monkeypatch.setattr(audit.sys, "argv", ["audit_dependencies.py"])


def test_an_unreachable_database_is_reported_as_skipped_with_the_reason(monkeypatch, capsys):
    monkeypatch.setattr(audit, "probe", lambda service: "https://pypi.org/pypi/pip/json unreachable (no route to host)")
    fake_pip_audit(monkeypatch, {})
    assert audit.main() == 0
    assert capsys.readouterr().out.strip() == "dependency audit: skipped: https://pypi.org/pypi/pip/json unreachable (no route to host)"


def test_nothing_audited_is_skipped_not_passed(monkeypatch, capsys):
    monkeypatch.setattr(audit, "probe", lambda service: None)
    fake_pip_audit(monkeypatch, {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]})
    assert audit.main() == 0
    assert capsys.readouterr().out.startswith("dependency audit: skipped: no package could be audited")


def test_a_known_vulnerability_fails_the_build(monkeypatch, capsys):
    monkeypatch.setattr(audit, "probe", lambda service: None)
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]},
            {"name": "nh3", "version": "0.3.8", "vulns": []},
        ]
    }
    fake_pip_audit(monkeypatch, report)
    assert audit.main() == 1
    out = capsys.readouterr().out
    assert "django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in out and "2 packages audited" in out and "1 vulnerable" in out
