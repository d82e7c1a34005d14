from django.conf import settings


def active_model_name() -> str:
    if settings.LLM_BACKEND == "openai":
        return settings.LLM_MODEL
    return "SmolLM2-135M-Instruct (bundled, in process)"


def site(request):
    from core.accounts.roles import nav_for

    return {
        "active_model_name": active_model_name(),
        "nav_items": nav_for(request.user) if hasattr(request, "user") else [],
    }
