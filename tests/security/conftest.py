import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The cast is made for every test here; PBKDF2's deliberate slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
