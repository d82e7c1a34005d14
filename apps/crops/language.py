"""The language picker remembered per person on the farmer's pages.

Django's picker (``set_language``) keeps the choice in a cookie, which a new
phone or browser does not have. On each farmer page: a language cookie is the
person's choice and is stored on them; without one, their stored choice is
used and the cookie set again. A browser asking for a language we do not have
gets English (the middleware's fallback) with the picker in the footer.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.utils import translation


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def remembered_language(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from apps.crops.models import LanguageChoice

        user = request.user
        if not user.is_authenticated:
            return view(request, *args, **kwargs)
        picked = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        stored = LanguageChoice.objects.filter(user=user).values_list("language", flat=True)
        stored = _supported(next(iter(stored), None))
        if picked:
            if picked != stored:
                LanguageChoice.objects.update_or_create(user=user, defaults={"language": picked})
            return view(request, *args, **kwargs)
        if not stored:
            return view(request, *args, **kwargs)
        translation.activate(stored)
        request.LANGUAGE_CODE = stored
        response = view(request, *args, **kwargs)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            stored,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response

    return wrapper
