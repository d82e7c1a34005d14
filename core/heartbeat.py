"""A sign of life for long jobs, so a live job is not mistaken for one whose worker died."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

log = logging.getLogger(__name__)


def stale_cutoff() -> datetime:
    """A job whose last beat is older than this has lost its worker."""
    return timezone.now() - timedelta(seconds=settings.RUN_STALE_AFTER_S)


class Heartbeat:
    """While the ``with`` block runs, a daemon thread calls ``beat`` (one small UPDATE)
    every RUN_HEARTBEAT_S seconds on its own database connection."""

    def __init__(self, beat: Callable[[], object], name: str = "heartbeat"):
        self.beat, self.interval_s, self.name = beat, settings.RUN_HEARTBEAT_S, name
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self):
        # Inside a test transaction another connection would wait on its lock.
        if not connection.in_atomic_block:
            self.thread = threading.Thread(target=self._run, daemon=True, name=self.name)
            self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _run(self):
        try:
            while not self.stop.wait(self.interval_s):
                try:
                    self.beat()
                except Exception:  # a locked or lost database: never the job's failure
                    log.warning("%s missed a beat", self.name, exc_info=True)
                    close_old_connections()  # reconnects next time if this one broke
        finally:
            connection.close()
