"""Real Celery worker processes for tests: one command line, one clean environment."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from tests.conftest import REPO_ROOT


def worker_env(var_dir, **overrides: str) -> dict[str, str]:
    """This environment without any OPENKITCHEN_* of the caller, over ``var_dir``
    (its broker folder is the one this process sends to)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_")}
    env.update(DJANGO_SETTINGS_MODULE="core.settings", OPENKITCHEN_VAR_DIR=str(var_dir))
    env.update(overrides)
    return env


def celery_worker_args(
    name: str, *, pool: str = "solo", loglevel: str = "WARNING", extra: tuple[str, ...] = ()
) -> list[str]:
    """Arguments after ``python -m`` for a worker named ``<name><random>@<host>``."""
    return [
        "celery",
        "-A",
        "core",
        "worker",
        "--pool",
        pool,
        *extra,
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        loglevel,
        "-n",
        f"{name}{uuid.uuid4().hex[:6]}@%h",
    ]


def spawn_worker(name: str, env: dict[str, str], **options) -> subprocess.Popen:
    """A worker started from the repository root in its own session (so a test can
    signal its whole process group), its output captured as text."""
    return subprocess.Popen(
        [sys.executable, "-m", *celery_worker_args(name, **options)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
