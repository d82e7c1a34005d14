from core.bundled import active_model_name

# active_model_name stays importable from here: apps/courseware/forms.py imports it.
__all__ = ["active_model_name", "site"]


def site(request):
    from core.accounts.navigation import nav_for

    return {
        "active_model_name": active_model_name(),
        "nav_items": nav_for(request.user) if hasattr(request, "user") else [],
    }
