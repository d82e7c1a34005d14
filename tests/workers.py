"""Real Celery worker processes for tests: one command line, one clean environment."""

from __future__ import annotations

import os
import uuid


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
