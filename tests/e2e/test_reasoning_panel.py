"""The run page with an R1 model: the chain of thought streams into its own
panel, then the cited answer. The bundled model does not think, so this stack
points the app at the fake vLLM server (vLLM's wire format, ``reasoning`` deltas).
"""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page
from tests.e2e.stack import LiveStack
from tests.fakes.vllm import FakeVLLM, Script

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REASONING = (
    "The farmer asks how to store grain. Source 1 says grain keeps when it is dry, "
    "below fourteen percent moisture, in a clean and sealed bin. I should say that "
    "first and cite it."
).split(" ")
ANSWER = "Dry the grain below 14% moisture and keep it in a clean, sealed bin [1].".split(" ")
NOTES = """# Storing grain after harvest

Grain keeps well only when it is dry: below 14% moisture for wheat and maize.
Clean the bin before filling it and seal it against insects and rain.
Check the grain every two weeks for heat, smell and insects.
"""


@pytest.fixture(scope="module")
def fake_r1():
    script = Script(
        reasoning=[w + " " for w in REASONING], content=[w + " " for w in ANSWER], delay_s=0.2
    )
    with FakeVLLM(script) as fake:
        yield fake


@pytest.fixture(scope="module")
def stack(tmp_path_factory, fake_r1):
    """This module's own stack: the app talks to the fake R1 server over HTTP."""
    live = LiveStack(
        tmp_path_factory.mktemp("e2e-r1"),
        env={
            "OPENKITCHEN_LLM_BACKEND": "openai",
            "OPENKITCHEN_LLM_BASE_URL": fake_r1.base_url,
            "OPENKITCHEN_LLM_MODEL": fake_r1.model,
        },
    ).start()
    try:
        live.add_corpus("grain-notes", ["farmer"], {"grain-storage.md": NOTES})
        live.start_worker()
        yield live
    finally:
        live.stop()


STATE = """() => {
    const text = document.querySelector('.step-reasoning .reasoning-text');
    const badge = document.querySelector('#run-header .badge');
    return {n: text ? text.textContent.trim().length : 0, status: badge ? badge.className : ''};
}"""


def watch_run(page, timeout_s: float = 180) -> list[dict]:
    """Sample the page until the run has ended; return the samples."""
    samples, deadline = [], time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        state = page.evaluate(STATE)
        samples.append(state)
        if re.search(r"status-(succeeded|failed|cancelled)", state["status"]):
            return samples
        page.wait_for_timeout(100)
    raise AssertionError(f"the run did not end in {timeout_s} s; last state {samples[-1]}")


def test_the_reasoning_streams_into_its_panel_then_the_cited_answer(
    page, sign_in, screens, fake_r1
):
    sign_in(page, "farmer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask").click()
    page.get_by_label("Your question").fill("How should I store my grain after harvest?")
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}/$"))
    check_page(page, screens, "started")

    samples = watch_run(page)
    assert "status-succeeded" in samples[-1]["status"], page.inner_text("#run-header")
    growing = sorted({s["n"] for s in samples if "status-running" in s["status"] and s["n"]})
    assert len(growing) >= 2, f"the reasoning did not stream in while running: {growing}"

    expect(page.locator(".model-name")).to_contain_text("DeepSeek-R1")
    reasoning = page.locator(".step-reasoning")
    expect(reasoning).to_contain_text("fourteen percent moisture")
    answer = page.locator(".step-answer")
    expect(answer).to_contain_text("14% moisture")
    assert "fourteen percent" not in answer.inner_text(), "reasoning leaked into the answer"
    screens(page, "streamed")

    # The finished page, as it is opened later: reasoning folded away, one click to read it.
    page.reload()
    panel = page.locator(".step-reasoning details")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("summary").click()
    expect(panel.locator(".reasoning-text")).to_be_visible()
    target = page.locator(".step-answer a.cite").first.get_attribute("href")
    expect(page.locator(target)).to_contain_text("grain")  # the citation leads to its passage
    check_page(page, screens, "finished")

    # A real R1 thinks for pages: the panel and a long passage then scroll inside
    # themselves, and a keyboard user must be able to reach and scroll them.
    page.evaluate(
        """() => {
            const long = '\\nThe model keeps thinking about moisture and bins.'.repeat(200);
            document.querySelector('.reasoning-text').append(long);
            document.querySelector('.passage').append(long);
        }"""
    )
    box = page.locator(".reasoning-text")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight"), "the panel should scroll"
    box.focus()
    page.keyboard.press("End")
    # Chromium scrolls smoothly: wait for the scroll rather than read it at once.
    page.wait_for_function("() => document.querySelector('.reasoning-text').scrollTop > 0")
    check_page(page, screens, "long-reasoning")

    sent = fake_r1.requests[-1]
    assert [m["role"] for m in sent["messages"]] == ["user"], "R1 takes no system prompt"
    assert sent["stream"] is True


def test_a_model_server_dying_mid_stream_ends_with_the_composed_answer_and_says_why(
    page, sign_in, screens, fake_r1
):
    """Fault: the LLM server drops the connection while the model is thinking."""
    healthy = fake_r1.script
    fake_r1.script = Script(
        reasoning=healthy.reasoning, content=healthy.content, delay_s=0.05, drop_after=12
    )
    try:
        sign_in(page, "farmer", next_path="/ask/")
        page.get_by_label("Your question").fill("How should I store my grain after harvest?")
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}/$"))
        samples = watch_run(page)
    finally:
        fake_r1.script = healthy
    assert "status-succeeded" in samples[-1]["status"]
    page.reload()
    answer = page.locator(".step-answer")
    expect(answer).to_contain_text("Quoted from the sources by code")
    expect(answer).to_contain_text("14% moisture")  # the notes' own sentence, cited
    expect(page.locator(".step-checks")).to_contain_text("closed the connection")
    reasoning = page.locator(".step-reasoning .reasoning-text")
    kept = reasoning.text_content()
    assert kept.startswith("The farmer asks"), kept
    assert "cite it" not in kept, "the whole reasoning cannot have arrived"
    check_page(page, screens, "dropped")
