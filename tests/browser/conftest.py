"""End-to-end tests: a real server process on its own database, driven by Debian's Chromium.

The server is started once per session (migrate + seed_demo + runserver), like `make run`,
so browser tests never share or flush the unit tests' database.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database_url(workdir: Path) -> str:
    """A database of its own: PostgreSQL when the suite runs on it, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        base, _, name = url.rpartition("/")
        e2e_name = f"{name.split('?')[0]}_e2e"
        admin = f"{base}/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{e2e_name}" WITH (FORCE)', f'CREATE DATABASE "{e2e_name}"'):
            subprocess.run([sys.executable, "-c", _PSQL, admin, sql], check=True, cwd=ROOT)
        return f"{base}/{e2e_name}"
    return f"sqlite:///{workdir / 'e2e.sqlite3'}"


_PSQL = "import sys, psycopg; c = psycopg.connect(sys.argv[1], autocommit=True); c.execute(sys.argv[2])"


@pytest.fixture(scope="session")
def e2e_server():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)")
    workdir = Path(tempfile.mkdtemp(prefix="qhjs-e2e-"))
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "STRIPE_SECRET_KEY"}},
        "DEBUG": "true",
        "DATABASE_URL": _e2e_database_url(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE_DIR": str(workdir / "pagecache"),  # the anonymous page cache, this server's own
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "consolemail://",
        # runserver answers each request on a new thread, so persistent connections are never
        # reused, only left open: at 60 s the suite's browser tests exhausted PostgreSQL's 100.
        "CONN_MAX_AGE": "0",
    }
    env.pop("REDIS_URL", None)  # the server keeps its cache in-process
    manage = [sys.executable, "manage.py"]
    log = open(workdir / "server.log", "w")  # noqa: SIM115 — closed at teardown
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, stdout=log, stderr=log)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, stdout=log, stderr=log)
    server = subprocess.Popen([*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=log)
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        raise RuntimeError(f"e2e server did not start; see {workdir / 'server.log'}")
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def browser():
    """Chromium for one test. Not session-wide: Playwright's sync API runs an event loop on
    this thread while it is open, and Django refuses database calls from a thread with a
    running loop, which would break every non-browser test that runs afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, e2e_server):
    """A phone-sized page (Guangzhou shoppers are on phones) with the server's base URL."""
    context = browser.new_context(base_url=e2e_server, viewport={"width": 390, "height": 844}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def log_in(page, email: str, password: str = "qianhuo-demo-2026") -> None:
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def watch_policy(page) -> list[str]:
    """Collects what the browser refused under the Content-Security-Policy, and uncaught script errors."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems
