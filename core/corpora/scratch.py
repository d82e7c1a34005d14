"""A throw-away corpus for evaluation commands and benchmarks: its own
database (on SQLite), Chroma folder, lexical index and media folder, all
under one temporary folder, so a run leaves nothing behind."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.corpora.models import Corpus


@contextmanager
def _settings(**values) -> Iterator[None]:
    old = {key: getattr(settings, key) for key in values}
    for key, value in values.items():
        setattr(settings, key, value)
    try:
        yield
    finally:
        for key, value in old.items():
            setattr(settings, key, value)


@contextmanager
def _scratch_database(folder: Path) -> Iterator[None]:
    if connection.vendor != "sqlite":  # a server database: a throw-away corpus is enough
        yield
        return
    old_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = str(folder / "scratch.sqlite3")
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = old_name


@contextmanager
def scratch_space(folder: Path) -> Iterator[Corpus]:
    from core.retrieval import lexical, vectorstore

    with (
        _settings(
            CHROMA_URL=None,
            CHROMA_PATH=folder / "chroma",
            LEXICAL_INDEX_DIR=folder / "lexical",
            MEDIA_ROOT=folder / "media",
        ),
        _scratch_database(folder),
    ):
        vectorstore.forget_cached_clients()
        lexical.forget_cached_indexes()
        corpus = Corpus.objects.create(name="Evaluation", slug=f"eval-{uuid.uuid4().hex[:12]}")
        try:
            yield corpus
        finally:
            from core.corpora.services import delete_corpus

            if connection.vendor != "sqlite":
                delete_corpus(corpus)
            vectorstore.forget_cached_clients()
            lexical.forget_cached_indexes()


def run_in_scratch_stack(
    command: str, arguments: list[str], *, env: dict[str, str], prefix: str, log
) -> str:
    """Run ``manage.py command arguments`` in a child process over a throw-away
    var folder (its own database, indexes and broker), migrated first, and return
    the last line it printed. ``env`` is added to this environment without its
    OPENKITCHEN_* variables; the child's logs go to standard error."""
    import os
    import shutil
    import subprocess
    import sys
    import tempfile

    from django.core.management.base import CommandError

    temp = Path(tempfile.mkdtemp(prefix=prefix))
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_")}
    child_env.update({"OPENKITCHEN_VAR_DIR": str(temp), **env})
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    try:
        log(
            f"throw-away stack in {temp}; load average {os.getloadavg()[0]:.2f} "
            f"on {os.cpu_count()} CPUs"
        )
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"],
            env=child_env,
            check=True,
            stdout=sys.stderr,
        )
        child = subprocess.run(
            [*manage, command, *arguments], env=child_env, stdout=subprocess.PIPE, text=True
        )
        lines = [line for line in child.stdout.splitlines() if line.strip()]
        if child.returncode != 0 or not lines:
            raise CommandError(
                f"the evaluation failed (exit {child.returncode}); see the log above."
            )
        return lines[-1]
    finally:
        shutil.rmtree(temp, ignore_errors=True)
