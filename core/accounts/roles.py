"""Roles are Django groups. Public API for every app:

- ``Role``: the four role names.
- ``has_role(user, role)`` / ``is_admin(user)``: checks for code.
- ``role_required(*roles)``: view decorator; anonymous users go to the login
  page, signed-in users without the role get 403. Admins (corpus admins and
  Django staff) pass every role check.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FARMER = "farmer", _("Farmer")
    TEACHER = "teacher", _("Teacher")
    ENGINEER = "engineer", _("Engineer")
    CORPUS_ADMIN = "corpus_admin", _("Corpus admin")


def role_label(name: str) -> str:
    """A group's name as people read it: a role's label in the active language
    ("किसान" for "farmer"); any other group keeps its own name."""
    return str(Role(name).label) if name in Role.values else name


def role_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_openkitchen_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._openkitchen_roles = cached
    return cached


def is_admin(user) -> bool:
    return user.is_authenticated and (
        user.is_staff or user.is_superuser or Role.CORPUS_ADMIN in role_names(user)
    )


def has_role(user, role: str) -> bool:
    return is_admin(user) or role in role_names(user)


def role_required(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(has_role(request.user, role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
