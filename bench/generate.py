"""Generation overhead of core.reasoning's streaming service over the bare
in-process backend, on the same prompt, model, seed and sampling settings.

    .venv/bin/python bench/generate.py [--runs 5] [--max-tokens 64]

Service path: the grounded prompt is built from numbered sources, streamed
through ``stream_to_steps`` on a ``RunContext`` (the R1 parser, reasoning/answer
separation, the runs recorder writing step rows to the database as tokens
arrive, timings and token counts recorded on the Run). Its time to first token
runs from before the prompt is built until the first token is written to its
step (what a viewer can see).
Bare path: ``Llama.create_chat_completion(stream=True)`` on the same loaded
model and prompt; time to first token until its first chunk. Tokens/s is
completion tokens over the time from the first token to the end of the call.
Celery and the browser are not included. The KV cache is reset before each
call so neither path reuses the other's prompt; the order alternates.

It sets up a throw-away var folder (SQLite, broker) itself. Logs go to stderr;
the last stdout line is one JSON object: ttft_ms, bare_ttft_ms, ttft_ratio
(service / bare), tokens_per_s, bare_tokens_per_s, tokens_per_s_ratio
(service / bare); medians over --runs calls of each (at least 5). On a shared
machine the model's own speed varies from call to call far more than the
service adds, so two more keys measure the service's own work directly:
service_own_ms, the time of a service call spent outside the backend's stream
(prompt building, step rows, language labels, timings; the backend's think-tag
parser runs inside its stream and counts with the model there), and
service_own_share, that time over the whole call (medians).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

from common import logger, setup_django  # noqa: E402 (bench/ is the script folder)

log = logger("generate")
SOURCES = [
    (
        "Onion market bulletin",
        "Prices",
        "Onion arrivals at the wholesale market fell by 18% this week "
        "after heavy rain delayed harvesting. Modal prices rose from 1,850 to 2,240 rupees "
        "per quintal. "
        "Traders expect arrivals to recover within two weeks as fields dry.",
    ),
    (
        "Storage advisory",
        "Curing and storage",
        "Cure onions in shade for 7 to 10 days before storage. "
        "Store in ventilated structures with bottom ventilation; keep bulbs dry. "
        "Losses in storage are "
        "usually 25 to 40% over four months, mostly from weight loss and sprouting.",
    ),
    (
        "Weather outlook",
        "Next ten days",
        "Light to moderate rain is likely on three of the next ten "
        "days. Temperatures stay between 21 and 30 degrees. "
        "Harvested produce should be kept covered.",
    ),
]
QUESTION = "Should I sell my onions this week or store them for a month? Explain briefly."


class _InsideModel:
    """The process's backend, with a stopwatch on the time spent inside its stream
    (the model computing the next token). The rest of a service call is the
    service's own work: prompt, parsing, step rows, timings. Two clock reads a
    token; the backend itself is the same object."""

    def __init__(self, backend):
        self.backend, self.inside_s = backend, 0.0

    def __getattr__(self, name):
        return getattr(self.backend, name)

    def stream(self, *args, **kwargs):
        deltas = self.backend.stream(*args, **kwargs)
        try:
            while True:
                started = time.perf_counter()
                try:
                    delta = next(deltas)
                finally:
                    self.inside_s += time.perf_counter() - started
                yield delta
        except StopIteration:
            return
        finally:
            deltas.close()


BENCH_KIND = "bench.generate"


def register_kind() -> None:
    """The service path is a run of its own kind, executed by ``run_inline`` as a
    worker would: events -> the runs recorder -> RunSteps, as in a job."""
    from core.runs import Outcome, run_kind

    @run_kind(BENCH_KIND, title="Benchmark: one streamed model call")
    def generate(ctx) -> Outcome:
        sample = service_call(ctx, ctx.inputs["max_tokens"], ctx.inputs["seed"])
        return Outcome({"sample": list(sample)}, "Measured.")


def service_sample(max_tokens: int, seed: int) -> tuple:
    from core.runs import run_inline

    run = run_inline(None, BENCH_KIND, {"max_tokens": max_tokens, "seed": seed})
    if run.status != run.Status.SUCCEEDED:
        raise SystemExit(f"the service call failed: {run.error}")
    return tuple(run.result["sample"])


def bench_prompt() -> str:
    """The grounded prompt over ``SOURCES`` for ``QUESTION``, as an Ask builds it."""
    from core.reasoning.grounded import build_prompt

    records = [
        {"n": i, "document_title": t, "heading": h, "text": x}
        for i, (t, h, x) in enumerate(SOURCES, 1)
    ]
    return build_prompt(QUESTION, records)


def service_call(steps, max_tokens: int, seed: int) -> tuple[float, float, int, float, float]:
    from core.reasoning.llm import get_llm
    from core.reasoning.streaming import stream_to_steps

    timed = _InsideModel(get_llm())
    t0 = time.perf_counter()
    prompt = bench_prompt()
    result = stream_to_steps(
        steps,
        [{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
        seed=seed,
        backend=timed,
    )
    marks = result.marks
    tokens = result.usage.completion_tokens or 0
    generating = marks["ended"] - marks["first_delta"]
    total_s = marks["ended"] - t0
    own_s = total_s - timed.inside_s
    return (
        (marks["first_visible"] - t0) * 1000,
        tokens / generating,
        tokens,
        own_s * 1000,
        own_s / total_s,
    )


def bare_call(llama, prompt: str, max_tokens: int, seed: int) -> tuple[float, float, int]:
    from django.conf import settings

    t0 = time.perf_counter()
    first, tokens = None, 0
    for chunk in llama.create_chat_completion(
        messages=[{"role": "user", "content": prompt}],
        stream=True,
        max_tokens=max_tokens,
        temperature=settings.LLM_TEMPERATURE,
        top_p=settings.LLM_TOP_P,
        seed=seed,
    ):
        if chunk["choices"][0].get("delta", {}).get("content"):
            tokens += 1
            if first is None:
                first = time.perf_counter()
    ended = time.perf_counter()
    return (first - t0) * 1000, tokens / (ended - first), tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    runs = max(5, args.runs)

    with tempfile.TemporaryDirectory(prefix="ok-bench-generate-") as var_dir:
        setup_django(var_dir, migrate=True, LLM_BACKEND="llamacpp")
        from core.reasoning.llm import get_llm

        register_kind()
        backend = get_llm()
        llama = backend._load()
        prompt = bench_prompt()
        log(
            f"model {backend.model_name}; prompt {backend.count_tokens(prompt)} tokens; "
            f"max {args.max_tokens} tokens; {runs} runs each "
            "(on a shared, loaded machine the numbers are noisy)"
        )
        service, bare = alternate(llama, prompt, runs, args.max_tokens, args.seed)
    print(json.dumps(figures(service, bare)))


def alternate(llama, prompt: str, runs: int, max_tokens: int, seed: int) -> tuple[list, list]:
    """(service samples, bare samples): ``runs`` of each, in alternating order,
    after one pair that warms up and is not counted."""
    service, bare = [], []
    for i in range(runs + 1):
        order = ("bare", "service") if i % 2 == 0 else ("service", "bare")
        for path in order:
            llama.reset()  # no prompt reuse between calls
            if path == "bare":
                sample = bare_call(llama, prompt, max_tokens, seed)
            else:
                sample = service_sample(max_tokens, seed)
            if i:
                (bare if path == "bare" else service).append(sample)
            log(
                f"{'warm-up ' if not i else ''}{path}: ttft {sample[0]:.0f} ms, "
                f"{sample[1]:.1f} tokens/s, {sample[2]} tokens"
                + (f", {sample[3]:.1f} ms outside the model" if path == "service" else "")
            )
    return service, bare


def figures(service: list, bare: list) -> dict:
    def median(samples, index):
        return statistics.median(s[index] for s in samples)

    ttft, bare_ttft = median(service, 0), median(bare, 0)
    tps, bare_tps = median(service, 1), median(bare, 1)
    return {
        "ttft_ms": round(ttft, 1),
        "bare_ttft_ms": round(bare_ttft, 1),
        "ttft_ratio": round(ttft / bare_ttft, 3),
        "tokens_per_s": round(tps, 2),
        "bare_tokens_per_s": round(bare_tps, 2),
        "tokens_per_s_ratio": round(tps / bare_tps, 3),
        # the service's own time per call (everything but the model computing
        # tokens), median: what the ratios measure, without the model's noise
        "service_own_ms": round(median(service, 3), 1),
        "service_own_share": round(median(service, 4), 4),
    }


if __name__ == "__main__":
    main()
