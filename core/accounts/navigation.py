"""The site's navigation: the pages each signed-in user may open, by role."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.accounts.roles import Role, has_role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    role: str | None  # None: any signed-in user


def _nav_items() -> list[NavItem]:
    return [
        NavItem(_("Crop prices"), reverse("crops:home"), Role.FARMER),
        NavItem(_("Drawing checks"), reverse("compliance:home"), Role.ENGINEER),
        NavItem(_("Lessons"), reverse("courseware:home"), Role.TEACHER),
        NavItem(_("Ask"), reverse("ask"), None),
        NavItem(_("Corpora"), reverse("corpora:list"), Role.CORPUS_ADMIN),
    ]


def nav_for(user) -> list[NavItem]:
    """The nav shows only what the user may open."""
    if not user.is_authenticated:
        return []
    return [item for item in _nav_items() if item.role is None or has_role(user, item.role)]
