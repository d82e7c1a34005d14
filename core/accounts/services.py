from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def create_user_with_role(username: str, password: str, role: str, **fields):
    """Create (or update) a user with exactly one role group."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username, defaults=fields)
    user.set_password(password)
    for key, value in fields.items():
        setattr(user, key, value)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    return user
