"""Settings load in a fresh interpreter per case, as a process would start."""

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps({'debug': settings.DEBUG, 'db': settings.DATABASES['default']['ENGINE'], "
    "'broker': settings.CELERY_BROKER_URL, 'secure': settings.SESSION_COOKIE_SECURE, "
    "'hosts': settings.ALLOWED_HOSTS, 'llm': settings.LLM_BACKEND}))"
)


def load(tmp_path, probe=PROBE, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_")}
    clean.update({"OPENKITCHEN_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "core.settings"})
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, env=clean, capture_output=True, text=True
    )


def test_no_environment_gives_the_embedded_stack(tmp_path):
    import json

    result = load(tmp_path)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["broker"] == "filesystem://"
    assert values["llm"] == "llamacpp"
    assert values["debug"] is False
    assert (tmp_path / "secret_key").exists(), "an install generates its own secret key"


def test_a_typo_in_debug_stops_start_up(tmp_path):
    result = load(tmp_path, OPENKITCHEN_DEBUG="ture")
    assert result.returncode != 0
    assert "is not a boolean" in result.stderr


def test_the_crop_fit_workers_come_from_the_environment_and_zero_stops_start_up(tmp_path):
    probe = "from django.conf import settings; print(settings.CROPS_FIT_WORKERS)"
    result = load(tmp_path, probe, OPENKITCHEN_CROPS_FIT_WORKERS="3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
    result = load(tmp_path, probe, OPENKITCHEN_CROPS_FIT_WORKERS="0")
    assert result.returncode != 0
    assert "OPENKITCHEN_CROPS_FIT_WORKERS=0 must be at least 1" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = load(tmp_path, OPENKITCHEN_PRODUCTION="true", OPENKITCHEN_ALLOWED_HOSTS="x.org")
    assert result.returncode != 0
    assert "OPENKITCHEN_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_or_insecure_secret_key(tmp_path):
    result = load(
        tmp_path,
        OPENKITCHEN_PRODUCTION="true",
        OPENKITCHEN_ALLOWED_HOSTS="x.org",
        OPENKITCHEN_SECRET_KEY="django-insecure-short",
    )
    assert result.returncode != 0
    assert "random value" in result.stderr


def test_production_requires_allowed_hosts(tmp_path):
    result = load(tmp_path, OPENKITCHEN_PRODUCTION="true", OPENKITCHEN_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_turns_on_secure_cookies_and_takes_urls(tmp_path):
    import json

    result = load(
        tmp_path,
        OPENKITCHEN_PRODUCTION="true",
        OPENKITCHEN_SECRET_KEY="k" * 60,
        OPENKITCHEN_ALLOWED_HOSTS="kitchen.example.org",
        OPENKITCHEN_DATABASE_URL="postgres://u:p@db:5432/ok",
        OPENKITCHEN_BROKER_URL="redis://broker:6379/0",
        OPENKITCHEN_LLM_BACKEND="openai",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["secure"] is True
    assert values["db"] == "django.db.backends.postgresql"
    assert values["broker"] == "redis://broker:6379/0"
    assert values["hosts"] == ["kitchen.example.org"]
    assert values["llm"] == "openai"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_")}
    env.update(
        OPENKITCHEN_VAR_DIR=str(tmp_path),
        OPENKITCHEN_PRODUCTION="true",
        OPENKITCHEN_SECRET_KEY="a-Very-random-KEY-" + "x9Yz" * 12,
        OPENKITCHEN_ALLOWED_HOSTS="kitchen.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
