"""No Docker engine runs here: parse docker-compose.yml and check its shape."""

import yaml

from tests.conftest import REPO_ROOT


def load():
    return yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def test_it_has_every_production_service():
    services = load()["services"]
    assert {"db", "broker", "chroma", "llm", "web", "worker", "migrate"} <= set(services)


def test_web_worker_and_migrate_share_one_image_and_env():
    services = load()["services"]
    images = {services[name]["image"] for name in ("web", "worker", "migrate")}
    assert len(images) == 1
    assert all(services[name]["env_file"] == ".env" for name in ("web", "worker", "migrate"))


def test_web_is_an_asgi_server_and_worker_is_celery():
    services = load()["services"]
    web = " ".join(services["web"]["command"])
    assert "uvicorn" in web and "core.asgi:application" in web
    assert services["worker"]["command"][:3] == ["celery", "-A", "core"]
    assert "container_name" not in services["worker"], "a fixed name would break --scale"
    assert "ports" not in services["worker"]


def test_the_llm_is_vllm_serving_r1_with_its_reasoning_parser_on_a_gpu():
    llm = load()["services"]["llm"]
    assert llm["image"].startswith("vllm/vllm-openai")
    args = llm["command"]
    assert args[args.index("--reasoning-parser") + 1] == "deepseek_r1"
    assert "DeepSeek-R1" in args[args.index("--model") + 1]
    devices = llm["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["capabilities"] == ["gpu"]
    assert any("huggingface" in volume for volume in llm["volumes"])


def test_services_have_health_checks_and_the_app_waits_for_migrations():
    services = load()["services"]
    for name in ("db", "broker", "llm", "web"):
        assert "healthcheck" in services[name], name
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"][-2:] == ["migrate", "--noinput"]


def test_env_example_names_every_production_setting():
    text = (REPO_ROOT / ".env.example").read_text()
    for key in (
        "PRODUCTION",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "BROKER_URL",
        "CHROMA_URL",
        "LLM_BACKEND",
        "LLM_BASE_URL",
        "LLM_MODEL",
        "EMBEDDER",
    ):
        assert f"OPENKITCHEN_{key}=" in text, key
