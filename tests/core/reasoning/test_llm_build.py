"""get_llm() builds the backend the settings name, under the name the pages show."""

import pytest

from core import context_processors
from core.bundled import active_model_name
from core.reasoning import llm as llm_module
from core.reasoning.backends.llamacpp import LlamaCppBackend
from core.reasoning.backends.openai_compat import OpenAICompatibleBackend


@pytest.fixture(autouse=True)
def fresh_backend():
    llm_module.reset_llm()
    yield
    llm_module.reset_llm()


def test_the_openai_setting_builds_a_client_named_for_its_model(settings):
    settings.LLM_BACKEND = "openai"
    settings.LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.LLM_MODEL = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"
    backend = llm_module.get_llm()
    assert isinstance(backend, OpenAICompatibleBackend)
    assert backend.model_name == active_model_name() == settings.LLM_MODEL
    assert llm_module.get_llm() is backend  # one per process


def test_the_bundled_model_is_shown_under_its_display_name(settings):
    settings.LLM_BACKEND = "llamacpp"
    settings.LLM_GGUF_PATH = "bundled"
    backend = llm_module.get_llm()  # the file loads on first use, not here
    assert isinstance(backend, LlamaCppBackend)
    assert backend.model_name == active_model_name()
    assert backend.model_name.startswith("SmolLM2-135M-Instruct")


def test_any_other_gguf_is_shown_under_its_file_name(settings, tmp_path):
    settings.LLM_BACKEND = "llamacpp"
    settings.LLM_GGUF_PATH = str(tmp_path / "qwen-r1-distill.gguf")
    assert llm_module.get_llm().model_name == "qwen-r1-distill (in process)"


def test_the_facade_still_exports_every_name_it_did():
    assert set(llm_module.__all__) == {
        "Delta",
        "Usage",
        "LLMBackend",
        "LLMError",
        "LLMUnavailable",
        "LLMTimeout",
        "LLMProtocolError",
        "LLMContextOverflow",
        "get_llm",
        "reset_llm",
    }
    assert llm_module.LlamaCppBackend is LlamaCppBackend
    assert llm_module.OpenAICompatibleBackend is OpenAICompatibleBackend


def test_the_template_layer_reexports_the_model_name():
    assert context_processors.active_model_name is active_model_name
