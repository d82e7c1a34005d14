"""TRANSITIONAL (removed in this change once every app handler takes a RunContext):
the old ``step(run, …)`` helpers, forwarding to the context the engine passes."""

from __future__ import annotations

from core.reasoning.events import Cancelled as RunCancelled
from core.reasoning.events import Stopped as RunStopped

__all__ = ["RunStopped", "RunCancelled", "step", "set_progress", "check_cancelled"]


def step(ctx, kind: str, title: str):
    return ctx.step(kind, title)


def set_progress(ctx, fraction: float, message: str = "") -> None:
    ctx.progress(fraction, message)


def check_cancelled(ctx) -> None:
    ctx.check_cancelled()
