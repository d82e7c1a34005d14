"""Strict environment parsing for settings.

Every variable carries the ``OPENKITCHEN_`` prefix. A value that cannot be
parsed is an error, never a silent default: ``DEBUG=ture`` stops start-up.
Secrets may also come from a file named by ``<NAME>_FILE`` (Docker secrets).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

PREFIX = "OPENKITCHEN_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None):
        self.environ = os.environ if environ is None else environ

    def _raw(self, name: str) -> str | None:
        key = PREFIX + name
        file_key = key + "_FILE"
        if key in self.environ and file_key in self.environ:
            raise ImproperlyConfigured(f"Set {key} or {file_key}, not both.")
        if file_key in self.environ:
            path = self.environ[file_key]
            try:
                with open(path, encoding="utf-8") as fh:
                    return fh.read().strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{file_key}: cannot read {path}: {exc}") from exc
        value = self.environ.get(key)
        return None if value is None or value == "" else value

    def is_set(self, name: str) -> bool:
        return self._raw(name) is not None

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self._raw(name)
        return default if value is None else value

    def bool(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{PREFIX}{name}={value!r} is not a boolean; use one of {sorted(_TRUE | _FALSE)}."
        )

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self._raw(name)
        if value is None:
            return default
        try:
            number = int(value.strip().replace("_", ""))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} is not an integer.") from exc
        if minimum is not None and number < minimum:
            raise ImproperlyConfigured(f"{PREFIX}{name}={number} must be at least {minimum}.")
        return number

    def float(self, name: str, default: float) -> float:
        value = self._raw(name)
        if value is None:
            return default
        try:
            return float(value)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r} is not a number.") from exc

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        value = self._raw(name)
        if value is None:
            return list(default or [])
        return [item.strip() for item in value.split(",") if item.strip()]

    def mapping(self, name: str, default: dict[str, str] | None = None) -> dict[str, str]:
        """``key=value,key=value``."""
        value = self._raw(name)
        if value is None:
            return dict(default or {})
        pairs = [item.strip() for item in value.split(",") if item.strip()]
        if not all("=" in pair for pair in pairs):
            raise ImproperlyConfigured(f"{PREFIX}{name}={value!r}: expected key=value,key=value.")
        return dict(pair.split("=", 1) for pair in pairs)

    def choice(self, name: str, default: str, choices: set[str]) -> str:
        value = self.str(name, default)
        if value not in choices:
            raise ImproperlyConfigured(
                f"{PREFIX}{name}={value!r}: expected one of {sorted(choices)}."
            )
        return value
