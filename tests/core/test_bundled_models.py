"""The bundled models load from site-packages with no network and do their job."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

EMBED = """
import os
assert os.environ["HF_HUB_OFFLINE"] == "1"
from core.bundled import bundled_embedder_path
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(bundled_embedder_path()), device="cpu")
vector = model.encode("rice prices in Dhaka")
print(len(vector))
"""

GENERATE = """
from llama_cpp import Llama
from core.bundled import bundled_gguf_path
llm = Llama(model_path=str(bundled_gguf_path()), n_ctx=512, n_threads=2, seed=7, verbose=False)
out = llm.create_chat_completion(
    messages=[{"role": "user", "content": "Name one vegetable."}],
    max_tokens=12,
    temperature=0.6,
    top_p=0.95,
)
print(out["usage"]["completion_tokens"])
print(repr(out["choices"][0]["message"]["content"]))
"""


def run_offline(code):
    env = dict(
        os.environ,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        DJANGO_SETTINGS_MODULE="core.settings",
        # an unroutable proxy: any attempt at the network fails loudly
        HTTPS_PROXY="http://127.0.0.1:9",
        HTTP_PROXY="http://127.0.0.1:9",
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_bundled_embedder_gives_a_384_dimension_vector_offline():
    result = run_offline(EMBED)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "384"


def test_the_bundled_llm_produces_tokens_offline():
    result = run_offline(GENERATE)
    assert result.returncode == 0, result.stderr[-2000:]
    tokens, text = result.stdout.strip().splitlines()[-2:]
    assert int(tokens) > 0
    assert len(eval(text).strip()) > 0
