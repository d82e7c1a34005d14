"""A wrong OPENKITCHEN_DATABASE_URL stops start-up with one sentence naming it."""

import socket
import subprocess
import sys

from core.startup import redacted
from tests.conftest import REPO_ROOT
from tests.workers import worker_env


def manage(tmp_path, url: str, *args: str) -> subprocess.CompletedProcess:
    env = worker_env(tmp_path, OPENKITCHEN_DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_url_that_is_not_a_database_url_names_the_setting(tmp_path):
    done = manage(tmp_path, "postgress://app:s3cret@db:5432/openkitchen", "migrate")
    assert done.returncode != 0
    assert "OPENKITCHEN_DATABASE_URL" in done.stderr and "postgres://" in done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "s3cret" not in done.stderr, "the password is hidden"


def test_a_database_that_cannot_be_reached_says_so_without_a_traceback(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = manage(tmp_path, f"postgres://app:s3cret@127.0.0.1:{port}/openkitchen", "migrate")
    assert done.returncode != 0
    assert "cannot be reached" in done.stderr and "OPENKITCHEN_DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "s3cret" not in done.stderr


def test_redacted_hides_only_the_password():
    assert redacted("postgres://u:p@h:5/db") == "postgres://u:***@h:5/db"
    assert redacted("postgres://h/db") == "postgres://h/db"
