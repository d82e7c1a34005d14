"""The reasoning library: model backends, grounded answers, structured output, step
events. Pure: it never imports core.runs, core.accounts or core.corpora; a caller
hands it a ``Steps`` to record on. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "StepKind": "core.reasoning.events",
    "StepStatus": "core.reasoning.events",
    "Steps": "core.reasoning.events",
    "ListSink": "core.reasoning.events",
    "Stopped": "core.reasoning.events",
    "Cancelled": "core.reasoning.events",
    "hit_record": "core.reasoning.payloads",
    "retrieval_data": "core.reasoning.payloads",
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
    "render_markdown": "core.reasoning.markdown",
    "get_llm": "core.reasoning.llm",
    "LLMBackend": "core.reasoning.llm",
    "LLMError": "core.reasoning.llm",
    "active_model_name": "core.reasoning.llm",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)
