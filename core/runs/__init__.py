"""The one job engine and recorder. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "Run": "core.runs.models",
    "RunStep": "core.runs.models",
    "run_kind": "core.runs.registry",
    "RunContext": "core.runs.context",
    "Outcome": "core.runs.context",
    "start_run": "core.runs.services",
    "run_inline": "core.runs.services",
    "execute_run": "core.runs.services",
    "cancel_run": "core.runs.services",
    "reap": "core.runs.services",
    "RunRateLimited": "core.runs.services",
    "get_run_for_user": "core.runs.selectors",
    "add_words": "core.runs.step_words",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)
