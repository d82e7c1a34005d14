"""The reasoning library: model backends, grounded answers, structured output,
composed text and its checks. Pure: it never imports core.runs, core.accounts or
core.corpora; a caller hands it a ``core.steps.Steps`` to record on. Public names
for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "answer_with_sources": "core.reasoning.grounded",
    "GroundedAnswer": "core.reasoning.grounded",
    "generate_structured": "core.reasoning.structured",
    "json_char_bound": "core.reasoning.structured",
    "StructuredOutputError": "core.reasoning.structured",
    "ModelTimeout": "core.reasoning.structured",
    "check_text": "core.reasoning.checks",
    "Evidence": "core.reasoning.checks",
    "StreamGuard": "core.reasoning.checks",
    "compose_answer": "core.reasoning.compose",
    "compose_advisory": "core.reasoning.compose",
    "compose_finding": "core.reasoning.compose",
    "SourceText": "core.reasoning.compose",
    "relevance": "core.reasoning.compose",
    "Relevance": "core.reasoning.compose",
    "quotable_sentences": "core.reasoning.compose",
    "is_caption": "core.reasoning.compose",
    "render_markdown": "core.text.markdown",
    "get_llm": "core.reasoning.llm",
    "LLMBackend": "core.reasoning.llm",
    "LLMError": "core.reasoning.llm",
    "active_model_name": "core.reasoning.llm",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)
