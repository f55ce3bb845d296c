"""Dependency audit for `make test`: pip-audit against the vulnerability database, or "skipped: why".

pip-audit exits 0 when it cannot reach its database — it marks every package "could not be
audited" — so its exit code alone would be a silent pass on a machine without network. Here:

* the database is probed first; unreachable → ``dependency audit: skipped: <reason>`` (exit 0:
  no network is not a failure of the build, but it is said, never passed off as clean);
* otherwise the installed packages are audited; any known vulnerability → exit 1 with the list;
* if every package comes back unaudited (the database went away mid-run) → skipped, with why.

Usage: python scripts/audit_dependencies.py [--service pypi|osv]
"""

import argparse
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

PROBES = {"pypi": "https://pypi.org/pypi/pip/json", "osv": "https://api.osv.dev/v1/query"}


def skipped(reason: str) -> int:
    print(f"dependency audit: skipped: {reason}")
    return 0


def probe(service: str, timeout: float = 5.0) -> str | None:
    """None when the vulnerability database answers, else the reason it does not."""
    url = PROBES[service]
    try:
        request = urllib.request.Request(url, method="GET" if service == "pypi" else "POST", data=None if service == "pypi" else b"{}")
        urllib.request.urlopen(request, timeout=timeout).close()
    except urllib.error.HTTPError:
        return None  # it answered (an error status still means the service is reachable)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        return f"{url} unreachable ({getattr(error, 'reason', error)})"
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--service", choices=sorted(PROBES), default="pypi")
    args = parser.parse_args()
    reason = probe(args.service)
    if reason:
        return skipped(reason)
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--local", "-f", "json", "--progress-spinner", "off", "-s", args.service]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        print(result.stderr.strip()[-2000:], file=sys.stderr)
        return skipped(f"pip-audit gave no report (exit {result.returncode})")
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if dependencies and not audited:
        return skipped(f"no package could be audited ({dependencies[0]['skip_reason']})")
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixed})")
    unaudited = [d["name"] for d in dependencies if "skip_reason" in d]
    print(
        f"dependency audit: {len(audited)} packages audited against {args.service}, "
        f"{len(vulnerable)} vulnerable" + (f"; not on the index: {', '.join(unaudited)}" if unaudited else "")
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
