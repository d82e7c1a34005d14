"""What every bench script shares: the repository on the path, a log to stderr
(the last stdout line is each script's JSON), and Django on a throw-away folder."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def logger(name: str) -> Callable[[str], None]:
    """``log(message)``: one stamped line on stderr."""

    def log(message: str) -> None:
        print(f"[{name} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    return log


def setup_django(var_dir: str, *, migrate: bool = False, **env: str) -> None:
    """Django on ``var_dir`` (database, vectors, index); ``env``: more OPENKITCHEN_
    settings (``CELERY_EAGER="true"``); ``migrate``: create the tables."""
    os.environ["OPENKITCHEN_VAR_DIR"] = var_dir
    for key, value in env.items():
        os.environ[f"OPENKITCHEN_{key}"] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
