"""Roles and who may read what. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "Role": "core.accounts.roles",
    "has_role": "core.accounts.roles",
    "is_admin": "core.accounts.roles",
    "role_required": "core.accounts.roles",
    "create_user_with_role": "core.accounts.services",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)
