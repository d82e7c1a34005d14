"""What a person starting OpenKitchen is told when it cannot start: one sentence
naming the setting, not a traceback (used by ``manage.py``)."""

from __future__ import annotations

from urllib.parse import urlsplit


def redacted(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def start_failure(exc: BaseException) -> str | None:
    """The sentence for an error that stops start-up, or None for any other error."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    if isinstance(exc, ImproperlyConfigured):
        return f"OpenKitchen cannot start: {exc}"
    if isinstance(exc, OperationalError) and getattr(settings, "DATABASE_URL", None):
        reason = (str(exc).strip().splitlines() or ["no reason given"])[0]
        return (
            "OpenKitchen cannot start: the database in OPENKITCHEN_DATABASE_URL "
            f"({redacted(settings.DATABASE_URL)}) cannot be reached: {reason}"
        )
    return None
