import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The cast's six users otherwise cost seconds of PBKDF2 per test on this machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
