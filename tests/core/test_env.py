import pytest
from django.core.exceptions import ImproperlyConfigured

from core.env import Env


def test_it_parses_true_and_false_words():
    env = Env({"OPENKITCHEN_A": "yes", "OPENKITCHEN_B": "Off", "OPENKITCHEN_C": "1"})
    assert env.bool("A", False) is True
    assert env.bool("B", True) is False
    assert env.bool("C", False) is True
    assert env.bool("MISSING", True) is True


def test_it_rejects_a_typo_in_a_boolean_instead_of_meaning_false():
    with pytest.raises(ImproperlyConfigured, match="OPENKITCHEN_DEBUG='ture'"):
        Env({"OPENKITCHEN_DEBUG": "ture"}).bool("DEBUG", False)


def test_it_rejects_a_non_integer_and_a_too_small_integer():
    with pytest.raises(ImproperlyConfigured):
        Env({"OPENKITCHEN_N": "ten"}).int("N", 1)
    with pytest.raises(ImproperlyConfigured):
        Env({"OPENKITCHEN_N": "0"}).int("N", 1, minimum=1)
    assert Env({"OPENKITCHEN_N": "1_000"}).int("N", 1) == 1000


def test_it_reads_secrets_from_a_file(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert Env({"OPENKITCHEN_SECRET_KEY_FILE": str(secret)}).str("SECRET_KEY") == "s3cret"


def test_it_refuses_both_a_value_and_a_file(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("x")
    env = Env({"OPENKITCHEN_K": "a", "OPENKITCHEN_K_FILE": str(secret)})
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env.str("K")


def test_it_reports_an_unreadable_secret_file():
    with pytest.raises(ImproperlyConfigured, match="cannot read"):
        Env({"OPENKITCHEN_K_FILE": "/nonexistent/secret"}).str("K")


def test_it_splits_lists_and_checks_choices():
    env = Env({"OPENKITCHEN_HOSTS": "a.org, b.org,", "OPENKITCHEN_LLM": "gpt"})
    assert env.list("HOSTS") == ["a.org", "b.org"]
    with pytest.raises(ImproperlyConfigured, match="expected one of"):
        env.choice("LLM", "llamacpp", {"llamacpp", "openai"})
