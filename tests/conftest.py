"""The cast every test can use, and where the shared real data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with a clear reason."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (CI always has it)")
    return path


@pytest.fixture
def cast(db):
    """One user per role, plus a staff user and a user with no role."""
    from django.contrib.auth import get_user_model

    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role

    users = {
        "farmer": create_user_with_role("farmer", "pw-farmer-1", Role.FARMER),
        "teacher": create_user_with_role("teacher", "pw-teacher-1", Role.TEACHER),
        "engineer": create_user_with_role("engineer", "pw-engineer-1", Role.ENGINEER),
        "corpusadmin": create_user_with_role("corpusadmin", "pw-admin-1", Role.CORPUS_ADMIN),
    }
    users["staff"] = get_user_model().objects.create_user(
        "staff", password="pw-staff-1", is_staff=True
    )
    users["norole"] = get_user_model().objects.create_user("norole", password="pw-norole-1")
    return users


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request may leave its reader's language active in the thread (the crops
    pages activate a farmer's stored language); the next test starts in English."""
    yield
    from django.utils import translation

    translation.deactivate()
